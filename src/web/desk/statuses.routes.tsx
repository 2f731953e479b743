import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../modules/accounts/index.ts';
import {
  createStatus,
  deleteStatus,
  getPriority,
  getStatus,
  listPriorities,
  listStatuses,
  moveStatus,
  statusDeletion,
  updatePriority,
  updateStatus,
  type StatusDetail,
  type StatusInput,
} from '../../modules/taxonomy/index.ts';
import { AppError } from '../../platform/errors.ts';
import { formBody, redirectWithFlash } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { emptyForm, type FormState } from '../ui/Form.tsx';
import {
  attempt,
  formWithError,
  numericParam,
  optionalNumber,
  routeKit,
  type WebDeps,
} from '../route-kit.ts';
import { PriorityFormPage, StatusFormPage, StatusListPage } from './statuses.pages.tsx';
import { DeletePage } from './taxonomy-ui.tsx';
import {
  colorsPatchFrom,
  displayText,
  textsPatchFrom,
  versionFrom,
  type SiteLocales,
} from './taxonomy.view-model.ts';

const NEW_STATUS_COLORS = {
  light: { background: '#cccccc', text: '#000000' },
  dark: { background: '#333333', text: '#ffffff' },
};

function inputFrom(body: Record<string, string>, site: SiteLocales): StatusInput {
  return {
    names: textsPatchFrom(body, 'names', site.enabled),
    // A builtin status's form has no closing box: its flag is not the form's to change.
    closing: body.closingField ? body.closing === 'on' : undefined,
    colors: colorsPatchFrom(body),
    expectedVersion: versionFrom(body),
  };
}

function priorityParam(req: FastifyRequest): number {
  const n = Number((req.params as { value: string }).value);
  if (!Number.isInteger(n) || n < -2 || n > 2) throw new AppError('NOT_FOUND');
  return n;
}

/** Statuses and priorities (permission `statuses`): list, add, edit, recolour, reorder, delete. */
export async function deskStatusRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);
  const siteLocales = async (): Promise<SiteLocales> => {
    const s = await deps.settings.get();
    return { enabled: s.enabledLocales, default: s.defaultLocale };
  };
  const idOf = (req: FastifyRequest) => numericParam((req.params as { id: string }).id);

  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    s: StatusDetail | undefined,
    form: FormState,
    status = 200,
  ) {
    const v = await view(req, reply);
    const page = (
      <StatusFormPage
        v={v}
        site={await siteLocales()}
        s={s}
        colors={s?.colors ?? NEW_STATUS_COLORS}
        form={form}
      />
    );
    return sendHtml(reply, page, status);
  }

  async function renderDelete(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: FormState,
    status = 200,
  ) {
    const info = await statusDeletion(ctx(req), id);
    const site = await siteLocales();
    const v = await view(req, reply);
    const name = (s: StatusDetail) => displayText(s.names, v.locale, site).text;
    const refused = info.status.builtin ? { ...form, error: 'error.BUILTIN_STATUS' } : form;
    const page = (
      <DeletePage
        v={v}
        title={v.t.t('taxonomy.statuses.deleteTitle', { name: name(info.status) })}
        action={`/desk/statuses/${id}/delete`}
        back="/desk/statuses"
        tickets={info.tickets}
        targets={info.targets.map((s) => ({ id: s.id, name: name(s) }))}
        form={refused}
        refused={info.status.builtin}
      />
    );
    return sendHtml(reply, page, info.status.builtin && status === 200 ? 409 : status);
  }

  app.get('/desk/statuses', async (req, reply) => {
    requirePermission(req.actor, 'statuses');
    const c = ctx(req);
    const [statuses, priorities] = await Promise.all([listStatuses(c), listPriorities(c)]);
    const page = (
      <StatusListPage
        v={await view(req, reply)}
        site={await siteLocales()}
        statuses={statuses}
        priorities={priorities}
      />
    );
    return sendHtml(reply, page);
  });

  app.get('/desk/statuses/new', async (req, reply) => {
    requirePermission(req.actor, 'statuses');
    return renderForm(req, reply, undefined, emptyForm);
  });

  app.post('/desk/statuses', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(async () => createStatus(ctx(req), inputFrom(body, await siteLocales())));
    if (!result.ok)
      return renderForm(req, reply, undefined, formWithError(body, result.error), result.error.status);
    return redirectWithFlash(reply, `/desk/statuses/${result.value.id}`, {
      kind: 'success',
      key: 'flash.taxonomy.statusCreated',
    });
  });

  app.get('/desk/statuses/:id', async (req, reply) => {
    requirePermission(req.actor, 'statuses');
    return renderForm(req, reply, await getStatus(ctx(req), idOf(req)), emptyForm);
  });

  app.post('/desk/statuses/:id', async (req, reply) => {
    const id = idOf(req);
    const body = formBody(req);
    const result = await attempt(async () =>
      updateStatus(ctx(req), id, inputFrom(body, await siteLocales())),
    );
    if (!result.ok)
      return renderForm(
        req,
        reply,
        await getStatus(ctx(req), id),
        formWithError(body, result.error),
        result.error.status,
      );
    return redirectWithFlash(reply, `/desk/statuses/${id}`, { kind: 'success', key: 'flash.taxonomy.saved' });
  });

  app.post('/desk/statuses/:id/move', async (req, reply) => {
    const result = await attempt(() => moveStatus(ctx(req), idOf(req), Number(formBody(req).position)));
    const flash = result.ok ? undefined : ({ kind: 'error', key: `error.${result.error.code}` } as const);
    return redirectWithFlash(reply, '/desk/statuses', flash);
  });

  app.get('/desk/statuses/:id/delete', async (req, reply) => renderDelete(req, reply, idOf(req), emptyForm));

  app.post('/desk/statuses/:id/delete', async (req, reply) => {
    const id = idOf(req);
    const body = formBody(req);
    const result = await attempt(() => deleteStatus(ctx(req), id, { moveTo: optionalNumber(body.moveTo) }));
    if (!result.ok)
      return renderDelete(req, reply, id, formWithError(body, result.error), result.error.status);
    return redirectWithFlash(reply, '/desk/statuses', {
      kind: 'success',
      key: 'flash.taxonomy.deleted',
      values: { count: result.value.moved },
    });
  });

  app.get('/desk/statuses/priorities/:value', async (req, reply) => {
    requirePermission(req.actor, 'statuses');
    const p = await getPriority(ctx(req), priorityParam(req));
    return sendHtml(
      reply,
      <PriorityFormPage v={await view(req, reply)} site={await siteLocales()} p={p} form={emptyForm} />,
    );
  });

  app.post('/desk/statuses/priorities/:value', async (req, reply) => {
    const value = priorityParam(req);
    const body = formBody(req);
    const site = await siteLocales();
    const input = {
      names: textsPatchFrom(body, 'names', site.enabled),
      colors: colorsPatchFrom(body),
      expectedVersion: versionFrom(body),
    };
    const result = await attempt(() => updatePriority(ctx(req), value, input));
    if (!result.ok) {
      const p = await getPriority(ctx(req), value);
      const page = (
        <PriorityFormPage
          v={await view(req, reply)}
          site={site}
          p={p}
          form={formWithError(body, result.error)}
        />
      );
      return sendHtml(reply, page, result.error.status);
    }
    return redirectWithFlash(reply, `/desk/statuses/priorities/${value}`, {
      kind: 'success',
      key: 'flash.taxonomy.saved',
    });
  });
}
