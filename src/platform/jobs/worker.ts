import { hostname } from 'node:os';
import { randomToken } from '../crypto.ts';
import type { Dialect } from '../db/database.ts';
import type { Db } from '../db/tx.ts';
import { claimJob, completeJob, extendLease, failJob, type Job } from './queue.ts';

export type JobHandler = (payload: any, job: Job) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  dialect: Dialect;
  handlers: Record<string, JobHandler>;
  now?: () => number;
  leaseMs?: number;
  pollMs?: number;
  log?: { error(obj: object, msg: string): void; info?(obj: object, msg: string): void };
}

/**
 * Runs due jobs one at a time, at least once each. Handlers must be idempotent: a job whose worker
 * died mid-run is run again once its lease expires. The lease is renewed while the handler runs.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomToken(6)}`;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private readonly now: () => number;
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: WorkerOptions) {
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Wakes the loop early, e.g. right after a request enqueued a job. */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Runs every due job now and returns how many ran; tests use it to drain the queue. */
  async drain(limit = 1000): Promise<number> {
    let count = 0;
    while (count < limit && (await this.runOne())) count++;
    return count;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let ran = false;
      try {
        ran = await this.runOne();
      } catch (err) {
        this.options.log?.error({ err }, 'job worker loop failed');
      }
      if (!ran && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async runOne(): Promise<boolean> {
    const { db, dialect, handlers } = this.options;
    const job = await claimJob(db, dialect, this.id, Object.keys(handlers), this.now(), this.leaseMs);
    if (!job) return false;
    const handler = handlers[job.kind]!;
    const renew = setInterval(() => {
      extendLease(db, job, this.id, this.now() + this.leaseMs).catch(() => undefined);
    }, this.leaseMs / 3);
    try {
      await handler(JSON.parse(job.payload), job);
      await completeJob(db, job, this.id, this.now());
    } catch (err) {
      this.options.log?.error({ err, jobId: job.id, kind: job.kind }, 'job failed');
      await failJob(db, job, this.id, err instanceof Error ? err.message : String(err), this.now());
    } finally {
      clearInterval(renew);
    }
    return true;
  }
}
