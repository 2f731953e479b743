import type { Ctx } from '../../platform/context.ts';
import { sha256, safeEqual } from '../../platform/crypto.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import type { User } from '../accounts/index.ts';
import { authorizationUrl, discoverProvider, newLoginChecks, redeemCode } from './oidc-client.ts';
import { signInWithIdentity } from './sso-link.service.ts';
import { deleteExpiredOidcLogins, insertOidcLogin, takeOidcLogin } from './sso.repo.ts';
import { ssoClientSettings } from './sso-settings.service.ts';

/** How long a login may stay at the provider. */
export const SSO_LOGIN_TTL_MS = 10 * 60_000;
export const SSO_CALLBACK_PATH = '/login/sso/callback';

/** The redirect URI to register at the provider. */
export function ssoRedirectUri(ctx: Pick<Ctx, 'config'>): string {
  return `${ctx.config.publicUrl}${SSO_CALLBACK_PATH}`;
}

/**
 * Starts a login at the provider: a fresh state, PKCE verifier and nonce, kept (the state only as
 * its hash) for ten minutes. Returns the provider's URL, and the state for the caller to bind to
 * the browser. SSO_DISABLED when single sign-on is off; SSO_UNAVAILABLE when the provider cannot
 * be reached.
 */
export async function startSsoLogin(
  ctx: Ctx,
  input: { next: string },
): Promise<{ url: string; state: string }> {
  const settings = await ssoClientSettings(ctx);
  const config = await discoverProvider(settings, ctx.now());
  const checks = newLoginChecks();
  const now = ctx.now();
  await tx(ctx.db, async (trx) => {
    // Logins abandoned at the provider go whenever a new one starts.
    await deleteExpiredOidcLogins(trx, now);
    await insertOidcLogin(trx, {
      id: sha256(checks.state),
      code_verifier: checks.codeVerifier,
      nonce: checks.nonce,
      next: input.next.slice(0, 2000),
      created_at: now,
      expires_at: now + SSO_LOGIN_TTL_MS,
    });
  });
  return { url: await authorizationUrl(config, ssoRedirectUri(ctx), checks), state: checks.state };
}

/**
 * Finishes a login when the provider sends the browser back. The state in the URL must be the one
 * this browser started with (`browserState`, from its cookie) and an unexpired login of ours; it is
 * spent here, so a callback URL works once. Then the code is redeemed with the PKCE verifier and the
 * ID token's nonce checked, and the identity signs in an account (see signInWithIdentity).
 */
export async function finishSsoLogin(
  ctx: Ctx,
  input: { query: string; browserState: string | undefined },
): Promise<{ user: User; next: string }> {
  const settings = await ssoClientSettings(ctx);
  const params = new URLSearchParams(input.query);
  const state = params.get('state') ?? '';
  if (!state || !input.browserState || !safeEqual(state, input.browserState))
    throw new AppError('SSO_STATE_INVALID');
  const login = await takeOidcLogin(ctx.db, sha256(state));
  if (!login || login.expires_at <= ctx.now()) throw new AppError('SSO_STATE_INVALID');
  if (params.has('error')) {
    const err = new AppError('SSO_FAILED');
    err.cause = `provider answered ${params.get('error')}: ${params.get('error_description') ?? ''}`;
    throw err;
  }
  const config = await discoverProvider(settings, ctx.now());
  const callbackUrl = new URL(`${ssoRedirectUri(ctx)}?${params.toString()}`);
  const identity = await redeemCode(config, callbackUrl, {
    state,
    codeVerifier: login.code_verifier,
    nonce: login.nonce,
  });
  const user = await signInWithIdentity(ctx, identity, { createAccounts: settings.createAccounts });
  return { user, next: login.next };
}
