import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { anonymous } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { refuseWhileBlocked } from '../platform/http/rate-limit.ts';
import {
  redirectWithFlash,
  setRequestLocale,
  takeFlash,
  type AppDeps,
} from '../platform/http/request-context.ts';
import { isLocale, negotiateLocale, translator, type Locale } from '../platform/i18n/i18n.ts';
import { authenticateApiToken, resolveSession } from '../modules/accounts/index.ts';
import type { SiteSettingsCache } from './site-settings-cache.ts';
import { ONE_CLICK_UNSUBSCRIBE } from './portal/notifications.routes.tsx';

export const SESSION_COOKIE = 'parley_session';
export const LOCALE_COOKIE = 'parley_locale';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// The inbound mail endpoint checks its own (non-user) tokens.
const BARE_PATHS = ['/assets/', '/healthz', '/readyz', '/api/openapi.json', '/api/v1/inbound/'];

// What a staff member without 2FA may still reach while the site requires it: the enrolment page,
// logging out, and the language and theme switches.
const ENROLMENT_PATHS = ['/profile/two-factor', '/logout', '/preferences/', '/styles/labels.css'];

/**
 * Whether a session must set up two-factor authentication before anything else: staff and admins
 * while the site requires it. Every other page (and every form post) redirects to the enrolment
 * page, so nothing is shown or written until they have.
 */
function mustEnrolFirst(
  user: { role: string; two_factor_at: number | null },
  required: boolean,
  url: string,
) {
  if (!required || user.role === 'customer' || user.two_factor_at !== null) return false;
  const path = url.split('?')[0]!;
  return !ENROLMENT_PATHS.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
}

function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('INVALID_TOKEN');
  return match[1];
}

/**
 * The actor behind the request's bearer token. Tokens that match nothing count against the client
 * address, and a client over the limit is refused (429) before its token is even looked up.
 */
async function tokenActor(req: FastifyRequest, reply: FastifyReply, deps: AppDeps) {
  const misses = deps.throttles.tokenPerIp;
  refuseWhileBlocked(reply, misses, req.ip, deps.now());
  try {
    return await authenticateApiToken(deps.database.db, bearerToken(req) ?? '', deps.now());
  } catch (err) {
    if (err instanceof AppError && err.code === 'INVALID_TOKEN') misses.hit(req.ip, deps.now());
    throw err;
  }
}

/**
 * Who is asking and in which language, for every request: an API token on /api, the session cookie
 * elsewhere. The locale comes from the user's setting, then the language cookie, then
 * Accept-Language, then the site default.
 */
export function registerRequestContext(
  app: FastifyInstance,
  deps: AppDeps & { settings: SiteSettingsCache },
) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('user', undefined);
  app.decorateRequest('sessionId', undefined);
  app.decorateRequest('locale', 'en');
  app.decorateRequest('t', null as never);
  app.decorateRequest('flash', undefined);

  app.addHook('onRequest', async (req, reply) => {
    req.actor = anonymous;
    req.t = translator('en');
    if (BARE_PATHS.some((p) => req.url.startsWith(p))) return;
    const site = await deps.settings.get();
    const cookieLocale = req.cookies[LOCALE_COOKIE];
    // Only the languages the admins enabled are ever chosen.
    const enabled = (l: unknown): l is Locale => isLocale(l) && site.enabledLocales.includes(l);
    const fallback =
      (enabled(cookieLocale) ? cookieLocale : undefined) ??
      negotiateLocale(req.headers['accept-language'], site.enabledLocales);
    setRequestLocale(req, fallback ?? site.defaultLocale);
    if (req.url.startsWith('/api/')) {
      if (req.headers.authorization) req.actor = await tokenActor(req, reply, deps);
      return;
    }
    const raw = req.cookies[SESSION_COOKIE];
    if (raw) {
      const session = await resolveSession(deps.database.db, raw, deps.now());
      if (session) {
        req.actor = session.actor;
        req.user = session.user;
        req.sessionId = session.sessionId;
        if (enabled(session.user.locale)) setRequestLocale(req, session.user.locale);
        if (mustEnrolFirst(session.user, site.twoFactorStaff, req.url)) {
          return redirectWithFlash(reply, '/profile/two-factor', {
            kind: 'info',
            key: 'twoFactor.requiredNotice',
          });
        }
      }
    }
    if (req.method === 'GET') req.flash = takeFlash(req, reply);
  });

  // Every state-changing browser request needs the CSRF token. The API is exempt: it only accepts
  // bearer tokens, which a browser never attaches on its own. So is the one-click unsubscribe
  // (RFC 8058): mail providers POST it without cookies or token; the signed token in its URL is the
  // whole authorisation, and all a forged request could do is what that token's owner allowed.
  app.addHook('preHandler', (req, reply, done) => {
    if (SAFE_METHODS.has(req.method) || req.url.startsWith('/api/')) return done();
    if (req.method === 'POST' && req.routeOptions.url === ONE_CLICK_UNSUBSCRIBE) return done();
    app.csrfProtection(req, reply, done);
  });
}
