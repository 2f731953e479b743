import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import { mailDb, type OutboxMail, type OutboxRecord, type OutboxStatus } from './mail.tables.ts';

export type { OutboxMail };

/** Inserts a mail; undefined when its dedupe key is already taken (the mail exists). */
export async function insertOutboxMail(
  db: Db | Tx,
  mail: Insertable<OutboxRecord>,
): Promise<number | undefined> {
  const row = await mailDb(db)
    .insertInto('outbox')
    .values(mail)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function findOutboxIdByDedupeKey(db: Db | Tx, key: string): Promise<number | undefined> {
  const row = await mailDb(db)
    .selectFrom('outbox')
    .select('id')
    .where('dedupe_key', '=', key)
    .executeTakeFirst();
  return row?.id;
}

export function findOutboxMail(db: Db | Tx, id: number): Promise<OutboxMail | undefined> {
  return mailDb(db).selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * queued → sending, recording which job hands the mail to SMTP. Committed before the SMTP
 * conversation, so a crash in between leaves a trace instead of a second send. False when the mail
 * was not queued (another job has it, or it is done).
 */
export async function markOutboxSending(
  db: Db | Tx,
  id: number,
  jobId: number,
  now: number,
): Promise<boolean> {
  const res = await mailDb(db)
    .updateTable('outbox')
    .set({ status: 'sending', send_job_id: jobId, sending_at: now })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function markOutboxSent(db: Db | Tx, id: number, now: number): Promise<void> {
  await mailDb(db)
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: now, last_error: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** A failed attempt: back to queued for the next try, or failed for good. */
export async function markOutboxAttempt(db: Db | Tx, id: number, error: string, next: 'queued' | 'failed') {
  await mailDb(db)
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000), status: next }))
    .where('id', '=', id)
    .execute();
}

/** Fails a mail without an SMTP attempt (bad address, interrupted send). */
export async function markOutboxFailed(db: Db | Tx, id: number, error: string): Promise<void> {
  await mailDb(db)
    .updateTable('outbox')
    .set({ status: 'failed', last_error: error.slice(0, 1000) })
    .where('id', '=', id)
    .execute();
}

/** Back to the queue (an admin's resend). */
export async function markOutboxQueued(db: Db | Tx, id: number): Promise<void> {
  await mailDb(db)
    .updateTable('outbox')
    .set({ status: 'queued', send_job_id: null, sending_at: null })
    .where('id', '=', id)
    .execute();
}

/** Newest first, keyset-paginated by id. */
export function listOutboxMail(db: Db | Tx, opts: { beforeId?: number; limit: number; status?: string }) {
  let q = mailDb(db).selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(opts.limit);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  if (opts.status) q = q.where('status', '=', opts.status as OutboxStatus);
  return q.execute();
}

export function listQueuedOutboxIds(db: Db | Tx, limit: number): Promise<{ id: number }[]> {
  return mailDb(db)
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'queued')
    .orderBy('id')
    .limit(limit)
    .execute();
}
