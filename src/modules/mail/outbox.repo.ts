import type { Insertable, Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { OutboxTable } from '../../platform/db/types.ts';

export type OutboxMail = Selectable<OutboxTable>;

export async function insertOutboxMail(db: Db | Tx, mail: Insertable<OutboxTable>): Promise<number> {
  const row = await db.insertInto('outbox').values(mail).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function findOutboxMail(db: Db | Tx, id: number): Promise<OutboxMail | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markOutboxSent(db: Db | Tx, id: number, now: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: now, last_error: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markOutboxAttemptFailed(db: Db | Tx, id: number, error: string, final: boolean) {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 1000),
      ...(final ? { status: 'failed' as const } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function markOutboxPending(db: Db | Tx, id: number): Promise<void> {
  await db.updateTable('outbox').set({ status: 'pending' }).where('id', '=', id).execute();
}

/** Newest first, keyset-paginated by id. */
export function listOutboxMail(db: Db | Tx, opts: { beforeId?: number; limit: number; status?: string }) {
  let q = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(opts.limit);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  if (opts.status) q = q.where('status', '=', opts.status as OutboxMail['status']);
  return q.execute();
}

export function listPendingOutboxIds(db: Db | Tx, limit: number): Promise<{ id: number }[]> {
  return db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(limit)
    .execute();
}
