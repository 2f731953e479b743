import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getSsoSettings, saveSsoSettings, ssoRedirectUri } from '../../modules/sso/index.ts';
import { formBody, redirectWithFlash } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { emptyForm, type FormState } from '../ui/Form.tsx';
import { attempt, formWithError, routeKit, type WebDeps } from '../route-kit.ts';
import { SsoSettingsPage } from './sso-settings.page.tsx';

const PAGE = '/desk/settings/sso';

/** Admins: single sign-on through an OpenID Connect provider. */
export async function deskSsoSettingsRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  async function render(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const c = ctx(req);
    const sso = await getSsoSettings(c);
    const v = await view(req, reply);
    return sendHtml(
      reply,
      <SsoSettingsPage v={v} m={{ sso, form, redirectUri: ssoRedirectUri(c) }} />,
      status,
    );
  }

  app.get(PAGE, (req, reply) => render(req, reply, emptyForm));

  app.post(PAGE, async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() =>
      saveSsoSettings(ctx(req), {
        enabled: body.enabled === 'on',
        issuer: body.issuer ?? '',
        clientId: body.clientId ?? '',
        clientSecret: body.clientSecret ?? '',
        buttonLabel: body.buttonLabel ?? '',
        createAccounts: body.createAccounts === 'on',
      }),
    );
    // The secret is never sent back into the form, whatever happened.
    const { clientSecret: _secret, ...kept } = body;
    if (!result.ok) return render(req, reply, formWithError(kept, result.error), result.error.status);
    return redirectWithFlash(reply, PAGE, { kind: 'success', key: 'flash.sso.saved' });
  });
}
