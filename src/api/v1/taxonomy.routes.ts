import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createCategory,
  createStatus,
  deleteCategory,
  deleteStatus,
  getCategory,
  getStatus,
  listCategoriesVisible,
  listPriorities,
  listStatuses,
  updateCategory,
  updateStatus,
} from '../../modules/taxonomy/index.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import type { WebDeps } from '../../web/route-kit.ts';
import { errorResponses } from './schemas.ts';
import { presentCategory, presentPriority, presentStatus, type Reading } from './taxonomy.present.ts';
import {
  CategoryListSchema,
  CategorySchema,
  CreateCategoryBody,
  CreateStatusBody,
  DeleteQuery,
  DeletedSchema,
  IdParams,
  PriorityListSchema,
  StatusListSchema,
  StatusSchema,
  UpdateCategoryBody,
  UpdateStatusBody,
} from './taxonomy.schemas.ts';

const tags = ['taxonomy'];
const security = [{ bearer: [] }];

/**
 * Categories, statuses and priorities over JSON. Anyone with a token reads them (customers need
 * category ids to open tickets); changes need an admin-scoped token and the `categories` or
 * `statuses` permission, checked in the services.
 */
export async function taxonomyApiRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps);
  const reading = async (req: FastifyRequest): Promise<Reading> => ({
    locale: req.locale,
    defaultLocale: (await deps.settings.get()).defaultLocale,
  });

  api.get(
    '/categories',
    {
      schema: {
        summary: 'Categories in list order (archived ones only for admins)',
        tags,
        security,
        response: { 200: CategoryListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const r = await reading(req);
      return { items: (await listCategoriesVisible(ctx(req))).map((c) => presentCategory(c, r)) };
    },
  );

  api.get(
    '/categories/:id',
    {
      schema: {
        summary: 'A category',
        tags,
        security,
        params: IdParams,
        response: { 200: CategorySchema, ...errorResponses },
      },
    },
    async (req) => presentCategory(await getCategory(ctx(req), req.params.id), await reading(req)),
  );

  api.post(
    '/categories',
    {
      schema: {
        summary: 'Create a category',
        tags,
        security,
        body: CreateCategoryBody,
        response: { 201: CategorySchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const created = await createCategory(ctx(req), req.body);
      return reply.code(201).send(presentCategory(created, await reading(req)));
    },
  );

  api.patch(
    '/categories/:id',
    {
      schema: {
        summary: 'Change a category',
        tags,
        security,
        params: IdParams,
        body: UpdateCategoryBody,
        response: { 200: CategorySchema, ...errorResponses },
      },
    },
    async (req) =>
      presentCategory(await updateCategory(ctx(req), req.params.id, req.body), await reading(req)),
  );

  api.delete(
    '/categories/:id',
    {
      schema: {
        summary: 'Delete a category, moving its tickets to moveTo',
        tags,
        security,
        params: IdParams,
        querystring: DeleteQuery,
        response: { 200: DeletedSchema, ...errorResponses },
      },
    },
    async (req) => deleteCategory(ctx(req), req.params.id, { moveTo: req.query.moveTo }),
  );

  api.get(
    '/statuses',
    {
      schema: {
        summary: 'Statuses in list order',
        tags,
        security,
        response: { 200: StatusListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const r = await reading(req);
      return { items: (await listStatuses(ctx(req))).map((s) => presentStatus(s, r)) };
    },
  );

  api.get(
    '/statuses/:id',
    {
      schema: {
        summary: 'A status',
        tags,
        security,
        params: IdParams,
        response: { 200: StatusSchema, ...errorResponses },
      },
    },
    async (req) => presentStatus(await getStatus(ctx(req), req.params.id), await reading(req)),
  );

  api.post(
    '/statuses',
    {
      schema: {
        summary: 'Create a status',
        tags,
        security,
        body: CreateStatusBody,
        response: { 201: StatusSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const created = await createStatus(ctx(req), req.body);
      return reply.code(201).send(presentStatus(created, await reading(req)));
    },
  );

  api.patch(
    '/statuses/:id',
    {
      schema: {
        summary: 'Change a status',
        tags,
        security,
        params: IdParams,
        body: UpdateStatusBody,
        response: { 200: StatusSchema, ...errorResponses },
      },
    },
    async (req) => presentStatus(await updateStatus(ctx(req), req.params.id, req.body), await reading(req)),
  );

  api.delete(
    '/statuses/:id',
    {
      schema: {
        summary: 'Delete a custom status, moving its tickets to moveTo',
        tags,
        security,
        params: IdParams,
        querystring: DeleteQuery,
        response: { 200: DeletedSchema, ...errorResponses },
      },
    },
    async (req) => deleteStatus(ctx(req), req.params.id, { moveTo: req.query.moveTo }),
  );

  api.get(
    '/priorities',
    {
      schema: {
        summary: 'The five fixed priorities, −2 (backlog) to 2 (urgent)',
        tags,
        security,
        response: { 200: PriorityListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const r = await reading(req);
      return { items: (await listPriorities(ctx(req))).map((p) => presentPriority(p, r)) };
    },
  );
}
