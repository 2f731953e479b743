import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  confirmTwoFactorEnrolment,
  disableMyTwoFactor,
  finishSecondStep,
  getMyTwoFactor,
  regenerateMyRecoveryCodes,
  startTwoFactorEnrolment,
} from '../../modules/accounts/index.ts';
import { AppError } from '../../platform/errors.ts';
import { formBody, redirectWithFlash } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { emptyForm, type FormState } from '../ui/Form.tsx';
import { attempt, formWithError, routeKit, type WebDeps } from '../route-kit.ts';
import { SECOND_STEP_COOKIE, SECOND_STEP_PATH, redirectAfterLogin, startBrowserSession } from './sign-in.ts';
import { SecondStepPage, TwoFactorPage } from './two-factor.pages.tsx';

const PAGE = '/profile/two-factor';

/** The second step of a login, and the account's own two-factor settings. */
export async function twoFactorRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  function restart(reply: FastifyReply) {
    reply.clearCookie(SECOND_STEP_COOKIE, { path: '/login' });
    return redirectWithFlash(reply, '/login', { kind: 'error', key: 'twoFactor.expired' });
  }

  app.get(SECOND_STEP_PATH, async (req, reply) => {
    if (!req.cookies[SECOND_STEP_COOKIE]) return restart(reply);
    return sendHtml(reply, <SecondStepPage v={await view(req, reply)} form={emptyForm} />);
  });

  app.post(SECOND_STEP_PATH, async (req, reply) => {
    const body = formBody(req);
    const raw = req.cookies[SECOND_STEP_COOKIE] ?? '';
    const result = await attempt(() => finishSecondStep(ctx(req), raw, body.code ?? ''));
    if (!result.ok) {
      if (result.error.code === 'LINK_INVALID') return restart(reply);
      const form = formWithError({}, result.error);
      return sendHtml(reply, <SecondStepPage v={await view(req, reply)} form={form} />, result.error.status);
    }
    const { user, method, next, secondFactor } = result.value;
    reply.clearCookie(SECOND_STEP_COOKIE, { path: '/login' });
    await startBrowserSession(deps, req, reply, user, { method, secondFactor });
    return redirectAfterLogin(reply, user, next);
  });

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { form?: FormState; codes?: string[]; status?: number } = {},
  ) {
    const state = await getMyTwoFactor(ctx(req));
    reply.header('cache-control', 'no-store');
    return sendHtml(
      reply,
      <TwoFactorPage
        v={await view(req, reply)}
        m={{ state, form: opts.form ?? emptyForm, codes: opts.codes }}
      />,
      opts.status ?? 200,
    );
  }

  app.register(async (profile) => {
    profile.addHook('preHandler', async (req) => {
      if (!req.user) throw new AppError('UNAUTHENTICATED');
    });

    profile.get(PAGE, async (req, reply) => render(req, reply));

    profile.post(`${PAGE}/start`, async (req, reply) => {
      const result = await attempt(() => startTwoFactorEnrolment(ctx(req)));
      if (!result.ok)
        return render(req, reply, { form: formWithError({}, result.error), status: result.error.status });
      return reply.redirect(PAGE, 303);
    });

    profile.post(`${PAGE}/confirm`, async (req, reply) => {
      const body = formBody(req);
      const result = await attempt(() =>
        confirmTwoFactorEnrolment(
          ctx(req),
          { code: body.code ?? '', password: body.password ?? '' },
          req.sessionId,
        ),
      );
      if (!result.ok)
        return render(req, reply, { form: formWithError({}, result.error), status: result.error.status });
      return render(req, reply, { codes: result.value });
    });

    profile.post(`${PAGE}/recovery-codes`, async (req, reply) => {
      const body = formBody(req);
      const result = await attempt(() => regenerateMyRecoveryCodes(ctx(req), body.code ?? ''));
      if (!result.ok)
        return render(req, reply, { form: formWithError({}, result.error), status: result.error.status });
      return render(req, reply, { codes: result.value });
    });

    profile.post(`${PAGE}/disable`, async (req, reply) => {
      const body = formBody(req);
      const result = await attempt(() => disableMyTwoFactor(ctx(req), body.code ?? ''));
      if (!result.ok)
        return render(req, reply, { form: formWithError({}, result.error), status: result.error.status });
      return redirectWithFlash(reply, PAGE, { kind: 'success', key: 'twoFactor.disabled' });
    });
  });
}
