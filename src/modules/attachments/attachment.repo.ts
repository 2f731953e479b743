import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { AttachmentsTable } from './attachment.tables.ts';

export type Attachment = Selectable<AttachmentsTable>;

/** An attachment with what the download check needs: the message's visibility and the ticket's key. */
export type AttachmentWithTicket = Attachment & {
  visibility: 'public' | 'internal' | null;
  ticket_key: string | null;
};

export async function insertAttachment(db: Db | Tx, row: Insertable<AttachmentsTable>): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

/** One attachment by id, joined to its message and ticket (both null while it is pending). */
export function findAttachmentWithTicket(db: Db | Tx, id: string): Promise<AttachmentWithTicket | undefined> {
  return db
    .selectFrom('attachments')
    .leftJoin('messages', 'messages.id', 'attachments.message_id')
    .leftJoin('tickets', 'tickets.id', 'attachments.ticket_id')
    .selectAll('attachments')
    .select(['messages.visibility', 'tickets.key as ticket_key'])
    .where('attachments.id', '=', id)
    .executeTakeFirst();
}

/**
 * Attaches pending uploads of one owner to a message; returns the rows it claimed. Rows of another
 * owner, already claimed or unknown are left alone, so the caller can compare counts.
 */
export function claimPending(
  db: Tx,
  ids: string[],
  ownerKey: string,
  target: { messageId: number; ticketId: number; now: number },
): Promise<Attachment[]> {
  return db
    .updateTable('attachments')
    .set({
      message_id: target.messageId,
      ticket_id: target.ticketId,
      claimed_at: target.now,
      position: sql<number>`case ${sql.join(
        ids.map((id, i) => sql`when id = ${id} then ${sql.lit(i)}`),
        sql` `,
      )} else 0 end`,
    })
    .where('id', 'in', ids)
    .where('owner_key', '=', ownerKey)
    .where('claimed_at', 'is', null)
    .returningAll()
    .execute();
}

/** Pending uploads of one owner among the given ids, in upload order. */
export function listPendingOfOwner(db: Db | Tx, ids: string[], ownerKey: string): Promise<Attachment[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('id', 'in', ids)
    .where('owner_key', '=', ownerKey)
    .where('claimed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The attachments of several messages in one query, by message then upload order. */
export function listByMessages(db: Db | Tx, messageIds: number[]): Promise<Attachment[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('message_id', 'in', messageIds)
    .orderBy('message_id')
    .orderBy('position')
    .execute();
}

/** The oldest pending uploads created before `cutoff` (backed by the partial pending index). */
export function listExpiredPending(db: Db | Tx, cutoff: number, limit: number): Promise<Attachment[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('claimed_at', 'is', null)
    .where('created_at', '<', cutoff)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** When the oldest remaining pending upload was made, if any. */
export async function oldestPendingAt(db: Db | Tx): Promise<number | undefined> {
  const row = await db
    .selectFrom('attachments')
    .select('created_at')
    .where('claimed_at', 'is', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at;
}

/** Deletes rows that are still pending; returns the ids really deleted (a claim may have won). */
export async function deletePending(db: Db | Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .deleteFrom('attachments')
    .where('id', 'in', ids)
    .where('claimed_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Whether a job of this kind is waiting to run (so a recurring job is scheduled once). */
export async function hasWaitingJob(db: Db | Tx, kind: string, exceptId?: number): Promise<boolean> {
  let q = db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return !!(await q.limit(1).executeTakeFirst());
}
