import type { Ctx } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorFromUser } from './actor.ts';
import { checkSecondFactor } from './two-factor.service.ts';
import {
  deleteLoginChallenge,
  deleteUserChallenges,
  insertLoginChallenge,
  purgeExpiredChallenges,
  takeChallengeAttempt,
} from './two-factor.repo.ts';
import { findUserById, type User } from './user.repo.ts';

/** How long the second step of a login may wait, and how many wrong codes it takes. */
export const SECOND_STEP_LIFETIME_MS = 10 * 60_000;
export const SECOND_STEP_MAX_ATTEMPTS = 5;

/** Whether a login of this account needs the second step. */
export function needsSecondStep(user: Pick<User, 'two_factor_at'>): boolean {
  return user.two_factor_at !== null;
}

/**
 * Parks a login that passed its first factor until the second one arrives. Returns the raw value for
 * a short-lived cookie; only its hash is stored.
 */
export async function beginSecondStep(ctx: Ctx, user: User, method: string, next: string): Promise<string> {
  const raw = randomToken(32);
  await tx(ctx.db, async (trx) => {
    await purgeExpiredChallenges(trx, ctx.now());
    // One pending login per account: opening many to multiply the guesses gains nothing.
    await deleteUserChallenges(trx, user.id);
    await insertLoginChallenge(trx, {
      id: sha256(raw),
      user_id: user.id,
      method,
      next: next.slice(0, 500),
      attempts: 0,
      created_at: ctx.now(),
      expires_at: ctx.now() + SECOND_STEP_LIFETIME_MS,
    });
  });
  return raw;
}

export interface PassedLogin {
  user: User;
  method: string;
  next: string;
  secondFactor: 'totp' | 'recovery';
}

/** Thrown inside the transaction when another request finished the login first: nothing it did stays. */
class LostRace extends Error {}

/**
 * The second step: a code from the authenticator app, or a recovery code. Each pending login
 * allows five attempts, taken atomically before the code is checked; every attempt also counts
 * against the account (growing delays) until one succeeds. A pending login that expired, ran out
 * of attempts, was used, or belongs to a since disabled account is LINK_INVALID.
 */
export async function finishSecondStep(ctx: Ctx, raw: string, code: string): Promise<PassedLogin> {
  assertValid(code.trim() ? {} : { code: 'error.field.required' });
  const id = sha256(raw || '-');
  const now = ctx.now();
  const pending =
    raw && raw.length <= 100
      ? await takeChallengeAttempt(ctx.db, id, now, SECOND_STEP_MAX_ATTEMPTS)
      : undefined;
  if (!pending) throw new AppError('LINK_INVALID');
  const key = `2fa:${pending.user_id}`;
  if (!ctx.throttles.loginPerAccount.hit(key, now)) throw new AppError('RATE_LIMITED');
  let passed: PassedLogin | undefined;
  try {
    passed = await tx(ctx.db, async (trx) => {
      const user = await findUserById(trx, pending.user_id);
      if (!user || user.disabled_at !== null) throw new LostRace();
      const how = await checkSecondFactor(ctx, trx, user.id, code);
      if (!how) return undefined;
      // The pending login ended meanwhile (a second right code racing this one, a reset, a newer
      // login): no session, and this code stays unspent.
      if (!(await deleteLoginChallenge(trx, id))) throw new LostRace();
      if (how === 'recovery') {
        await recordAudit(
          { ...ctx, db: trx, actor: actorFromUser(user) },
          { action: 'auth.2fa.recoveryCodeUsed', targetType: 'user', targetId: user.id },
        );
      }
      return { user, method: pending.method, next: pending.next, secondFactor: how };
    });
  } catch (err) {
    if (err instanceof LostRace) throw new AppError('LINK_INVALID');
    throw err;
  }
  if (!passed) throw new AppError('TWO_FACTOR_INVALID', { code: 'error.TWO_FACTOR_INVALID' });
  ctx.throttles.loginPerAccount.reset(key);
  return passed;
}
