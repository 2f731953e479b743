import type { Ctx, UserActor } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { tx, type Db } from '../../platform/db/tx.ts';
import { recordAudit } from '../audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { actorFromUser } from './actor.ts';
import { requireUser } from './permission.policy.ts';
import type { User } from './user.repo.ts';
import {
  deleteSession,
  deleteUserSessions,
  findLiveSessionUser,
  insertSession,
  listUserSessions,
  touchSession,
} from './session.repo.ts';

export const SESSION_LIFETIME_MS = 30 * 24 * 3600_000;
const TOUCH_EVERY_MS = 5 * 60_000;

export interface LoginInfo {
  /** The first factor: "password", "oidc", or "setup" (the first admin, just created). */
  method: string;
  /** The second factor, when there was one. */
  secondFactor?: 'totp' | 'recovery';
  userAgent: string | null;
}

/**
 * Starts a session for the user; returns the raw cookie value (only its hash is stored). Logins of
 * staff and admins land in the audit trail, with how they logged in.
 */
export async function startSession(ctx: Ctx, user: User, login: LoginInfo): Promise<string> {
  const raw = randomToken(32);
  await tx(ctx.db, async (trx) => {
    await insertSession(trx, {
      id: sha256(raw),
      user_id: user.id,
      created_at: ctx.now(),
      last_seen_at: ctx.now(),
      expires_at: ctx.now() + SESSION_LIFETIME_MS,
      ip: ctx.ip,
      user_agent: login.userAgent?.slice(0, 300) ?? null,
    });
    if (user.role === 'customer') return;
    await recordAudit(
      { ...ctx, db: trx, actor: actorFromUser(user) },
      {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        data: { method: login.method, secondFactor: login.secondFactor ?? null },
      },
    );
  });
  return raw;
}

export interface ResolvedSession {
  actor: UserActor;
  user: User;
  sessionId: string;
}

/**
 * The user behind a session cookie, or undefined for an unknown, expired or revoked session or a
 * disabled account. Slides the expiry forward, at most once every few minutes.
 */
export async function resolveSession(db: Db, raw: string, now: number): Promise<ResolvedSession | undefined> {
  if (!raw || raw.length > 100) return undefined;
  const id = sha256(raw);
  const row = await findLiveSessionUser(db, id, now);
  if (!row) return undefined;
  if (now - row.session_seen_at > TOUCH_EVERY_MS) await touchSession(db, id, now, now + SESSION_LIFETIME_MS);
  const { session_seen_at: _seen, session_id: _sid, ...user } = row;
  return { actor: actorFromUser(user), user, sessionId: id };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

/** "Log out my other sessions": keeps only the current one. */
export async function endOtherSessions(ctx: Ctx, currentSessionId: string): Promise<number> {
  requireUser(ctx.actor);
  return deleteUserSessions(ctx.db, ctx.actor.id, currentSessionId);
}

export async function listMySessions(ctx: Ctx) {
  requireUser(ctx.actor);
  return listUserSessions(ctx.db, ctx.actor.id, ctx.now());
}

export function assertSession(session: ResolvedSession | undefined): asserts session is ResolvedSession {
  if (!session) throw new AppError('UNAUTHENTICATED');
}
