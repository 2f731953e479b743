import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  createInboundToken,
  getImapSettings,
  listInboundTokens,
  revokeInboundToken,
  saveImapSettings,
  testImapConnection,
  type ImapSettingsInput,
} from '../../modules/inbound/index.ts';
import { formBody, redirectWithFlash } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { emptyForm } from '../ui/Form.tsx';
import { attempt, formWithError, numericParam, routeKit, type WebDeps } from '../route-kit.ts';
import { InboundSettingsPage, type InboundSettingsModel } from './inbound-settings.page.tsx';

const PAGE = '/desk/settings/inbound';

function imapInput(body: Record<string, string>): ImapSettingsInput {
  const after = body.afterAction;
  return {
    enabled: body.enabled === 'on',
    host: body.host ?? '',
    port: body.port ?? '',
    tls: body.tls === 'on',
    username: body.username ?? '',
    password: body.password ?? '',
    folder: body.folder ?? '',
    afterAction: after === 'move' || after === 'delete' ? after : 'seen',
    moveFolder: body.moveFolder ?? '',
    pollSeconds: body.pollSeconds ?? '',
  };
}

/** Admins: inbound push tokens (shown once, stored hashed) and the IMAP mailbox with "Test connection". */
export async function deskInboundSettingsRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<InboundSettingsModel> = {},
    status = 200,
  ) {
    const c = ctx(req);
    const [imap, tokens] = await Promise.all([getImapSettings(c), listInboundTokens(c)]);
    const v = await view(req, reply);
    const m: InboundSettingsModel = { tokens, imap, tokenForm: emptyForm, imapForm: emptyForm, ...extra };
    return sendHtml(reply, <InboundSettingsPage v={v} m={m} />, status);
  }

  app.get(PAGE, (req, reply) => render(req, reply));

  app.post(`${PAGE}/tokens`, async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(() => createInboundToken(ctx(req), body.name ?? ''));
    if (!result.ok)
      return render(req, reply, { tokenForm: formWithError(body, result.error) }, result.error.status);
    // The raw token is shown once, in this response; only its hash is stored.
    return render(req, reply, { newToken: result.value });
  });

  app.post(`${PAGE}/tokens/:id/revoke`, async (req, reply) => {
    await revokeInboundToken(ctx(req), numericParam((req.params as { id: string }).id));
    return redirectWithFlash(reply, PAGE, { kind: 'success', key: 'flash.inbound.tokenRevoked' });
  });

  app.post(`${PAGE}/imap`, async (req, reply) => {
    const body = formBody(req);
    const input = imapInput(body);
    const kept = formWithError(body);
    if (body.action === 'test') {
      const result = await attempt(() => testImapConnection(ctx(req), input));
      if (!result.ok)
        return render(req, reply, { imapForm: formWithError(body, result.error) }, result.error.status);
      const v = await view(req, reply);
      const outcome = result.value;
      const text = outcome.ok
        ? v.t.t('desk.inboundSettings.testOk', {
            folder: input.folder,
            count: outcome.messages,
            idle: v.t.t(outcome.idle ? 'desk.inboundSettings.yes' : 'desk.inboundSettings.no'),
          })
        : v.t.t('desk.inboundSettings.testFailed', { error: outcome.error });
      return render(req, reply, { imapForm: kept, testResult: { ok: outcome.ok, text } });
    }
    const saved = await attempt(() => saveImapSettings(ctx(req), input));
    if (!saved.ok)
      return render(req, reply, { imapForm: formWithError(body, saved.error) }, saved.error.status);
    deps.pokeWorker();
    return redirectWithFlash(reply, PAGE, { kind: 'success', key: 'flash.inbound.imapSaved' });
  });
}
