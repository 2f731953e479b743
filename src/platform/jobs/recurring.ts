import type { Db, Tx } from '../db/tx.ts';

declare module '../db/types.ts' {
  interface JobsTable {
    /** Unique when set: a recurring job's `<kind>@<time bucket>`, so each run is scheduled once. */
    key: string | null;
  }
}

/** A job kind that runs every `everyMs`, aligned to multiples of it since the epoch. */
export interface RecurringJob {
  kind: string;
  everyMs: number;
}

/**
 * Makes sure one job of `kind` exists for the time bucket that `now` falls in, due at the bucket's
 * start. Several workers may call it at once: the unique key lets exactly one insert win. True when
 * this call created the job.
 */
export async function scheduleRecurring(
  db: Db | Tx,
  kind: string,
  everyMs: number,
  now: number,
): Promise<boolean> {
  const bucket = Math.floor(now / everyMs);
  const runAt = bucket * everyMs;
  const result = await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify({ at: runAt }),
      run_at: runAt,
      max_attempts: 3,
      attempts: 0,
      created_at: now,
      key: `${kind}@${bucket}`,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Schedules the run after the one `now` falls in; called when a recurring job starts, so the chain never breaks. */
export function scheduleNextRecurring(db: Db | Tx, job: RecurringJob, now: number): Promise<boolean> {
  return scheduleRecurring(db, job.kind, job.everyMs, now + job.everyMs);
}
