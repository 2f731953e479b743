import type { FastifyInstance } from 'fastify';
import { setPreferredLocale } from '../../modules/accounts/index.ts';
import { formBody, redirectWithFlash, safeLocalPath } from '../../platform/http/request-context.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { THEME_COOKIE } from '../../platform/render/render.ts';
import { LOCALE_COOKIE } from '../request-context.hook.ts';
import { routeKit, type WebDeps } from '../route-kit.ts';

const YEAR_S = 365 * 24 * 3600;

/** The footer's language and theme switchers. Both remember the choice in a cookie; the language also on the account. */
export async function preferenceRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx } = routeKit(deps);

  app.post('/preferences/locale', async (req, reply) => {
    const body = formBody(req);
    if (!isLocale(body.locale))
      return redirectWithFlash(reply, safeLocalPath(body.back), { kind: 'error', key: 'error.VALIDATION' });
    reply.setCookie(LOCALE_COOKIE, body.locale, {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      maxAge: YEAR_S,
    });
    if (req.user) await setPreferredLocale(ctx(req), body.locale);
    return reply.redirect(safeLocalPath(body.back), 303);
  });

  app.post('/preferences/theme', async (req, reply) => {
    const body = formBody(req);
    const theme = ['system', 'light', 'dark'].includes(body.theme ?? '') ? body.theme! : 'system';
    reply.setCookie(THEME_COOKIE, theme, { path: '/', sameSite: 'lax', httpOnly: false, maxAge: YEAR_S });
    if (req.headers['hx-request'] || req.headers.accept === 'application/json') return reply.code(204).send();
    return reply.redirect(safeLocalPath(body.back), 303);
  });
}
