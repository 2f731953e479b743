import type { Ctx } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import {
  findUserTokenByHash,
  insertUserToken,
  markUserTokenUsed,
  type UserToken,
} from './user-token.repo.ts';

export const TOKEN_LIFETIME: Record<UserToken['purpose'], number | null> = {
  setup: null,
  verify: 7 * 24 * 3600_000,
  reset: 60 * 60_000,
};

/** Issues a one-time link token; only its hash is stored. Returns the raw token for the link. */
export async function issueUserToken(
  ctx: Ctx,
  purpose: UserToken['purpose'],
  userId: number | null,
  email: string | null = null,
): Promise<string> {
  const raw = randomToken(32);
  const life = TOKEN_LIFETIME[purpose];
  await insertUserToken(ctx.db, {
    user_id: userId,
    purpose,
    token_hash: sha256(raw),
    email,
    expires_at: life === null ? null : ctx.now() + life,
    used_at: null,
    created_at: ctx.now(),
  });
  return raw;
}

/** The token if it is of that purpose, unused and unexpired; otherwise LINK_INVALID (same answer for forged ones). */
export async function findUsableToken(
  ctx: Ctx,
  purpose: UserToken['purpose'],
  raw: string,
): Promise<UserToken> {
  const token =
    typeof raw === 'string' && raw.length <= 100 ? await findUserTokenByHash(ctx.db, sha256(raw)) : undefined;
  if (!token || token.purpose !== purpose || token.used_at !== null) throw new AppError('LINK_INVALID');
  if (token.expires_at !== null && token.expires_at <= ctx.now()) throw new AppError('LINK_INVALID');
  return token;
}

/** Uses a token exactly once: a second use, even a concurrent one, gets LINK_INVALID. */
export async function spendToken(ctx: Ctx, purpose: UserToken['purpose'], raw: string): Promise<UserToken> {
  const token = await findUsableToken(ctx, purpose, raw);
  if (!(await markUserTokenUsed(ctx.db, token.id, ctx.now()))) throw new AppError('LINK_INVALID');
  return token;
}
