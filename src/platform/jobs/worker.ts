import { hostname } from 'node:os';
import { randomToken } from '../crypto.ts';
import type { Dialect } from '../db/database.ts';
import type { Db } from '../db/tx.ts';
import { claimJob, completeJob, extendLease, failJob, type Job } from './queue.ts';
import { scheduleNextRecurring, scheduleRecurring, type RecurringJob } from './recurring.ts';

export type JobHandler = (payload: any, job: Job) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  dialect: Dialect;
  handlers: Record<string, JobHandler>;
  now?: () => number;
  leaseMs?: number;
  pollMs?: number;
  /** Kinds that run periodically: scheduled when the worker starts, each run schedules the next. */
  recurring?: RecurringJob[];
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

  /** Makes sure every recurring kind has a job for the current period; safe to call from many workers. */
  async scheduleRecurring(): Promise<void> {
    for (const job of this.options.recurring ?? []) {
      await scheduleRecurring(this.options.db, job.kind, job.everyMs, this.now());
    }
  }

  private async run(): Promise<void> {
    await this.scheduleRecurring().catch((err: unknown) =>
      this.options.log?.error({ err }, 'scheduling recurring jobs failed'),
    );
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
    // The next run is scheduled before this one starts, so a crash here never ends the chain.
    const recurring = this.options.recurring?.find((r) => r.kind === job.kind);
    if (recurring) await scheduleNextRecurring(db, recurring, this.now());
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
