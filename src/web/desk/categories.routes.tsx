import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../modules/accounts/index.ts';
import {
  categoryDeletion,
  createCategory,
  deleteCategory,
  getCategoryForAdmin,
  listCategoriesForAdmin,
  moveCategory,
  updateCategory,
  type CategoryDetail,
  type CategoryInput,
} from '../../modules/taxonomy/index.ts';
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
import { CategoryFormPage, CategoryListPage } from './categories.pages.tsx';
import { DeletePage } from './taxonomy-ui.tsx';
import { displayText, textsPatchFrom, versionFrom, type SiteLocales } from './taxonomy.view-model.ts';

function inputFrom(body: Record<string, string>, site: SiteLocales): CategoryInput {
  return {
    names: textsPatchFrom(body, 'names', site.enabled),
    disclaimers: textsPatchFrom(body, 'disclaimers', site.enabled),
    active: body.archived !== 'on',
    expectedVersion: versionFrom(body),
  };
}

/** Categories (permission `categories`): list, add, edit, reorder, archive and delete. */
export async function deskCategoryRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);
  const siteLocales = async (): Promise<SiteLocales> => {
    const s = await deps.settings.get();
    return { enabled: s.enabledLocales, default: s.defaultLocale };
  };
  const idOf = (req: FastifyRequest) => numericParam((req.params as { id: string }).id);

  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    c: CategoryDetail | undefined,
    form: FormState,
    status = 200,
  ) {
    const page = <CategoryFormPage v={await view(req, reply)} site={await siteLocales()} c={c} form={form} />;
    return sendHtml(reply, page, status);
  }

  async function renderDelete(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: FormState,
    status = 200,
  ) {
    const info = await categoryDeletion(ctx(req), id);
    const site = await siteLocales();
    const v = await view(req, reply);
    const name = (c: CategoryDetail) => displayText(c.names, v.locale, site).text;
    const page = (
      <DeletePage
        v={v}
        title={v.t.t('taxonomy.categories.deleteTitle', { name: name(info.category) })}
        action={`/desk/categories/${id}/delete`}
        back="/desk/categories"
        tickets={info.tickets}
        targets={info.targets.map((c) => ({ id: c.id, name: name(c) }))}
        form={form}
      />
    );
    return sendHtml(reply, page, status);
  }

  app.get('/desk/categories', async (req, reply) => {
    const rows = await listCategoriesForAdmin(ctx(req));
    return sendHtml(
      reply,
      <CategoryListPage v={await view(req, reply)} site={await siteLocales()} rows={rows} />,
    );
  });

  app.get('/desk/categories/new', async (req, reply) => {
    requirePermission(req.actor, 'categories');
    return renderForm(req, reply, undefined, emptyForm);
  });

  app.post('/desk/categories', async (req, reply) => {
    const body = formBody(req);
    const result = await attempt(async () => createCategory(ctx(req), inputFrom(body, await siteLocales())));
    if (!result.ok)
      return renderForm(req, reply, undefined, formWithError(body, result.error), result.error.status);
    return redirectWithFlash(reply, `/desk/categories/${result.value.id}`, {
      kind: 'success',
      key: 'flash.taxonomy.categoryCreated',
    });
  });

  app.get('/desk/categories/:id', async (req, reply) => {
    const c = await getCategoryForAdmin(ctx(req), idOf(req));
    return renderForm(req, reply, c, emptyForm);
  });

  app.post('/desk/categories/:id', async (req, reply) => {
    const id = idOf(req);
    const body = formBody(req);
    const result = await attempt(async () =>
      updateCategory(ctx(req), id, inputFrom(body, await siteLocales())),
    );
    if (!result.ok) {
      const c = await getCategoryForAdmin(ctx(req), id);
      // A stale form keeps what was typed but carries the current version, so a second save is deliberate.
      return renderForm(req, reply, c, formWithError(body, result.error), result.error.status);
    }
    return redirectWithFlash(reply, `/desk/categories/${id}`, {
      kind: 'success',
      key: 'flash.taxonomy.saved',
    });
  });

  app.post('/desk/categories/:id/move', async (req, reply) => {
    const position = Number(formBody(req).position);
    const result = await attempt(() => moveCategory(ctx(req), idOf(req), position));
    const flash = result.ok ? undefined : ({ kind: 'error', key: `error.${result.error.code}` } as const);
    return redirectWithFlash(reply, '/desk/categories', flash);
  });

  app.get('/desk/categories/:id/delete', async (req, reply) =>
    renderDelete(req, reply, idOf(req), emptyForm),
  );

  app.post('/desk/categories/:id/delete', async (req, reply) => {
    const id = idOf(req);
    const body = formBody(req);
    const result = await attempt(() => deleteCategory(ctx(req), id, { moveTo: optionalNumber(body.moveTo) }));
    if (!result.ok)
      return renderDelete(req, reply, id, formWithError(body, result.error), result.error.status);
    return redirectWithFlash(reply, '/desk/categories', {
      kind: 'success',
      key: 'flash.taxonomy.deleted',
      values: { count: result.value.moved },
    });
  });
}
