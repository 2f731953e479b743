import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { InboundMail, InboundMailsTable, InboundStatus } from './inbound.tables.ts';

/** The columns lists and pages show: everything but the raw bytes and the full bodies. */
const SUMMARY = [
  'id',
  'source',
  'message_id',
  'size',
  'from_address',
  'subject',
  'status',
  'mail_class',
  'decision',
  'decision_detail',
  'ticket_id',
  'ticket_message_id',
  'error',
  'attempts',
  'received_at',
  'processed_at',
] as const;
export type InboundSummary = Pick<InboundMail, (typeof SUMMARY)[number]>;

/** Stores a received mail; undefined when the same mail (Message-ID and bytes) is already stored. */
export async function insertInboundMail(
  db: Db | Tx,
  row: Insertable<InboundMailsTable>,
): Promise<number | undefined> {
  const inserted = await db
    .insertInto('inbound_mails')
    .values(row)
    .onConflict((oc) => oc.columns(['message_id', 'content_hash']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function findInboundIdByKey(db: Db | Tx, messageId: string, hash: string) {
  const row = await db
    .selectFrom('inbound_mails')
    .select(['id', 'status'])
    .where('message_id', '=', messageId)
    .where('content_hash', '=', hash)
    .executeTakeFirst();
  return row;
}

/** The whole stored mail, raw bytes included. */
export function findInboundMail(db: Db | Tx, id: number): Promise<InboundMail | undefined> {
  return db.selectFrom('inbound_mails').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findInboundSummary(db: Db | Tx, id: number): Promise<InboundSummary | undefined> {
  return db.selectFrom('inbound_mails').select(SUMMARY).where('id', '=', id).executeTakeFirst();
}

/** The original's full text and HTML, for staff to view. */
export function findInboundOriginal(db: Db | Tx, id: number) {
  return db
    .selectFrom('inbound_mails')
    .select([...SUMMARY, 'text_full', 'html_full'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateInboundMail(
  db: Db | Tx,
  id: number,
  patch: Updateable<InboundMailsTable>,
): Promise<void> {
  await db.updateTable('inbound_mails').set(patch).where('id', '=', id).execute();
}

/** Moves a mail from one status to another only if it is still in the first; false when it was not. */
export async function moveInboundStatus(
  db: Db | Tx,
  id: number,
  from: InboundStatus[],
  to: InboundStatus,
): Promise<boolean> {
  const res = await db
    .updateTable('inbound_mails')
    .set({ status: to })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** How many mails a sender sent after `since`, not counting `exceptId` (one index range). */
export async function countRecentFromSender(
  db: Db | Tx,
  address: string,
  since: number,
  exceptId: number,
): Promise<number> {
  const row = await db
    .selectFrom('inbound_mails')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('from_address', '=', address)
    .where('received_at', '>', since)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Mails in the given statuses, newest first, keyset-paginated by id. */
export function listInboundByStatus(
  db: Db | Tx,
  statuses: InboundStatus[],
  opts: { beforeId?: number | undefined; limit: number },
): Promise<InboundSummary[]> {
  let q = db
    .selectFrom('inbound_mails')
    .select(SUMMARY)
    .where('status', 'in', statuses)
    .orderBy('id', 'desc')
    .limit(opts.limit);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  return q.execute();
}

/** The inbound mails that became these ticket messages. */
export function listInboundForMessages(db: Db | Tx, messageIds: number[]): Promise<InboundSummary[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inbound_mails')
    .select(SUMMARY)
    .where('ticket_message_id', 'in', messageIds.slice(0, 500))
    .execute();
}

export function findInboundRaw(db: Db | Tx, id: number) {
  return db.selectFrom('inbound_mails').select('raw').where('id', '=', id).executeTakeFirst();
}
