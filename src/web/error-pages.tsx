import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { isApiRequest, logIfUnexpected, sendJsonError, toAppError } from '../platform/http/error-handler.ts';
import { sendHtml, viewOf } from '../platform/render/render.ts';
import { anonymous } from '../platform/context.ts';
import { translator } from '../platform/i18n/i18n.ts';
import type { AppDeps } from '../platform/http/request-context.ts';
import { PortalLayout } from './ui/layouts.tsx';
import type { SiteSettingsCache } from './site-settings-cache.ts';

function ErrorPage(props: { v: ReturnType<typeof viewOf>; err: AppError }) {
  const { v, err } = props;
  const title =
    v.t.t(`errorPage.${err.status}.title`) !== `errorPage.${err.status}.title`
      ? v.t.t(`errorPage.${err.status}.title`)
      : v.t.t('errorPage.generic.title');
  return (
    <PortalLayout v={v} title={title}>
      <section class="card narrow error-page">
        <h1 safe>{title}</h1>
        <p safe>{v.t.t(`error.${err.code}`, err.params)}</p>
        {err.code === 'INTERNAL' ? (
          <p class="muted">
            <span safe>{v.t.t('errorPage.requestId')}</span> <code safe>{v.requestId}</code>
          </p>
        ) : (
          ''
        )}
        <p>
          <a class="button button-plain" href="/" safe>
            {v.t.t('errorPage.home')}
          </a>
        </p>
      </section>
    </PortalLayout>
  );
}

async function sendHtmlError(
  req: FastifyRequest,
  reply: FastifyReply,
  err: AppError,
  deps: AppDeps & { settings: SiteSettingsCache },
) {
  if (err.code === 'UNAUTHENTICATED' && req.method === 'GET') {
    return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
  }
  try {
    req.actor ??= anonymous;
    req.t ??= translator('en');
    const site = await deps.settings.get();
    const v = viewOf(req, reply, deps, site.siteName, site.enabledLocales);
    return sendHtml(reply, <ErrorPage v={v} err={err} />, err.status);
  } catch (renderErr) {
    req.log.error({ err: renderErr }, 'error page failed to render');
    return reply.code(err.status).type('text/plain; charset=utf-8').send(`${err.status} (request ${req.id})`);
  }
}

/** One mapping from error to answer: JSON under /api, a localised page elsewhere; never a stack trace. */
export function registerErrorHandling(app: FastifyInstance, deps: AppDeps & { settings: SiteSettingsCache }) {
  app.setErrorHandler(async (error, req, reply) => {
    const err = toAppError(error);
    logIfUnexpected(req, error, err);
    if (isApiRequest(req)) return sendJsonError(req, reply, err);
    return sendHtmlError(req, reply, err, deps);
  });
  app.setNotFoundHandler(async (req, reply) => {
    const err = new AppError('NOT_FOUND');
    if (isApiRequest(req)) return sendJsonError(req, reply, err);
    return sendHtmlError(req, reply, err, deps);
  });
}
