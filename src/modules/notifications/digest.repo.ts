import type { Db, Tx } from '../../platform/db/tx.ts';
import { DEFAULT_PREFS } from './notification.tables.ts';

/**
 * Staff whose digest is due: enabled, digest on, their hour reached today, and today not decided
 * yet. Keyset-paged by user id.
 */
export function listDigestCandidates(db: Db | Tx, day: string, hour: number, afterId: number, limit: number) {
  return db
    .selectFrom('users')
    .leftJoin('notification_prefs as p', 'p.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.locale'])
    .where('users.role', 'in', ['staff', 'admin'])
    .where('users.disabled_at', 'is', null)
    .where('users.id', '>', afterId)
    .where((eb) => eb(eb.fn.coalesce('p.digest', eb.val(DEFAULT_PREFS.digest)), '=', 1))
    .where((eb) => eb(eb.fn.coalesce('p.digest_hour', eb.val(DEFAULT_PREFS.digest_hour)), '<=', hour))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('digest_runs as r')
            .select('r.user_id')
            .whereRef('r.user_id', '=', 'users.id')
            .where('r.day', '=', day),
        ),
      ),
    )
    .orderBy('users.id')
    .limit(limit)
    .execute();
}
export type DigestCandidate = Awaited<ReturnType<typeof listDigestCandidates>>[number];

/** Claims the person's digest for the day; false when another run already did. */
export async function claimDigestRun(
  db: Db | Tx,
  userId: number,
  day: string,
  now: number,
): Promise<boolean> {
  const res = await db
    .insertInto('digest_runs')
    .values({ user_id: userId, day, outbox_id: null, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setDigestRunOutbox(db: Db | Tx, userId: number, day: string, outboxId: number) {
  await db
    .updateTable('digest_runs')
    .set({ outbox_id: outboxId })
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .execute();
}

const LIST_LIMIT = 50;

function ticketsWithLastMessage(db: Db | Tx) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('statuses as s', 's.id', 't.status_id')
    .select((eb) => [
      't.id',
      't.number',
      't.subject',
      't.status_id',
      't.category_id',
      't.created_at',
      't.issuer_name',
      eb
        .selectFrom('messages as m')
        .select('m.author_name')
        .whereRef('m.ticket_id', '=', 't.id')
        .orderBy('m.id', 'desc')
        .limit(1)
        .as('last_author'),
      eb
        .selectFrom('messages as m')
        .select('m.created_at')
        .whereRef('m.ticket_id', '=', 't.id')
        .orderBy('m.id', 'desc')
        .limit(1)
        .as('last_at'),
    ])
    .where('s.closing', '=', 0);
}
export type DigestTicketRow = Awaited<ReturnType<typeof listWaitingAssigned>>[number];

/** Open tickets assigned to the person whose last public message is the customer's: they wait for staff. */
export function listWaitingAssigned(db: Db | Tx, userId: number) {
  return ticketsWithLastMessage(db)
    .where('t.assignee_id', '=', userId)
    .where(
      (eb) =>
        eb
          .selectFrom('messages as m')
          .select('m.author_role')
          .whereRef('m.ticket_id', '=', 't.id')
          .where('m.visibility', '=', 'public')
          .orderBy('m.id', 'desc')
          .limit(1),
      '=',
      'issuer',
    )
    .orderBy('t.last_activity_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(LIST_LIMIT + 1)
    .execute();
}

/** New, unassigned tickets in the categories the person follows. */
export function listNewUnassigned(db: Db | Tx, categoryIds: number[]) {
  if (categoryIds.length === 0) return Promise.resolve([]);
  return ticketsWithLastMessage(db)
    .where('t.assignee_id', 'is', null)
    .where('s.code', '=', 'new')
    .where('t.category_id', 'in', categoryIds)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(LIST_LIMIT + 1)
    .execute();
}

export { LIST_LIMIT };
