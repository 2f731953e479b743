import * as oidc from 'openid-client';
import { sha256 } from '../../platform/crypto.ts';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import { isAllowedIssuer, type SsoClientSettings } from './sso-settings.service.ts';

/** What Parley learns about the person from the provider, after every check passed. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  /** Only a literal `true` from the provider counts. */
  emailVerified: boolean;
  name: string | undefined;
}

/** What the callback must match: the values this login started with. */
export interface LoginChecks {
  state: string;
  codeVerifier: string;
  nonce: string;
}

const DISCOVERY_TTL_MS = 5 * 60_000;
const TIMEOUT_S = 10;
const cache = new Map<string, { config: oidc.Configuration; at: number }>();

/** An expected failure that keeps the provider's error for the log (never for the page). */
function refused(code: ErrorCode, cause: unknown): AppError {
  const err = new AppError(code);
  err.cause = cause;
  return err;
}

/**
 * The provider's configuration from its discovery document, cached per issuer, client and secret
 * for a few minutes. Plain http is allowed only for a loopback issuer (see isAllowedIssuer).
 */
export async function discoverProvider(
  settings: SsoClientSettings,
  now: number,
): Promise<oidc.Configuration> {
  const key = [settings.issuer, settings.clientId, sha256(settings.clientSecret)].join('\n');
  for (const [k, hit] of cache) if (now - hit.at >= DISCOVERY_TTL_MS || hit.at > now) cache.delete(k);
  const hit = cache.get(key);
  if (hit) return hit.config;
  if (!isAllowedIssuer(settings.issuer)) throw new AppError('SSO_DISABLED');
  const insecure = new URL(settings.issuer).protocol === 'http:';
  try {
    const config = await oidc.discovery(
      new URL(settings.issuer),
      settings.clientId,
      settings.clientSecret,
      undefined,
      { timeout: TIMEOUT_S, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
    );
    cache.set(key, { config, at: now });
    return config;
  } catch (err) {
    throw refused('SSO_UNAVAILABLE', err);
  }
}

/** Where to send the browser: the authorization code flow with PKCE (S256), state and nonce. */
export async function authorizationUrl(
  config: oidc.Configuration,
  redirectUri: string,
  checks: LoginChecks,
): Promise<string> {
  return oidc
    .buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    })
    .toString();
}

/** Fresh random values for one login. */
export function newLoginChecks(): LoginChecks {
  return {
    state: oidc.randomState(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    nonce: oidc.randomNonce(),
  };
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Trades the code for tokens and checks them (issuer, audience, signature, nonce, PKCE and state,
 * by openid-client). Claims come from the ID token; the address and whether it is verified from the
 * UserInfo endpoint when the ID token lacks them. Any failure is SSO_FAILED.
 */
export async function redeemCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: LoginChecks,
): Promise<ProviderIdentity> {
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('no ID token');
    let email = stringClaim(idToken.email);
    let verified = idToken.email_verified;
    let name = stringClaim(idToken.name);
    if (email === undefined || verified === undefined) {
      // Both from one source: the UserInfo answer, which must be about the same subject.
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
      email = stringClaim(info.email);
      verified = info.email_verified;
      name ??= stringClaim(info.name);
    }
    return {
      issuer: config.serverMetadata().issuer,
      subject: idToken.sub,
      email,
      emailVerified: verified === true,
      name,
    };
  } catch (err) {
    throw refused('SSO_FAILED', err);
  }
}
