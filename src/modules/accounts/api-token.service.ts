import type { Ctx } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/tx.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorFromUser } from './actor.ts';
import { requireUser } from './permission.policy.ts';
import {
  findLiveApiTokenUser,
  insertApiToken,
  listUserApiTokens,
  revokeApiTokenRow,
  touchApiToken,
} from './api-token.repo.ts';
import { findUserById, type User } from './user.repo.ts';

export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
const TOKEN_PREFIX = 'prl_';

/**
 * Creates a personal access token for a user and records it in the audit trail. Returns the raw
 * token, shown once. Only admins may hold admin-scoped tokens.
 */
export async function createApiTokenFor(ctx: Ctx, user: User, name: string, scope: string): Promise<string> {
  const label = (name ?? '').trim();
  const errors: Record<string, string> = {};
  if (label.length < 1 || label.length > 80) errors.name = 'error.field.length';
  if (!(TOKEN_SCOPES as readonly string[]).includes(scope)) errors.scope = 'error.field.invalid';
  else if (scope === 'admin' && user.role !== 'admin') errors.scope = 'error.field.adminScope';
  assertValid(errors);
  const raw = TOKEN_PREFIX + randomToken(32);
  await tx(ctx.db, async (trx) => {
    const id = await insertApiToken(trx, {
      user_id: user.id,
      name: label,
      scope: scope as TokenScope,
      token_hash: sha256(raw),
      token_prefix: raw.slice(0, TOKEN_PREFIX.length + 6),
      created_at: ctx.now(),
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(
      { ...ctx, db: trx },
      {
        action: 'token.create',
        targetType: 'api_token',
        targetId: id,
        data: { userId: user.id, name: label, scope },
      },
    );
  });
  return raw;
}

/** The signed-in user creates a token for themselves on the profile page. */
export async function createMyApiToken(ctx: Ctx, name: string, scope: string): Promise<string> {
  requireUser(ctx.actor);
  if (ctx.actor.tokenScope) throw new AppError('FORBIDDEN');
  const user = await findUserById(ctx.db, ctx.actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return createApiTokenFor(ctx, user, name, scope);
}

export async function listMyApiTokens(ctx: Ctx) {
  requireUser(ctx.actor);
  return listUserApiTokens(ctx.db, ctx.actor.id);
}

/** Revokes one of the signed-in user's own tokens; someone else's token is not found. */
export async function revokeMyApiToken(ctx: Ctx, tokenId: number): Promise<void> {
  requireUser(ctx.actor);
  await tx(ctx.db, async (trx) => {
    if (!(await revokeApiTokenRow(trx, tokenId, (ctx.actor as { id: number }).id, ctx.now())))
      throw notFound();
    await recordAudit(
      { ...ctx, db: trx },
      { action: 'token.revoke', targetType: 'api_token', targetId: tokenId },
    );
  });
}

/** The actor behind an `Authorization: Bearer` token, or INVALID_TOKEN for an unknown, revoked or disabled one. */
export async function authenticateApiToken(db: Db, raw: string, now: number) {
  if (!raw.startsWith(TOKEN_PREFIX) || raw.length > 120) throw new AppError('INVALID_TOKEN');
  const row = await findLiveApiTokenUser(db, sha256(raw));
  if (!row) throw new AppError('INVALID_TOKEN');
  if (row.token_used_at === null || now - row.token_used_at > 60_000)
    await touchApiToken(db, row.token_id, now);
  const { token_id: _id, token_scope, token_used_at: _used, ...user } = row;
  return actorFromUser(user, token_scope);
}
