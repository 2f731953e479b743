import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import { dialectOf } from '../../platform/db/schema-helpers.ts';
import { containsInsensitive, startsWith } from '../../platform/db/sql-helpers.ts';
import type { TicketListRow } from './ticket.repo.ts';

export type QueueSort = 'activity' | 'created' | 'priority' | 'number';

export interface QueueFilter {
  /** Only these statuses. */
  statusIds?: number[] | undefined;
  /** Only tickets not in a closing status (the open tabs). */
  open?: boolean | undefined;
  categoryId?: number | undefined;
  priority?: number | undefined;
  /** A user id, or null for unassigned. */
  assigneeId?: number | null | undefined;
  issuerUserId?: number | undefined;
  issuerEmailPrefix?: string | undefined;
  issuerEmail?: string | undefined;
  issuerNameContains?: string | undefined;
  subjectContains?: string | undefined;
  number?: number | undefined;
  createdFrom?: number | undefined;
  createdTo?: number | undefined;
  activityFrom?: number | undefined;
  activityTo?: number | undefined;
}

export interface QueuePage {
  sort: QueueSort;
  dir: 'asc' | 'desc';
  after?: { value: number; id: number } | undefined;
  limit: number;
}

const SORT_COLUMN = {
  activity: 'tickets.last_activity_at',
  created: 'tickets.created_at',
  priority: 'tickets.priority',
  number: 'tickets.number',
} as const;

/**
 * The staff queue: every filter is a plain predicate on indexed ticket columns, ordered by the sort
 * column then id, keyset-paginated; the viewer's read marker comes in the same query. No COUNT.
 */
export function listQueue(
  db: Db | Tx,
  viewerId: number,
  f: QueueFilter,
  page: QueuePage,
): Promise<TicketListRow[]> {
  return queueQuery(db, viewerId, f, page).execute();
}

/** The queue's query, unexecuted: the benchmarks and the index test read its plan. */
export function queueQuery(db: Db | Tx, viewerId: number, f: QueueFilter, page: QueuePage) {
  const col = SORT_COLUMN[page.sort];
  let q = db
    .selectFrom('tickets')
    .leftJoin('ticket_reads', (j) =>
      j.onRef('ticket_reads.ticket_id', '=', 'tickets.id').on('ticket_reads.user_id', '=', viewerId),
    )
    .selectAll('tickets')
    .select('ticket_reads.seen_at');
  // With an assignee filter, its index (assignee, activity) leads; on SQLite the unary plus keeps the
  // planner from preferring the broad status or category index and sorting everything it finds.
  // Not on PostgreSQL: there `+status_id` has no statistics, the planner then expects one row and
  // picks a bitmap scan plus a sort of all the assignee's tickets (121 ms at 1M tickets, against
  // 4.5 ms walking the assignee index; bench/README.md).
  const byAssignee = typeof f.assigneeId === 'number' && dialectOf(db) === 'sqlite';
  const statusCol = byAssignee
    ? sql<number>`+${sql.ref('tickets.status_id')}`
    : sql.ref<number>('tickets.status_id');
  const categoryCol = byAssignee
    ? sql<number>`+${sql.ref('tickets.category_id')}`
    : sql.ref<number>('tickets.category_id');
  if (f.statusIds) q = q.where(statusCol, 'in', f.statusIds.length ? f.statusIds : [-1]);
  if (f.open) q = q.where('tickets.closed', '=', 0);
  if (f.categoryId !== undefined) q = q.where(categoryCol, '=', f.categoryId);
  if (f.priority !== undefined) q = q.where('tickets.priority', '=', f.priority);
  if (f.assigneeId === null) q = q.where('tickets.assignee_id', 'is', null);
  else if (f.assigneeId !== undefined) q = q.where('tickets.assignee_id', '=', f.assigneeId);
  if (f.issuerUserId !== undefined) q = q.where('tickets.issuer_user_id', '=', f.issuerUserId);
  if (f.issuerEmailPrefix) q = q.where(startsWith('tickets.issuer_email', f.issuerEmailPrefix));
  if (f.issuerEmail) q = q.where('tickets.issuer_email', '=', f.issuerEmail);
  if (f.issuerNameContains) q = q.where(containsInsensitive('tickets.issuer_name', f.issuerNameContains));
  if (f.subjectContains) q = q.where(containsInsensitive('tickets.subject', f.subjectContains));
  if (f.number !== undefined) q = q.where('tickets.number', '=', f.number);
  if (f.createdFrom !== undefined) q = q.where('tickets.created_at', '>=', f.createdFrom);
  if (f.createdTo !== undefined) q = q.where('tickets.created_at', '<', f.createdTo);
  if (f.activityFrom !== undefined) q = q.where('tickets.last_activity_at', '>=', f.activityFrom);
  if (f.activityTo !== undefined) q = q.where('tickets.last_activity_at', '<', f.activityTo);
  const after = page.after;
  if (after) {
    const op = page.dir === 'desc' ? '<' : '>';
    q = q.where((eb) =>
      eb.or([eb(col, op, after.value), eb.and([eb(col, '=', after.value), eb('tickets.id', op, after.id)])]),
    );
  }
  return q.orderBy(col, page.dir).orderBy('tickets.id', page.dir).limit(page.limit);
}

/** Up to `limit` other tickets filed under the same address, newest first. */
export function listOtherTicketsByEmail(db: Db | Tx, email: string, exceptId: number, limit: number) {
  return db
    .selectFrom('tickets')
    .select(['id', 'number', 'subject', 'status_id', 'category_id', 'priority', 'locked', 'created_at'])
    .where('issuer_email', '=', email)
    .where('id', '!=', exceptId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** New messages a staff member has not seen on the form: anything after `afterEventId` by someone else. */
export function listEventsSince(db: Db | Tx, ticketId: number, afterEventId: number) {
  return db
    .selectFrom('ticket_events')
    .select(['id', 'kind', 'actor_user_id', 'actor_role', 'internal'])
    .where('ticket_id', '=', ticketId)
    .where('id', '>', afterEventId)
    .execute();
}

/** Guest issuers (no account) whose address starts with the text, one row per address. */
export function searchGuestIssuers(db: Db | Tx, text: string, limit: number) {
  return db
    .selectFrom('tickets')
    .select((eb) => [
      'issuer_email',
      eb.fn.max('issuer_name').as('issuer_name'),
      eb.fn.countAll<number>().as('tickets'),
    ])
    .where('issuer_user_id', 'is', null)
    .where(startsWith('issuer_email', text))
    .groupBy('issuer_email')
    .orderBy('issuer_email')
    .limit(limit)
    .execute();
}

/** The newest name a guest address used on its tickets. */
export function findGuestIssuer(db: Db | Tx, email: string) {
  return db
    .selectFrom('tickets')
    .select(['issuer_name', 'issuer_email', 'created_at'])
    .where('issuer_email', '=', email)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
