import { sql } from 'kysely';
import type { Tx } from '../../platform/db/tx.ts';
import type { AuthorRole, EventKind } from '../../platform/db/types.ts';

export interface BulkEvent {
  kind: EventKind;
  actorUserId: number | null;
  actorRole: AuthorRole;
  actorName: string;
  oldValue: string | null;
  newValue: string | null;
  now: number;
}

type Scope = { issuerUserId: number; statusIds?: number[] } | { assigneeId: number; statusIds?: number[] };

function scoped<T extends { where: (...args: any[]) => T }>(q: T, scope: Scope): T {
  let out =
    'issuerUserId' in scope
      ? q.where('issuer_user_id', '=', scope.issuerUserId)
      : q.where('assignee_id', '=', scope.assigneeId);
  if (scope.statusIds) out = out.where('status_id', 'in', scope.statusIds.length ? scope.statusIds : [-1]);
  return out;
}

/** One history row for every ticket in scope, in a single INSERT … SELECT (no per-ticket round trips). */
export async function insertEventsForTickets(trx: Tx, scope: Scope, e: BulkEvent): Promise<void> {
  const text = (v: string | null) =>
    v === null ? sql<string>`cast(null as text)` : sql<string>`cast(${v} as text)`;
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
      'message_id',
      'internal',
      'created_at',
    ])
    .expression(
      scoped(
        trx
          .selectFrom('tickets')
          .select([
            'id',
            (e.actorUserId === null
              ? sql<number>`cast(null as bigint)`
              : sql<number>`cast(${e.actorUserId} as bigint)`
            ).as('a'),
            text(e.actorRole).as('r'),
            text(e.actorName).as('n'),
            text(e.kind).as('k'),
            text(e.oldValue).as('o'),
            text(e.newValue).as('v'),
            sql<number>`cast(null as bigint)`.as('m'),
            sql<number>`0`.as('i'),
            sql<number>`cast(${e.now} as bigint)`.as('c'),
          ]),
        scope,
      ) as never,
    )
    .execute();
}

/** Updates every ticket in scope and bumps its version and last activity. */
export async function updateTicketsInScope(
  trx: Tx,
  scope: Scope,
  patch: {
    issuer_name?: string;
    issuer_email?: string;
    issuer_user_id?: null;
    issuer_deleted_at?: number;
    status_id?: number;
    closed?: number;
  },
  now: number,
): Promise<void> {
  await scoped(
    trx
      .updateTable('tickets')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1), last_activity_at: now })),
    scope,
  ).execute();
}

export async function deleteTicketsInScope(trx: Tx, scope: Scope): Promise<void> {
  await scoped(trx.deleteFrom('tickets'), scope).execute();
}
