import type { Insertable } from 'kysely';
import type { Millis } from '../../platform/db/types.ts';
import type { Db, Tx } from '../../platform/db/tx.ts';

export interface UserTotpTable {
  user_id: number;
  /** The base32 secret, sealed with a key derived from the app secret (secret-box.ts). */
  secret_sealed: string;
  /** Null while enrolment waits for the first code. */
  confirmed_at: Millis | null;
  /** The last time step a code was accepted for: no code (or an older one) works twice. */
  last_used_step: number | null;
  created_at: Millis;
}

export interface RecoveryCodesTable {
  id: import('kysely').Generated<number>;
  user_id: number;
  /** HMAC with the app secret of the normalised code (totp.ts recoveryCodeHash). */
  code_hash: string;
  used_at: Millis | null;
  created_at: Millis;
}

export interface LoginChallengesTable {
  /** sha256 of the cookie value. */
  id: string;
  user_id: number;
  /** The first factor that was passed: "password" or "oidc". */
  method: string;
  /** Where to go after the second step. */
  next: string;
  attempts: number;
  created_at: Millis;
  expires_at: Millis;
}

declare module '../../platform/db/types.ts' {
  interface DB {
    user_totp: UserTotpTable;
    recovery_codes: RecoveryCodesTable;
    login_challenges: LoginChallengesTable;
  }
}

export function findTotp(db: Db | Tx, userId: number) {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Starts (or restarts) enrolment with a new unconfirmed secret. */
export async function putPendingTotp(db: Db | Tx, userId: number, sealed: string, now: number) {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await db
    .insertInto('user_totp')
    .values({
      user_id: userId,
      secret_sealed: sealed,
      confirmed_at: null,
      last_used_step: null,
      created_at: now,
    })
    .execute();
}

/**
 * Records an accepted code's step, only if no code for that step or a later one was accepted
 * meanwhile (two requests racing with one code: one wins). Returns whether this one won.
 */
export async function claimTotpStep(db: Db | Tx, userId: number, step: number): Promise<boolean> {
  const res = await db
    .updateTable('user_totp')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function confirmTotp(db: Db | Tx, userId: number, now: number) {
  await db.updateTable('user_totp').set({ confirmed_at: now }).where('user_id', '=', userId).execute();
  await db
    .updateTable('users')
    .set({ two_factor_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/** Switches 2FA off: the secret, every recovery code and pending login steps go. */
export async function removeTwoFactor(db: Db | Tx, userId: number, now: number) {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('login_challenges').where('user_id', '=', userId).execute();
  await db
    .updateTable('users')
    .set({ two_factor_at: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function replaceRecoveryCodes(db: Db | Tx, userId: number, hashes: string[], now: number) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const rows: Insertable<RecoveryCodesTable>[] = hashes.map((code_hash) => ({
    user_id: userId,
    code_hash,
    used_at: null,
    created_at: now,
  }));
  if (rows.length > 0) await db.insertInto('recovery_codes').values(rows).execute();
}

/** Spends an unused recovery code; false when it is unknown or already used. */
export async function spendRecoveryCode(db: Db | Tx, userId: number, hash: string, now: number) {
  const res = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db | Tx, userId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertLoginChallenge(db: Db | Tx, row: Insertable<LoginChallengesTable>) {
  await db.insertInto('login_challenges').values(row).execute();
}

/**
 * Takes one attempt of a pending login, atomically, and returns the pending login; undefined when
 * it is gone, expired or out of attempts (however many requests race for the last one).
 */
export async function takeChallengeAttempt(db: Db | Tx, id: string, now: number, max: number) {
  return db
    .updateTable('login_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .where('attempts', '<', max)
    .returning(['user_id', 'method', 'next'])
    .executeTakeFirst();
}

/** Ends the user's pending logins (a new one replaces them). */
export async function deleteUserChallenges(db: Db | Tx, userId: number): Promise<void> {
  await db.deleteFrom('login_challenges').where('user_id', '=', userId).execute();
}

/** Ends a challenge; false when it was already used (two tabs submitting at once). */
export async function deleteLoginChallenge(db: Db | Tx, id: string): Promise<boolean> {
  const res = await db.deleteFrom('login_challenges').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function purgeExpiredChallenges(db: Db | Tx, now: number): Promise<void> {
  await db.deleteFrom('login_challenges').where('expires_at', '<=', now).execute();
}
