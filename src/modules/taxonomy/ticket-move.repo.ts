import { sql } from 'kysely';
import type { Tx } from '../../platform/db/tx.ts';

export interface MoveActor {
  id: number;
  name: string;
}

/**
 * Moves every ticket from one category or status to another, set-based: one INSERT … SELECT writes
 * a history row per moved ticket, then one UPDATE moves them and bumps their version and activity.
 * Two statements whatever the number of tickets. Must run inside the caller's transaction.
 * Returns how many tickets moved.
 */
export async function moveTickets(
  trx: Tx,
  column: 'category_id' | 'status_id',
  from: number,
  to: number,
  actor: MoveActor,
  now: number,
): Promise<number> {
  const kind = column === 'category_id' ? 'category' : 'status';
  // Explicit casts: PostgreSQL cannot infer the type of a bare parameter in a SELECT list.
  await trx
    .insertInto('ticket_events')
    .columns([
      'ticket_id',
      'actor_user_id',
      'actor_role',
      'actor_name',
      'kind',
      'old_value',
      'new_value',
      'created_at',
    ])
    .expression(
      trx
        .selectFrom('tickets')
        .select([
          'tickets.id',
          sql<number>`cast(${actor.id} as bigint)`.as('actor_user_id'),
          sql<'staff'>`cast(${'staff'} as text)`.as('actor_role'),
          sql<string>`cast(${actor.name} as text)`.as('actor_name'),
          sql<typeof kind>`cast(${kind} as text)`.as('kind'),
          sql<string>`cast(${String(from)} as text)`.as('old_value'),
          sql<string>`cast(${String(to)} as text)`.as('new_value'),
          sql<number>`cast(${now} as bigint)`.as('created_at'),
        ])
        .where(column, '=', from),
    )
    .execute();
  const res = await trx
    .updateTable('tickets')
    .set((eb) => ({
      [column]: to,
      // Moving to another status also moves the ticket between the open and closed views.
      ...(column === 'status_id'
        ? { closed: sql<number>`(SELECT closing FROM statuses WHERE id = ${to})` }
        : {}),
      version: eb('version', '+', 1),
      last_activity_at: now,
      last_activity_by: actor.id,
    }))
    .where(column, '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Keeps the tickets' open/closed flag in step after a status's closing flag changed. */
export async function syncClosedFlag(trx: Tx, statusId: number, closing: number): Promise<void> {
  await trx.updateTable('tickets').set({ closed: closing }).where('status_id', '=', statusId).execute();
}
