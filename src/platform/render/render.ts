import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../context.ts';
import type { AppDeps } from '../http/request-context.ts';
import type { Theme, View } from '../../web/ui/view.ts';
import { hasPermission } from '../../modules/accounts/index.ts';
import { LOCALES, type Locale } from '../i18n/i18n.ts';
import { assetVersion } from './assets.ts';

const THEMES: Theme[] = ['system', 'light', 'dark'];
export const THEME_COOKIE = 'parley_theme';

export function themeOf(req: FastifyRequest): Theme {
  const raw = req.cookies[THEME_COOKIE] as Theme | undefined;
  return raw && THEMES.includes(raw) ? raw : 'system';
}

/** Builds the layout's view model for this request, including a CSRF token for its forms. */
export function viewOf(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: Pick<AppDeps, 'config'>,
  siteName: string,
  locales: Locale[] = [...LOCALES],
): View {
  const actor = req.actor;
  const user = req.user;
  return {
    t: req.t,
    locale: req.locale,
    siteName,
    locales,
    csrf: reply.generateCsrf(),
    theme: themeOf(req),
    path: req.url.split('?')[0] ?? '/',
    requestId: req.id,
    assetVersion: assetVersion(deps.config),
    cspNonce: reply.cspNonce?.script ?? '',
    flash: req.flash,
    ...(user && actor.kind === 'user'
      ? {
          user: {
            id: user.id,
            name: user.display_name,
            role: user.role,
            isStaff: user.role !== 'customer',
            isAdmin: user.role === 'admin',
            can: (p: Permission) => hasPermission(actor, p),
          },
        }
      : {}),
  };
}

/** Sends a rendered page. htmx requests get the same markup; the handler decides what to render. */
export function sendHtml(reply: FastifyReply, html: string | Promise<string>, status = 200) {
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').send(html);
}
