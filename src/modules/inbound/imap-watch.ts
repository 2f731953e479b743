import type { ImapFlow } from 'imapflow';
import type { Ctx } from '../../platform/context.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { closeImap, connectImap } from './imap-client.ts';
import { IMAP_FETCH_JOB } from './imap-fetch.service.ts';
import { savedConnection } from './imap-settings.service.ts';
import { findImapRow } from './imap.repo.ts';

export interface WatcherOptions {
  /** A system context for each round (fresh clock reading). */
  ctx: () => Ctx;
  /** Wakes the job worker after a fetch was queued. */
  poke: () => void;
  /** Pause before reconnecting after the connection ended or failed. */
  retryMs?: number;
  /** How often the settings are checked for a change while idling. */
  checkMs?: number;
}

/**
 * Keeps one IMAP connection idling on the configured folder (IMAP IDLE) and queues a fetch job as
 * soon as the server announces new mail. Without IDLE support, or while the mailbox is off, it does
 * nothing: the recurring poll job covers that. Fetching itself is always the job's, so a watcher
 * that dies loses nothing.
 */
export class ImapWatcher {
  private running = false;
  private loop: Promise<void> | undefined;
  private client: ImapFlow | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: WatcherOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.client?.close();
    this.wake?.();
    await this.loop;
  }

  private async queueFetch(): Promise<void> {
    const ctx = this.options.ctx();
    await enqueueJob(ctx.db, IMAP_FETCH_JOB, {}, ctx.now());
    this.options.poke();
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.watchOnce().catch(() => undefined);
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.retryMs ?? 30_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** One connection: idle until it drops, the watcher stops or the settings change. */
  private async watchOnce(): Promise<void> {
    const ctx = this.options.ctx();
    const conn = await savedConnection(ctx);
    if (!conn || conn.row.enabled !== 1) return;
    const client = await connectImap(conn, 15_000, 500);
    this.client = client;
    const check = setInterval(() => {
      void findImapRow(ctx.db).then((row) => {
        if (!row || row.updated_at !== conn.row.updated_at || row.enabled !== 1) client.close();
      });
    }, this.options.checkMs ?? 30_000);
    try {
      if (!client.capabilities.has('IDLE')) return;
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      await client.mailboxOpen(conn.row.folder);
      client.on('exists', () => void this.queueFetch().catch(() => undefined));
      // Whatever arrived while nobody was watching.
      await this.queueFetch();
      if (this.running) await closed;
    } finally {
      clearInterval(check);
      this.client = undefined;
      await closeImap(client);
    }
  }
}
