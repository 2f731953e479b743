import type { Ctx } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { tx, type Tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { actorFromUser, type User } from '../accounts/index.ts';
import { findUserByEmail, findUserById, insertUser } from '../accounts/user.repo.ts';
import { isValidEmail, normaliseEmail } from '../accounts/user.validation.ts';
import { recordAudit } from '../audit/index.ts';
import { getSiteSettings } from '../settings/index.ts';
import type { ProviderIdentity } from './oidc-client.ts';
import { findOidcIdentity, insertOidcIdentity, touchOidcIdentity } from './sso.repo.ts';

function refuseDisabled(user: User): void {
  if (user.disabled_at !== null) throw new AppError('ACCOUNT_DISABLED');
}

/** A display name for a new account: the provider's name, else the address's local part. */
function displayNameOf(identity: ProviderIdentity, email: string): string {
  const name = (identity.name ?? '').replace(/\p{Cc}/gu, ' ').trim();
  return (name || email.split('@')[0] || email).slice(0, 80);
}

async function link(
  ctx: Ctx,
  trx: Tx,
  user: User,
  identity: ProviderIdentity,
  email: string,
  created: boolean,
) {
  await insertOidcIdentity(trx, {
    user_id: user.id,
    issuer: identity.issuer,
    subject: identity.subject,
    email,
    created_at: ctx.now(),
    last_login_at: ctx.now(),
  });
  // The account links itself: it is the actor of the audit entry.
  await recordAudit(
    { ...ctx, db: trx, actor: actorFromUser(user) },
    {
      action: 'sso.link',
      targetType: 'user',
      targetId: user.id,
      data: { issuer: identity.issuer, subject: identity.subject, email, created },
    },
  );
}

async function createCustomer(ctx: Ctx, trx: Tx, identity: ProviderIdentity, email: string): Promise<User> {
  return insertUser(trx, {
    email,
    display_name: displayNameOf(identity, email),
    // No password: the account logs in through the provider, or sets one by "forgot password".
    password_hash: null,
    role: 'customer',
    permissions: '',
    locale: isLocale(ctx.locale) ? ctx.locale : null,
    // The provider vouched for the address (email_verified), checked before we got here.
    email_verified_at: ctx.now(),
    created_at: ctx.now(),
    updated_at: ctx.now(),
  });
}

/**
 * The account a provider identity logs in, in one transaction. The provider must say the address
 * is verified. An identity seen before logs in its account, whatever address it has now. Otherwise
 * it is linked to the account with that address, but only if Parley verified the address too (so
 * nobody can register someone else's address and wait for them to sign in), or, when the settings
 * allow it and registration is open, a new customer account. Disabled accounts are refused.
 */
export async function signInWithIdentity(
  ctx: Ctx,
  identity: ProviderIdentity,
  opts: { createAccounts: boolean },
): Promise<User> {
  if (!identity.emailVerified || !identity.email) throw new AppError('SSO_EMAIL_UNVERIFIED');
  const email = normaliseEmail(identity.email);
  if (!isValidEmail(email)) throw new AppError('SSO_FAILED');
  const registration = (await getSiteSettings(ctx)).registration;
  try {
    return await linkOrCreate(ctx, identity, email, opts.createAccounts && registration === 'open');
  } catch (err) {
    // Two first logins of the same person at once: the other one linked (or created) first, so
    // this one now finds the identity and logs into that account.
    if (!isUniqueViolation(err)) throw err;
    return linkOrCreate(ctx, identity, email, false);
  }
}

async function linkOrCreate(ctx: Ctx, identity: ProviderIdentity, email: string, mayCreate: boolean) {
  return tx(ctx.db, async (trx) => {
    const known = await findOidcIdentity(trx, identity.issuer, identity.subject);
    if (known) {
      const user = await findUserById(trx, known.user_id);
      if (!user) throw new AppError('SSO_FAILED');
      refuseDisabled(user);
      await touchOidcIdentity(trx, known.id, email, ctx.now());
      return user;
    }
    const existing = await findUserByEmail(trx, email);
    if (existing) {
      refuseDisabled(existing);
      if (existing.email_verified_at === null) throw new AppError('SSO_ACCOUNT_UNVERIFIED');
      await link(ctx, trx, existing, identity, email, false);
      return existing;
    }
    if (!mayCreate) throw new AppError('SSO_NO_ACCOUNT');
    const user = await createCustomer(ctx, trx, identity, email);
    await link(ctx, trx, user, identity, email, true);
    return user;
  });
}
