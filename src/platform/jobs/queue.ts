import type { Selectable } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Db, Tx } from '../db/tx.ts';
import type { JobsTable } from '../db/types.ts';

export type Job = Selectable<JobsTable>;

export interface EnqueueOptions {
  runAt?: number;
  maxAttempts?: number;
}

/**
 * Adds a job. Called inside a use case's transaction, so the job exists only if the use case
 * commits: the job table is our transactional outbox for side effects.
 */
export async function enqueueJob(
  db: Db | Tx,
  kind: string,
  payload: unknown,
  now: number,
  options: EnqueueOptions = {},
): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload ?? {}),
      run_at: options.runAt ?? now,
      max_attempts: options.maxAttempts ?? 8,
      attempts: 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims one due job for `workerId` with a lease. The claim is one atomic UPDATE: on PostgreSQL the
 * candidate row is locked with SKIP LOCKED, on SQLite the single writer serialises claims.
 * A job whose lease ran out (its worker died) is due again.
 */
export async function claimJob(
  db: Db,
  dialect: Dialect,
  workerId: string,
  kinds: string[],
  now: number,
  leaseMs: number,
): Promise<Job | undefined> {
  if (kinds.length === 0) return undefined;
  return db
    .updateTable('jobs')
    .set((eb) => ({ locked_until: now + leaseMs, locked_by: workerId, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', (eb) => {
      const candidate = eb
        .selectFrom('jobs')
        .select('id')
        .where('done_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('run_at', '<=', now)
        .where('kind', 'in', kinds)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
        .orderBy('run_at')
        .orderBy('id')
        .limit(1);
      return (dialect === 'postgres' ? candidate.forUpdate().skipLocked() : candidate) as never;
    })
    .returningAll()
    .executeTakeFirst();
}

/** Extends a running job's lease; false when the lease was lost to another worker. */
export async function extendLease(db: Db, job: Job, workerId: string, until: number): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({ locked_until: until })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Marks a job done, only if this worker still holds it. */
export async function completeJob(db: Db, job: Job, workerId: string, now: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ done_at: now, locked_until: null, last_error: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Exponential backoff: 2^attempts seconds, capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3600_000, 1000 * 2 ** attempts);
}

/** Records a failure and schedules a retry, or gives up after max_attempts. */
export async function failJob(db: Db, job: Job, workerId: string, error: string, now: number): Promise<void> {
  const exhausted = job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      last_error: error.slice(0, 2000),
      locked_until: null,
      run_at: now + backoffMs(job.attempts),
      ...(exhausted ? { failed_at: now } : {}),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}
