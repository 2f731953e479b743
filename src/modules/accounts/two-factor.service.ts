import type { Ctx } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/tx.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { openSecretIfValid, sealSecret } from '../../platform/secret-box.ts';
import {
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
  verifyTotp,
} from '../../platform/totp.ts';
import { recordAudit } from '../audit/index.ts';
import { queueMail } from '../mail/index.ts';
import { getSiteSettings, type SiteSettings } from '../settings/index.ts';
import { requireManageable, requirePermission, requireUser } from './permission.policy.ts';
import { deleteUserSessions } from './session.repo.ts';
import {
  claimTotpStep,
  confirmTotp,
  countUnusedRecoveryCodes,
  findTotp,
  putPendingTotp,
  removeTwoFactor,
  replaceRecoveryCodes,
  spendRecoveryCode,
} from './two-factor.repo.ts';
import { findUserById } from './user.repo.ts';
import { verifyPassword } from './password.ts';

const PURPOSE = 'totp-secret';

export interface TwoFactorState {
  enabled: boolean;
  /** Whether the site makes it mandatory for this account (staff, when the setting is on). */
  required: boolean;
  recoveryCodesLeft: number;
  /** Whether switching on asks for the password (accounts made by single sign-on have none). */
  needsPassword: boolean;
  /** While enrolment waits for the first code: the secret to type in, and the URI for the app. */
  pending?: { secret: string; uri: string };
}

/** Whether the site settings make two-factor authentication mandatory for an account of this role. */
function requiredFor(role: string, site: Pick<SiteSettings, 'twoFactorStaff'>): boolean {
  return role !== 'customer' && site.twoFactorStaff;
}

/** The plain secret; undefined when it cannot be opened (APP_SECRET changed since it was sealed). */
const readSecret = (ctx: Pick<Ctx, 'config'>, sealed: string) =>
  openSecretIfValid(ctx.config.appSecret, PURPOSE, sealed);

/** Tells the account owner that 2FA changed, so a change they did not make does not go unnoticed. */
async function mailOwner(ctx: Ctx, trx: Tx, userId: number, change: 'enabled' | 'disabled' | 'reset') {
  const user = await findUserById(trx, userId);
  if (!user) return;
  await queueMail(
    { ...ctx, db: trx },
    {
      to: user.email,
      toName: user.display_name,
      locale: user.locale ?? ctx.locale,
      template: 'two-factor-changed',
      params: { name: user.display_name, change, link: `${ctx.config.publicUrl}/reset` },
    },
  );
}

/** The account's two-factor state, for its profile page. */
export async function getMyTwoFactor(ctx: Ctx): Promise<TwoFactorState> {
  requireUser(ctx.actor);
  const actor = ctx.actor;
  const row = await findTotp(ctx.db, actor.id);
  const site = await getSiteSettings(ctx);
  const required = requiredFor(actor.role, site);
  const needsPassword = (await findUserById(ctx.db, actor.id))?.password_hash != null;
  if (!row) return { enabled: false, required, needsPassword, recoveryCodesLeft: 0 };
  if (row.confirmed_at !== null) {
    const recoveryCodesLeft = await countUnusedRecoveryCodes(ctx.db, actor.id);
    return { enabled: true, required, needsPassword, recoveryCodesLeft };
  }
  const secret = readSecret(ctx, row.secret_sealed);
  if (!secret) return { enabled: false, required, needsPassword, recoveryCodesLeft: 0 };
  return {
    enabled: false,
    required,
    needsPassword,
    recoveryCodesLeft: 0,
    pending: { secret, uri: otpauthUri(site.siteName, actor.email, secret) },
  };
}

/** Starts enrolment: a new secret waits, unconfirmed, for the first code from the app. */
export async function startTwoFactorEnrolment(ctx: Ctx): Promise<void> {
  requireUser(ctx.actor);
  const actor = ctx.actor;
  await tx(ctx.db, async (trx) => {
    const row = await findTotp(trx, actor.id);
    if (row?.confirmed_at != null) throw new AppError('CONFLICT');
    const sealed = sealSecret(ctx.config.appSecret, PURPOSE, newTotpSecret());
    await putPendingTotp(trx, actor.id, sealed, ctx.now());
  });
}

async function issueRecoveryCodes(ctx: Ctx, trx: Tx, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  const hashes = codes.map((c) => recoveryCodeHash(ctx.config.appSecret, c));
  await replaceRecoveryCodes(trx, userId, hashes, ctx.now());
  return codes;
}

function codeErrors(code: string): FieldErrors {
  return code.trim() ? {} : { code: 'error.field.required' };
}

/**
 * The account's password, when it has one: someone holding only a stolen session cookie must not
 * be able to put their own authenticator on the account and lock its owner out. Wrong passwords
 * count against the account like failed logins.
 */
async function requirePasswordIfSet(ctx: Ctx, userId: number, password: string): Promise<void> {
  const user = await findUserById(ctx.db, userId);
  if (!user || user.password_hash === null) return;
  const throttle = ctx.throttles.loginPerAccount;
  if (throttle.isBlocked(user.email, ctx.now())) throw new AppError('RATE_LIMITED');
  if (!(await verifyPassword(user.password_hash, password))) {
    throttle.hit(user.email, ctx.now());
    throw new AppError('INVALID_CREDENTIALS', { password: 'error.INVALID_CREDENTIALS' });
  }
}

/**
 * Confirms enrolment with the first code from the app and the account's password. Returns the
 * recovery codes, shown once. Every other session of the account ends: whoever else held one must
 * now pass the second step.
 */
export async function confirmTwoFactorEnrolment(
  ctx: Ctx,
  input: { code: string; password: string },
  currentSessionId: string | undefined,
): Promise<string[]> {
  requireUser(ctx.actor);
  const actor = ctx.actor;
  assertValid(codeErrors(input.code));
  await requirePasswordIfSet(ctx, actor.id, input.password);
  return tx(ctx.db, async (trx) => {
    const row = await findTotp(trx, actor.id);
    if (!row || row.confirmed_at !== null) throw new AppError('CONFLICT');
    const secret = readSecret(ctx, row.secret_sealed);
    if (!secret) throw new AppError('CONFLICT');
    const step = verifyTotp(secret, input.code, ctx.now());
    if (step === undefined || !(await claimTotpStep(trx, actor.id, step)))
      throw new AppError('TWO_FACTOR_INVALID', { code: 'error.TWO_FACTOR_INVALID' });
    await confirmTotp(trx, actor.id, ctx.now());
    const codes = await issueRecoveryCodes(ctx, trx, actor.id);
    await deleteUserSessions(trx, actor.id, currentSessionId);
    await mailOwner(ctx, trx, actor.id, 'enabled');
    await recordAudit(
      { ...ctx, db: trx },
      { action: 'auth.2fa.enable', targetType: 'user', targetId: actor.id },
    );
    return codes;
  });
}

/**
 * Checks a second factor of an account with 2FA switched on: a current code from the app (each
 * time step once), or an unused recovery code (spent by this). Runs in the caller's transaction.
 */
export async function checkSecondFactor(
  ctx: Pick<Ctx, 'config' | 'now'>,
  db: Db | Tx,
  userId: number,
  input: string,
): Promise<'totp' | 'recovery' | undefined> {
  const code = input.trim();
  if (!code || code.length > 40) return undefined;
  const row = await findTotp(db, userId);
  if (!row || row.confirmed_at === null) return undefined;
  if (/^\d[\d\s]*$/.test(code)) {
    const secret = readSecret(ctx, row.secret_sealed);
    if (!secret) return undefined;
    const step = verifyTotp(secret, code, ctx.now(), { lastUsedStep: row.last_used_step ?? undefined });
    return step !== undefined && (await claimTotpStep(db, userId, step)) ? 'totp' : undefined;
  }
  const spent = await spendRecoveryCode(db, userId, recoveryCodeHash(ctx.config.appSecret, code), ctx.now());
  return spent ? 'recovery' : undefined;
}

async function requireOwnCode(ctx: Ctx, trx: Tx, userId: number, code: string) {
  assertValid(codeErrors(code));
  const per = ctx.throttles.loginPerAccount;
  const key = `2fa:${userId}`;
  if (per.isBlocked(key, ctx.now())) throw new AppError('RATE_LIMITED');
  if (!(await checkSecondFactor(ctx, trx, userId, code))) {
    per.hit(key, ctx.now());
    throw new AppError('TWO_FACTOR_INVALID', { code: 'error.TWO_FACTOR_INVALID' });
  }
}

/** Switches 2FA off, with a current code or a recovery code. Staff cannot while the site requires it. */
export async function disableMyTwoFactor(ctx: Ctx, code: string): Promise<void> {
  requireUser(ctx.actor);
  const actor = ctx.actor;
  if (requiredFor(actor.role, await getSiteSettings(ctx))) throw new AppError('TWO_FACTOR_REQUIRED');
  await tx(ctx.db, async (trx) => {
    const row = await findTotp(trx, actor.id);
    if (!row || row.confirmed_at === null) throw new AppError('CONFLICT');
    await requireOwnCode(ctx, trx, actor.id, code);
    await removeTwoFactor(trx, actor.id, ctx.now());
    await mailOwner(ctx, trx, actor.id, 'disabled');
    await recordAudit(
      { ...ctx, db: trx },
      { action: 'auth.2fa.disable', targetType: 'user', targetId: actor.id },
    );
  });
}

/** Replaces the recovery codes (the old ones stop working), with a current code. Returns the new ones. */
export async function regenerateMyRecoveryCodes(ctx: Ctx, code: string): Promise<string[]> {
  requireUser(ctx.actor);
  const actor = ctx.actor;
  return tx(ctx.db, async (trx) => {
    const row = await findTotp(trx, actor.id);
    if (!row || row.confirmed_at === null) throw new AppError('CONFLICT');
    await requireOwnCode(ctx, trx, actor.id, code);
    const codes = await issueRecoveryCodes(ctx, trx, actor.id);
    await recordAudit(
      { ...ctx, db: trx },
      { action: 'auth.2fa.recoveryCodes', targetType: 'user', targetId: actor.id },
    );
    return codes;
  });
}

/**
 * For someone who lost their device and their recovery codes (permission `users`; only an admin
 * resets an admin). Switches 2FA off and ends the account's sessions; audited.
 */
export async function resetTwoFactorFor(ctx: Ctx, userId: number): Promise<void> {
  requirePermission(ctx.actor, 'users');
  const actor = ctx.actor;
  await tx(ctx.db, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw notFound();
    // Your own 2FA goes off on your profile, with a code; not past it.
    requireManageable(actor, user);
    if (user.two_factor_at === null) return;
    await removeTwoFactor(trx, userId, ctx.now());
    await deleteUserSessions(trx, userId);
    await mailOwner(ctx, trx, userId, 'reset');
    await recordAudit(
      { ...ctx, db: trx },
      { action: 'auth.2fa.reset', targetType: 'user', targetId: userId, data: { email: user.email } },
    );
  });
}
