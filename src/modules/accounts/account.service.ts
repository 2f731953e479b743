import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { queueMail } from '../mail/index.ts';
import { getSiteSettings } from '../settings/index.ts';
import { actorFromUser } from './actor.ts';
import { emitAccountChange } from './account-events.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { requireUser } from './permission.policy.ts';
import { deleteUserSessions } from './session.repo.ts';
import { issueUserToken, spendToken } from './user-token.service.ts';
import { findUserByEmail, findUserById, insertUser, updateUser, type User } from './user.repo.ts';
import { checkDisplayName, checkEmail, checkPassword, normaliseEmail } from './user.validation.ts';

export interface RegisterInput {
  displayName: string;
  email: string;
  password: string;
}

async function sendVerification(ctx: Ctx, user: Pick<User, 'id' | 'display_name' | 'locale'>, email: string) {
  const token = await issueUserToken(ctx, 'verify', user.id, email);
  await queueMail(ctx, {
    to: email,
    toName: user.display_name,
    locale: user.locale ?? ctx.locale,
    template: 'verify-email',
    params: { name: user.display_name, link: `${ctx.config.publicUrl}/verify?token=${token}` },
  });
}

/**
 * Registers a customer and mails a verification link. An address that already has an account
 * gets a "you already have an account" mail instead, so the form never tells who is registered.
 */
export async function registerAccount(ctx: Ctx, input: RegisterInput): Promise<void> {
  const errors: FieldErrors = {};
  checkDisplayName(errors, 'displayName', input.displayName);
  checkEmail(errors, 'email', input.email);
  checkPassword(errors, 'password', input.password);
  assertValid(errors);
  const settings = await getSiteSettings(ctx);
  if (settings.registration === 'closed') throw new AppError('REGISTRATION_CLOSED');
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  await tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const existing = await findUserByEmail(trx, email);
    if (existing) {
      await queueMail(inner, {
        to: email,
        toName: existing.display_name,
        locale: existing.locale,
        template: 'already-registered',
        params: { name: existing.display_name, link: `${ctx.config.publicUrl}/reset` },
      });
      return;
    }
    const user = await insertUser(trx, {
      email,
      display_name: input.displayName.trim(),
      password_hash: passwordHash,
      role: 'customer',
      permissions: '',
      locale: isLocale(ctx.locale) ? ctx.locale : null,
      email_verified_at: null,
      created_at: ctx.now(),
      updated_at: ctx.now(),
    });
    await sendVerification(inner, user, email);
  });
}

/** Confirms an address from a verify link: the registration address, or a new one after an email change. */
export async function verifyEmail(ctx: Ctx, rawToken: string): Promise<User> {
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const token = await spendToken(inner, 'verify', rawToken);
    const user = token.user_id ? await findUserById(trx, token.user_id) : undefined;
    if (!user || !token.email) throw new AppError('LINK_INVALID');
    if (token.email !== user.email) {
      const taken = await findUserByEmail(trx, token.email);
      if (taken && taken.id !== user.id) throw new AppError('EMAIL_TAKEN');
    }
    await updateUser(trx, user.id, {
      email: token.email,
      email_verified_at: ctx.now(),
      updated_at: ctx.now(),
    });
    if (token.email !== user.email) {
      await emitAccountChange(inner, {
        kind: 'email-changed',
        userId: user.id,
        from: user.email,
        to: token.email,
      });
    }
    return { ...user, email: token.email, email_verified_at: ctx.now() };
  });
}

/**
 * Checks a password login, rate-limited per address and per account. Wrong address and wrong
 * password give the same answer. An unverified account gets a fresh verification link.
 */
export async function logIn(ctx: Ctx, emailInput: string, password: string): Promise<User> {
  const email = normaliseEmail(emailInput ?? '');
  const now = ctx.now();
  const ipKey = ctx.ip ?? 'unknown';
  if (ctx.throttles.loginPerAccount.isBlocked(email, now) || ctx.throttles.loginPerIp.isBlocked(ipKey, now)) {
    throw new AppError('RATE_LIMITED');
  }
  const user = await findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(user?.password_hash ?? null, password ?? '');
  if (!user || !ok) {
    ctx.throttles.loginPerAccount.hit(email, now);
    ctx.throttles.loginPerIp.hit(ipKey, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.disabled_at !== null) throw new AppError('ACCOUNT_DISABLED');
  if (user.email_verified_at === null) {
    if (ctx.throttles.mailPerIp.hit(`verify:${email}`, now)) {
      await tx(ctx.db, (trx) => sendVerification({ ...ctx, db: trx }, user, user.email));
    }
    throw new AppError('EMAIL_UNVERIFIED');
  }
  ctx.throttles.loginPerAccount.reset(email);
  return user;
}

/** Mails a reset link if the address has an account; answers the same either way. Rate-limited. */
export async function requestPasswordReset(ctx: Ctx, emailInput: string): Promise<void> {
  const email = normaliseEmail(emailInput ?? '');
  const errors: FieldErrors = {};
  checkEmail(errors, 'email', email);
  assertValid(errors);
  const now = ctx.now();
  if (!ctx.throttles.resetPerIp.hit(ctx.ip ?? 'unknown', now)) throw new AppError('RATE_LIMITED');
  if (!ctx.throttles.resetPerAccount.hit(email, now)) return;
  await tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const user = await findUserByEmail(trx, email);
    if (!user || user.disabled_at !== null) return;
    const token = await issueUserToken(inner, 'reset', user.id);
    await queueMail(inner, {
      to: user.email,
      toName: user.display_name,
      locale: user.locale,
      template: 'reset-password',
      params: { name: user.display_name, link: `${ctx.config.publicUrl}/reset/${token}` },
    });
  });
}

/** Sets a new password from a reset link and ends every session of the account. */
export async function resetPassword(ctx: Ctx, rawToken: string, password: string): Promise<User> {
  const errors: FieldErrors = {};
  checkPassword(errors, 'password', password ?? '');
  assertValid(errors);
  const passwordHash = await hashPassword(password);
  return tx(ctx.db, async (trx) => {
    const token = await spendToken({ ...ctx, db: trx }, 'reset', rawToken);
    const user = token.user_id ? await findUserById(trx, token.user_id) : undefined;
    if (!user || user.disabled_at !== null) throw new AppError('LINK_INVALID');
    // The link reached the inbox, so the address is proven too.
    await updateUser(trx, user.id, {
      password_hash: passwordHash,
      email_verified_at: user.email_verified_at ?? ctx.now(),
      updated_at: ctx.now(),
    });
    await deleteUserSessions(trx, user.id);
    return user;
  });
}

export interface ProfileInput {
  displayName: string;
  locale: string;
}

/** Changes the signed-in user's display name and preferred language. */
export async function updateProfile(ctx: Ctx, input: ProfileInput): Promise<void> {
  requireUser(ctx.actor);
  const errors: FieldErrors = {};
  checkDisplayName(errors, 'displayName', input.displayName);
  if (input.locale && !isLocale(input.locale)) errors.locale = 'error.field.invalid';
  assertValid(errors);
  const userId = ctx.actor.id;
  const name = input.displayName.trim();
  await tx(ctx.db, async (trx) => {
    const before = await findUserById(trx, userId);
    await updateUser(trx, userId, {
      display_name: name,
      locale: input.locale || null,
      updated_at: ctx.now(),
    });
    if (before && before.display_name !== name) {
      await emitAccountChange(
        { ...ctx, db: trx },
        { kind: 'renamed', userId, from: before.display_name, to: name },
      );
    }
  });
}

/** Sets only the preferred language (the footer switcher for signed-in users). */
export async function setPreferredLocale(ctx: Ctx, locale: string): Promise<void> {
  requireUser(ctx.actor);
  if (!isLocale(locale)) throw new AppError('VALIDATION', { locale: 'error.field.invalid' });
  await updateUser(ctx.db, ctx.actor.id, { locale, updated_at: ctx.now() });
}

async function requireCurrentPassword(ctx: Ctx, password: string): Promise<User> {
  requireUser(ctx.actor);
  const user = await findUserById(ctx.db, ctx.actor.id);
  if (!user || !(await verifyPassword(user.password_hash, password ?? ''))) {
    throw new AppError('VALIDATION', { currentPassword: 'error.field.currentPassword' });
  }
  return user;
}

/**
 * Starts an email change: the new address gets a verification link and the account keeps its old
 * address until that link is used. The old address is told.
 */
export async function requestEmailChange(
  ctx: Ctx,
  newEmailInput: string,
  currentPassword: string,
): Promise<void> {
  const errors: FieldErrors = {};
  checkEmail(errors, 'email', newEmailInput ?? '');
  assertValid(errors);
  const user = await requireCurrentPassword(ctx, currentPassword);
  const email = normaliseEmail(newEmailInput);
  if (email === user.email) return;
  await tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    if (await findUserByEmail(trx, email))
      throw new AppError('VALIDATION', { email: 'error.field.emailTaken' });
    await sendVerification(inner, user, email);
    await queueMail(inner, {
      to: user.email,
      toName: user.display_name,
      locale: user.locale,
      template: 'email-changed',
      params: { name: user.display_name, email },
    });
  });
}

/** Changes the password after checking the current one, and ends the account's other sessions. */
export async function changePassword(
  ctx: Ctx,
  currentPassword: string,
  newPassword: string,
  currentSessionId: string | undefined,
): Promise<void> {
  const errors: FieldErrors = {};
  checkPassword(errors, 'newPassword', newPassword ?? '');
  assertValid(errors);
  const user = await requireCurrentPassword(ctx, currentPassword);
  const passwordHash = await hashPassword(newPassword);
  await tx(ctx.db, async (trx) => {
    await updateUser(trx, user.id, { password_hash: passwordHash, updated_at: ctx.now() });
    await deleteUserSessions(trx, user.id, currentSessionId);
  });
}

/** The signed-in user's own record. */
export async function getMe(ctx: Ctx): Promise<User> {
  requireUser(ctx.actor);
  const user = await findUserById(ctx.db, ctx.actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

export { actorFromUser };
