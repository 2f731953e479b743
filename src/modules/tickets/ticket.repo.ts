import type { Insertable, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { DB, TicketsTable } from '../../platform/db/types.ts';
import type { Viewer } from './ticket.policy.ts';

export type Ticket = Selectable<TicketsTable>;

/** Limits a ticket query to what the viewer may see; part of every lookup, so others get "not found". */
function visibleTo<O>(q: SelectQueryBuilder<DB, 'tickets', O>, viewer: Viewer) {
  if (viewer.kind === 'staff') return q;
  if (viewer.kind === 'member') {
    return q.where((eb) =>
      eb.or([
        eb('tickets.issuer_user_id', '=', viewer.userId),
        eb.and([eb('tickets.issuer_user_id', 'is', null), eb('tickets.issuer_deleted_at', 'is', null)]),
      ]),
    );
  }
  // A guest ticket opens by its key alone; a ticket whose issuer account was deleted does not.
  return q.where('tickets.issuer_user_id', 'is', null).where('tickets.issuer_deleted_at', 'is', null);
}

export function findVisibleTicketByKey(
  db: Db | Tx,
  key: string,
  viewer: Viewer,
): Promise<Ticket | undefined> {
  return visibleTo(
    db.selectFrom('tickets').selectAll('tickets').where('tickets.key', '=', key),
    viewer,
  ).executeTakeFirst();
}

/** Staff look tickets up by number; nobody else does. */
export function findTicketByNumber(db: Db | Tx, number: number): Promise<Ticket | undefined> {
  return db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function ticketKeyExists(db: Db | Tx, key: string): Promise<boolean> {
  return !!(await db.selectFrom('tickets').select('id').where('key', '=', key).executeTakeFirst());
}

/** The next ticket number: an atomic increment of a counter row, so numbers never repeat. */
export async function nextTicketNumber(db: Tx): Promise<number> {
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'ticket_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function insertTicket(db: Db | Tx, ticket: Insertable<TicketsTable>): Promise<Ticket> {
  return db.insertInto('tickets').values(ticket).returningAll().executeTakeFirstOrThrow();
}

/**
 * Applies a change and bumps the version. With `expectedVersion`, only if nobody changed the
 * ticket since; returns the new version, or undefined when the version did not match.
 */
export async function updateTicketVersioned(
  db: Db | Tx,
  id: number,
  patch: Updateable<TicketsTable>,
  expectedVersion?: number,
  addedMessages = 0,
): Promise<number | undefined> {
  let q = db
    .updateTable('tickets')
    .set((eb) => ({
      ...patch,
      version: eb('version', '+', 1),
      ...(addedMessages ? { message_count: eb('message_count', '+', addedMessages) } : {}),
    }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  const row = await q.returning('version').executeTakeFirst();
  return row?.version;
}

export type TicketListRow = Ticket & { seen_at: number | null };

/**
 * A member's own tickets, open or closed, newest activity first, keyset-paginated by
 * (last_activity_at, id). Backed by tickets_issuer_idx; the read marker comes in the same query.
 */
export function listIssuerTickets(
  db: Db | Tx,
  userId: number,
  opts: { closed: boolean; before?: { at: number; id: number } | undefined; limit: number },
): Promise<TicketListRow[]> {
  let q = db
    .selectFrom('tickets')
    .leftJoin('ticket_reads', (j) =>
      j.onRef('ticket_reads.ticket_id', '=', 'tickets.id').on('ticket_reads.user_id', '=', userId),
    )
    .selectAll('tickets')
    .select('ticket_reads.seen_at')
    .where('tickets.issuer_user_id', '=', userId)
    .where('tickets.closed', '=', opts.closed ? 1 : 0)
    .orderBy('tickets.last_activity_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(opts.limit);
  const before = opts.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([
        eb('tickets.last_activity_at', '<', before.at),
        eb.and([eb('tickets.last_activity_at', '=', before.at), eb('tickets.id', '<', before.id)]),
      ]),
    );
  }
  return q.execute();
}

/** The newest tickets filed under an address (for "find my tickets"). */
export function listTicketsByEmail(db: Db | Tx, email: string, limit: number) {
  return db
    .selectFrom('tickets')
    .select(['id', 'number', 'key', 'subject', 'issuer_user_id', 'created_at'])
    .where('issuer_email', '=', email)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Guest tickets filed under an address, to attach to the account that proved it owns the address. */
export function listGuestTicketIdsByEmail(db: Db | Tx, email: string) {
  return db
    .selectFrom('tickets')
    .select(['id'])
    .where('issuer_email', '=', email)
    .where('issuer_user_id', 'is', null)
    .execute();
}

export async function upsertReadMarker(
  db: Db | Tx,
  userId: number,
  ticketId: number,
  seenAt: number,
): Promise<void> {
  await db
    .insertInto('ticket_reads')
    .values({ user_id: userId, ticket_id: ticketId, seen_at: seenAt })
    .onConflict((oc) => oc.columns(['user_id', 'ticket_id']).doUpdateSet({ seen_at: seenAt }))
    .execute();
}
