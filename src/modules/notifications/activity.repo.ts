import type { Db, Tx } from '../../platform/db/tx.ts';

/** Read model for notifications: what a ticket activity touched, by id. Never writes. */
export function findTicketRow(db: Db | Tx, ticketId: number) {
  return db
    .selectFrom('tickets')
    .select([
      'id',
      'number',
      'key',
      'subject',
      'category_id',
      'assignee_id',
      'issuer_user_id',
      'issuer_name',
      'issuer_email',
      'issuer_deleted_at',
    ])
    .where('id', '=', ticketId)
    .executeTakeFirst();
}
export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicketRow>>>;

export function listEventRows(db: Db | Tx, ticketId: number, eventIds: number[]) {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_events')
    .select([
      'id',
      'kind',
      'actor_user_id',
      'actor_role',
      'actor_name',
      'new_value',
      'message_id',
      'internal',
    ])
    .where('ticket_id', '=', ticketId)
    .where('id', 'in', eventIds)
    .orderBy('id')
    .execute();
}

/**
 * The value an attribute had right after the given event: the old value of its next change, if a
 * later write changed it (the job may run after further writes); undefined when it did not change.
 */
export async function findValueAfterEvent(
  db: Db | Tx,
  ticketId: number,
  eventId: number,
  kind: 'assignment' | 'category',
) {
  const next = await db
    .selectFrom('ticket_events')
    .select('old_value')
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', kind)
    .where('id', '>', eventId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!next) return undefined;
  return next.old_value === null ? null : Number(next.old_value);
}

export function findMessageRow(db: Db | Tx, ticketId: number, messageId: number) {
  return db
    .selectFrom('messages')
    .select([
      'id',
      'author_user_id',
      'author_role',
      'author_name',
      'visibility',
      'body_md',
      'body_html',
      'created_at',
    ])
    .where('ticket_id', '=', ticketId)
    .where('id', '=', messageId)
    .executeTakeFirst();
}
export type MessageRow = NonNullable<Awaited<ReturnType<typeof findMessageRow>>>;

/** Accounts that can receive mail: not disabled. */
export function listActiveUsers(db: Db | Tx, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'locale'])
    .where('id', 'in', [...new Set(userIds)])
    .where('disabled_at', 'is', null)
    .execute();
}
export type UserRow = Awaited<ReturnType<typeof listActiveUsers>>[number];

/** Enabled staff who follow a category. */
export function listCategoryWatchers(db: Db | Tx, categoryId: number) {
  return db
    .selectFrom('notification_categories as nc')
    .innerJoin('users', 'users.id', 'nc.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.role', 'users.locale'])
    .where('nc.category_id', '=', categoryId)
    .where('users.disabled_at', 'is', null)
    .where('users.role', 'in', ['staff', 'admin'])
    .orderBy('users.id')
    .limit(500)
    .execute();
}
