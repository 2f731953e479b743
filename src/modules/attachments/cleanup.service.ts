import type { Ctx } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/tx.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { deletePending, hasWaitingJob, listExpiredPending, oldestPendingAt } from './attachment.repo.ts';

export const ATTACHMENTS_CLEANUP_JOB = 'attachments.cleanup';
/** How long a pending upload waits for the message it was made for. */
export const PENDING_TTL_MS = 24 * 3600_000;
/** A little slack so the job finds the upload already expired when it runs. */
const SLACK_MS = 60_000;
const BATCH = 100;
const MAX_PER_RUN = 2000;

/**
 * Makes sure a cleanup job is waiting. Called in every upload's transaction: the job then runs a
 * day after the first pending upload and keeps re-scheduling itself while pending uploads remain,
 * so an idle site runs no job at all.
 */
export async function scheduleCleanup(db: Db | Tx, now: number, runAt = now + PENDING_TTL_MS + SLACK_MS) {
  if (await hasWaitingJob(db, ATTACHMENTS_CLEANUP_JOB)) return;
  await enqueueJob(db, ATTACHMENTS_CLEANUP_JOB, {}, now, { runAt });
}

/**
 * Deletes pending uploads older than 24 hours, row first (a claim racing with it wins, and the
 * file stays), then the stored objects. Idempotent; returns how many it removed. Schedules the
 * next run for when the oldest remaining pending upload expires.
 */
export async function removeExpiredUploads(ctx: Ctx, storage: Storage, jobId?: number): Promise<number> {
  const cutoff = ctx.now() - PENDING_TTL_MS;
  let removed = 0;
  while (removed < MAX_PER_RUN) {
    const rows = await listExpiredPending(ctx.db, cutoff, BATCH);
    if (rows.length === 0) break;
    const deleted = new Set(
      await deletePending(
        ctx.db,
        rows.map((r) => r.id),
      ),
    );
    const keys = rows.filter((r) => deleted.has(r.id)).flatMap((r) => [r.storage_key, r.thumb_key]);
    await Promise.all(keys.filter((k): k is string => !!k).map((k) => storage.delete(k)));
    removed += deleted.size;
  }
  const oldest = await oldestPendingAt(ctx.db);
  if (oldest !== undefined && !(await hasWaitingJob(ctx.db, ATTACHMENTS_CLEANUP_JOB, jobId))) {
    const now = ctx.now();
    await enqueueJob(ctx.db, ATTACHMENTS_CLEANUP_JOB, {}, now, {
      runAt: Math.max(now, oldest + PENDING_TTL_MS + SLACK_MS),
    });
  }
  return removed;
}
