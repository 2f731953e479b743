import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  upsertInvoice,
  upsertProduct,
  upsertPurchase,
  upsertTransaction,
  type InvoiceStatus,
} from '../../modules/commerce/index.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import type { WebDeps } from '../../web/route-kit.ts';
import {
  ExternalIdParams,
  InvoiceBody,
  InvoiceSchema,
  ProductBody,
  ProductSchema,
  PurchaseBody,
  PurchaseSchema,
  TransactionBody,
  TransactionSchema,
} from './commerce.schemas.ts';
import { presentInvoice, presentProduct, presentPurchase, presentTransaction } from './commerce.present.ts';
import { errorResponses } from './schemas.ts';

const tags = ['commerce feed'];
const security = [{ bearer: [] }];
const params = ExternalIdParams;
const ms = (iso: string | null | undefined) =>
  iso === undefined ? undefined : iso === null ? null : Date.parse(iso);

/**
 * The shop pushes its records here with an admin-scoped token: PUT by the shop's own external
 * id creates the record (201) or updates it (200), so a repeated push changes nothing.
 */
export async function commerceFeedApiRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps);

  api.put(
    '/commerce/products/:externalId',
    {
      schema: {
        summary: 'Create or update a product',
        tags,
        security,
        params,
        body: ProductBody,
        response: { 200: ProductSchema, 201: ProductSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await upsertProduct(ctx(req), req.params.externalId, req.body);
      return reply.code(r.created ? 201 : 200).send(presentProduct(r.product));
    },
  );

  api.put(
    '/commerce/purchases/:externalId',
    {
      schema: {
        summary: 'Create or update a purchase',
        tags,
        security,
        params,
        body: PurchaseBody,
        response: { 200: PurchaseSchema, 201: PurchaseSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await upsertPurchase(ctx(req), req.params.externalId, {
        ...b,
        purchasedAt: Date.parse(b.purchasedAt),
        expiresAt: ms(b.expiresAt),
      });
      return reply.code(r.created ? 201 : 200).send(presentPurchase(r.purchase, deps.now()));
    },
  );

  api.put(
    '/commerce/invoices/:externalId',
    {
      schema: {
        summary: 'Create or update an invoice with its line items',
        tags,
        security,
        params,
        body: InvoiceBody,
        response: { 200: InvoiceSchema, 201: InvoiceSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await upsertInvoice(ctx(req), req.params.externalId, {
        ...b,
        status: b.status as InvoiceStatus,
        createdAt: ms(b.createdAt) ?? undefined,
        paidAt: ms(b.paidAt),
        dueAt: ms(b.dueAt),
      });
      deps.pokeWorker();
      return reply.code(r.created ? 201 : 200).send(presentInvoice(r.invoice));
    },
  );

  api.put(
    '/commerce/transactions/:externalId',
    {
      schema: {
        summary: 'Create or update a transaction of an invoice',
        tags,
        security,
        params,
        body: TransactionBody,
        response: { 200: TransactionSchema, 201: TransactionSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await upsertTransaction(ctx(req), req.params.externalId, {
        ...b,
        createdAt: ms(b.createdAt) ?? undefined,
      });
      return reply.code(r.created ? 201 : 200).send(presentTransaction(r.transaction));
    },
  );
}
