import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  SSO_CALLBACK_PATH,
  SSO_LOGIN_TTL_MS,
  finishSsoLogin,
  ssoLoginOption,
  startSsoLogin,
} from '../../modules/sso/index.ts';
import { AppError } from '../../platform/errors.ts';
import { safeLocalPath } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { routeKit, type WebDeps } from '../route-kit.ts';
import { NoticePage } from './auth.pages.tsx';
import { afterFirstFactor, homeOf } from './sign-in.ts';

/** Holds the state of the login this browser started, so only this browser can finish it. */
const STATE_COOKIE = 'parley_sso';
const COOKIE_PATH = '/login/sso';

/** The login page's "Log in with …" link, when single sign-on is on. */
export async function ssoLoginLink(
  deps: WebDeps,
  next: string,
): Promise<{ label: string; href: string } | undefined> {
  const option = await ssoLoginOption({ db: deps.database.db });
  if (!option) return undefined;
  return { label: option.label, href: next ? `/login/sso?next=${encodeURIComponent(next)}` : '/login/sso' };
}

/** Expected refusals of a single sign-on, shown as a page; anything else is a real error. */
async function attemptSso<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof AppError && (err.code.startsWith('SSO_') || err.code === 'ACCOUNT_DISABLED'))
      return { ok: false, error: err };
    throw err;
  }
}

/** Login through the OpenID Connect provider configured in the desk settings. */
export async function ssoRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  async function refuse(req: FastifyRequest, reply: FastifyReply, err: AppError) {
    // The provider's own error is for the operator's log, never for the page.
    if (err.cause !== undefined) req.log.warn({ err: err.cause, code: err.code }, 'single sign-on refused');
    const v = await view(req, reply);
    const t = v.t.t;
    return sendHtml(
      reply,
      <NoticePage
        v={v}
        title={t('sso.failedTitle')}
        message={t(`error.${err.code}`)}
        link={{ href: '/login', label: t('sso.backToLogin') }}
      />,
      err.status,
    );
  }

  app.get('/login/sso', async (req, reply) => {
    const next = safeLocalPath((req.query as { next?: string }).next, '');
    if (req.user) return reply.redirect(next || homeOf(req.user), 303);
    const result = await attemptSso(() => startSsoLogin(ctx(req), { next }));
    if (!result.ok) return refuse(req, reply, result.error);
    reply.setCookie(STATE_COOKIE, result.value.state, {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.publicUrl.startsWith('https:'),
      maxAge: SSO_LOGIN_TTL_MS / 1000,
    });
    return reply.redirect(result.value.url, 303);
  });

  // A GET that logs in: the provider sends the browser here, so no CSRF token can protect it. The
  // state does instead: it must equal this browser's cookie and an unexpired login of ours, and it
  // works once; PKCE ties the code to the verifier we kept, the nonce ties the ID token to it.
  app.get(SSO_CALLBACK_PATH, async (req, reply) => {
    const browserState = req.cookies[STATE_COOKIE];
    reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
    const at = req.url.indexOf('?');
    const query = at >= 0 ? req.url.slice(at + 1) : '';
    const result = await attemptSso(() => finishSsoLogin(ctx(req), { query, browserState }));
    if (!result.ok) return refuse(req, reply, result.error);
    return afterFirstFactor(deps, req, reply, result.value.user, { next: result.value.next, method: 'oidc' });
  });
}
