import type { FastifyInstance } from 'fastify';
import {
  checkSetupToken,
  completeSetup,
  endSession,
  logIn,
  registerAccount,
  requestPasswordReset,
  resetPassword,
} from '../../modules/accounts/index.ts';
import { confirmEmailAndClaimTickets } from '../../modules/tickets/index.ts';
import { formBody, redirectWithFlash, safeLocalPath } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { emptyForm } from '../ui/Form.tsx';
import { attempt, formWithError, routeKit, type WebDeps } from '../route-kit.ts';
import {
  LoginPage,
  NoticePage,
  RegisterPage,
  ResetFormPage,
  ResetRequestPage,
  SetupPage,
} from './auth.pages.tsx';
import { clearSessionCookie } from './session-cookie.ts';
import { afterFirstFactor, startBrowserSession } from './sign-in.ts';
import { ssoLoginLink } from './sso.routes.tsx';

/** Login, logout, registration, email verification, password reset and first-run setup. */
export async function authRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/login', async (req, reply) => {
    const next = safeLocalPath((req.query as { next?: string }).next, '');
    if (req.user) return reply.redirect(next || '/', 303);
    return sendHtml(
      reply,
      <LoginPage
        v={await view(req, reply)}
        form={emptyForm}
        next={next}
        sso={await ssoLoginLink(deps, next)}
      />,
    );
  });

  app.post('/login', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() => logIn(ctx(req), body.email ?? '', body.password ?? ''));
    if (!result.ok) {
      const v = await view(req, reply);
      return sendHtml(
        reply,
        <LoginPage
          v={v}
          form={formWithError(body, result.error)}
          next={safeLocalPath(body.next, '')}
          sso={await ssoLoginLink(deps, safeLocalPath(body.next, ''))}
        />,
        result.error.status,
      );
    }
    return afterFirstFactor(deps, req, reply, result.value, { next: body.next ?? '', method: 'password' });
  });

  app.post('/logout', async (req, reply) => {
    if (req.sessionId) await endSession(deps.database.db, req.sessionId);
    clearSessionCookie(reply);
    return redirectWithFlash(reply, '/', { kind: 'info', key: 'flash.loggedOut' });
  });

  app.get('/register', async (req, reply) => {
    const site = await deps.settings.get();
    return sendHtml(
      reply,
      <RegisterPage v={await view(req, reply)} form={emptyForm} closed={site.registration === 'closed'} />,
    );
  });

  app.post('/register', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() =>
      registerAccount(ctx(req), {
        displayName: body.displayName ?? '',
        email: body.email ?? '',
        password: body.password ?? '',
      }),
    );
    const v = await view(req, reply);
    if (!result.ok) {
      const closed = result.error.code === 'REGISTRATION_CLOSED';
      return sendHtml(
        reply,
        <RegisterPage v={v} form={formWithError(body, result.error)} closed={closed} />,
        result.error.status,
      );
    }
    deps.pokeWorker();
    return sendHtml(
      reply,
      <NoticePage v={v} title={v.t.t('register.doneTitle')} message={v.t.t('register.done')} />,
    );
  });

  app.get('/verify', async (req, reply) => {
    const token = String((req.query as { token?: string }).token ?? '');
    const result = await attempt(() => confirmEmailAndClaimTickets(ctx(req), token));
    const v = await view(req, reply);
    if (!result.ok) {
      return sendHtml(
        reply,
        <NoticePage
          v={v}
          title={v.t.t('verify.failedTitle')}
          message={v.t.t(`error.${result.error.code}`)}
        />,
        result.error.status,
      );
    }
    return sendHtml(
      reply,
      <NoticePage
        v={v}
        title={v.t.t('verify.doneTitle')}
        message={v.t.t(result.value.claimed ? 'verify.doneClaimed' : 'verify.done', {
          count: result.value.claimed,
        })}
        link={{ href: '/login', label: v.t.t('nav.login') }}
      />,
    );
  });

  app.get('/reset', async (req, reply) =>
    sendHtml(reply, <ResetRequestPage v={await view(req, reply)} form={emptyForm} />),
  );

  app.post('/reset', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() => requestPasswordReset(ctx(req), body.email ?? ''));
    const v = await view(req, reply);
    if (!result.ok)
      return sendHtml(
        reply,
        <ResetRequestPage v={v} form={formWithError(body, result.error)} />,
        result.error.status,
      );
    deps.pokeWorker();
    return sendHtml(
      reply,
      <NoticePage v={v} title={v.t.t('reset.sentTitle')} message={v.t.t('reset.sent')} />,
    );
  });

  app.get('/reset/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    return sendHtml(reply, <ResetFormPage v={await view(req, reply)} form={emptyForm} token={token} />);
  });

  app.post('/reset/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const body = formBody(req);
    const result = await attempt(() => resetPassword(ctx(req), token, body.password ?? ''));
    if (!result.ok) {
      const v = await view(req, reply);
      if (result.error.code === 'LINK_INVALID') {
        return sendHtml(
          reply,
          <NoticePage
            v={v}
            title={v.t.t('reset.newTitle')}
            message={v.t.t('error.LINK_INVALID')}
            link={{ href: '/reset', label: v.t.t('reset.again') }}
          />,
          410,
        );
      }
      return sendHtml(
        reply,
        <ResetFormPage v={v} form={formWithError(body, result.error)} token={token} />,
        result.error.status,
      );
    }
    return redirectWithFlash(reply, '/login', { kind: 'success', key: 'flash.passwordReset' });
  });

  app.get('/setup', async (req, reply) => {
    const token = String((req.query as { token?: string }).token ?? '');
    const check = await attempt(() => checkSetupToken(ctx(req), token));
    const v = await view(req, reply);
    if (!check.ok) {
      return sendHtml(
        reply,
        <NoticePage v={v} title={v.t.t('setup.title')} message={v.t.t(`error.${check.error.code}`)} />,
        check.error.status,
      );
    }
    return sendHtml(reply, <SetupPage v={v} form={emptyForm} token={token} />);
  });

  app.post('/setup', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() =>
      completeSetup(ctx(req), {
        token: body.token ?? '',
        displayName: body.displayName ?? '',
        email: body.email ?? '',
        password: body.password ?? '',
      }),
    );
    if (!result.ok) {
      const v = await view(req, reply);
      if (result.error.code === 'LINK_INVALID' || result.error.code === 'SETUP_DONE') {
        return sendHtml(
          reply,
          <NoticePage v={v} title={v.t.t('setup.title')} message={v.t.t(`error.${result.error.code}`)} />,
          result.error.status,
        );
      }
      return sendHtml(
        reply,
        <SetupPage v={v} form={formWithError(body, result.error)} token={body.token ?? ''} />,
        result.error.status,
      );
    }
    await startBrowserSession(deps, req, reply, result.value, { method: 'setup' });
    return redirectWithFlash(reply, '/desk', { kind: 'success', key: 'flash.setupDone' });
  });
}
