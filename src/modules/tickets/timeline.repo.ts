import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { MessagesTable, TicketEventsTable } from '../../platform/db/types.ts';

export async function insertMessage(db: Db | Tx, message: Insertable<MessagesTable>): Promise<number> {
  const row = await db.insertInto('messages').values(message).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts history rows and returns their ids, in order. */
export async function insertEvents(db: Db | Tx, events: Insertable<TicketEventsTable>[]): Promise<number[]> {
  if (!events.length) return [];
  const rows = await db.insertInto('ticket_events').values(events).returning('id').execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export const TIMELINE_LIMIT = 2000;

/**
 * The ticket's history in order (time, then id, so events of one millisecond keep their order),
 * with each message's content joined in: one query, no N+1. Internal rows only when asked.
 */
export function listTimeline(db: Db | Tx, ticketId: number, includeInternal: boolean) {
  let q = db
    .selectFrom('ticket_events as e')
    .leftJoin('messages as m', 'm.id', 'e.message_id')
    .select([
      'e.id',
      'e.kind',
      'e.actor_user_id',
      'e.actor_role',
      'e.actor_name',
      'e.old_value',
      'e.new_value',
      'e.internal',
      'e.created_at',
      'e.message_id',
      'm.body_html',
      'm.visibility',
      'm.source',
    ])
    .where('e.ticket_id', '=', ticketId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .limit(TIMELINE_LIMIT);
  if (!includeInternal) q = q.where('e.internal', '=', 0);
  return q.execute();
}

export type TimelineRow = Awaited<ReturnType<typeof listTimeline>>[number];
