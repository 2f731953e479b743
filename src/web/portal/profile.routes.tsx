import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  changePassword,
  createMyApiToken,
  endOtherSessions,
  getMe,
  listMyApiTokens,
  listMySessions,
  requestEmailChange,
  revokeMyApiToken,
  updateProfile,
} from '../../modules/accounts/index.ts';
import { AppError } from '../../platform/errors.ts';
import { formBody, redirectWithFlash, setRequestLocale } from '../../platform/http/request-context.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { emptyForm, type FormState } from '../ui/Form.tsx';
import { attempt, formWithError, numericParam, routeKit, type WebDeps } from '../route-kit.ts';
import { ProfilePage, type ProfileModel } from './profile.page.tsx';

type FormName = keyof ProfileModel['forms'];

/** The signed-in user's profile: name, language, email, password, sessions and API tokens. */
export async function profileRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.addHook('preHandler', async (req) => {
    if (!req.user) throw new AppError('UNAUTHENTICATED');
  });

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { form?: [FormName, FormState]; newToken?: string; status?: number } = {},
  ) {
    const c = ctx(req);
    const [me, sessions, tokens] = await Promise.all([getMe(c), listMySessions(c), listMyApiTokens(c)]);
    const v = await view(req, reply);
    const never = v.t.t('common.never');
    const forms = { profile: emptyForm, email: emptyForm, password: emptyForm, token: emptyForm };
    if (opts.form) forms[opts.form[0]] = opts.form[1];
    const model: ProfileModel = {
      displayName: me.display_name,
      email: me.email,
      locale: me.locale,
      sessions: sessions.map((s) => ({
        id: s.id,
        current: s.id === req.sessionId,
        lastSeen: v.t.dateTime(s.last_seen_at),
        ip: s.ip ?? '',
        userAgent: s.user_agent ?? '',
      })),
      tokens: tokens.map((tok) => ({
        id: tok.id,
        name: tok.name,
        scope: tok.scope,
        prefix: tok.token_prefix,
        created: v.t.date(tok.created_at),
        lastUsed: tok.last_used_at ? v.t.dateTime(tok.last_used_at) : never,
        revoked: tok.revoked_at !== null,
      })),
      canAdminScope: me.role === 'admin',
      newToken: opts.newToken,
      forms,
    };
    return sendHtml(reply, <ProfilePage v={v} m={model} />, opts.status ?? 200);
  }

  app.get('/profile', async (req, reply) => render(req, reply));

  app.post('/profile', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() =>
      updateProfile(ctx(req), { displayName: body.displayName ?? '', locale: body.locale ?? '' }),
    );
    if (!result.ok)
      return render(req, reply, {
        form: ['profile', formWithError(body, result.error)],
        status: result.error.status,
      });
    if (isLocale(body.locale)) setRequestLocale(req, body.locale);
    return redirectWithFlash(reply, '/profile', { kind: 'success', key: 'flash.profileSaved' });
  });

  app.post('/profile/email', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() =>
      requestEmailChange(ctx(req), body.email ?? '', body.currentPassword ?? ''),
    );
    if (!result.ok)
      return render(req, reply, {
        form: ['email', formWithError(body, result.error)],
        status: result.error.status,
      });
    deps.pokeWorker();
    return redirectWithFlash(reply, '/profile', { kind: 'info', key: 'flash.emailChangeSent' });
  });

  app.post('/profile/password', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() =>
      changePassword(ctx(req), body.currentPassword ?? '', body.newPassword ?? '', req.sessionId),
    );
    if (!result.ok)
      return render(req, reply, {
        form: ['password', formWithError(body, result.error)],
        status: result.error.status,
      });
    return redirectWithFlash(reply, '/profile', { kind: 'success', key: 'flash.passwordChanged' });
  });

  app.post('/profile/sessions/end-others', async (req, reply) => {
    const count = await endOtherSessions(ctx(req), req.sessionId!);
    return redirectWithFlash(reply, '/profile', {
      kind: 'success',
      key: 'flash.sessionsEnded',
      values: { count },
    });
  });

  app.post('/profile/tokens', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() => createMyApiToken(ctx(req), body.name ?? '', body.scope ?? ''));
    if (!result.ok)
      return render(req, reply, {
        form: ['token', formWithError(body, result.error)],
        status: result.error.status,
      });
    // The raw token is shown once, in this response; it is never stored or shown again.
    reply.header('cache-control', 'no-store');
    return render(req, reply, { newToken: result.value, status: 201 });
  });

  app.post('/profile/tokens/:id/revoke', async (req, reply) => {
    await revokeMyApiToken(ctx(req), numericParam((req.params as { id: string }).id));
    return redirectWithFlash(reply, '/profile', { kind: 'success', key: 'flash.tokenRevoked' });
  });
}
