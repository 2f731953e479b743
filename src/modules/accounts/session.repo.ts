import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { SessionsTable } from '../../platform/db/types.ts';

export async function insertSession(db: Db | Tx, session: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The session's user, only while the session is unexpired and the account is not disabled. */
export function findLiveSessionUser(db: Db | Tx, sessionId: string, now: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.last_seen_at as session_seen_at', 'sessions.id as session_id'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db | Tx, sessionId: string, now: number, expiresAt: number) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Db | Tx, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Deletes the user's sessions, except `keepId` when given; returns how many went. */
export async function deleteUserSessions(db: Db | Tx, userId: number, keepId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '!=', keepId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

export function listUserSessions(db: Db | Tx, userId: number, now: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .limit(100)
    .execute();
}
