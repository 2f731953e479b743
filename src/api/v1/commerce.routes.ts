import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  cancelPurchase,
  inspectPurchase,
  listInvoicesForCustomer,
  listPurchasesForCustomer,
  reinstatePurchase,
  ticketNumberOf,
} from '../../modules/commerce/index.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import type { WebDeps } from '../../web/route-kit.ts';
import {
  ChangedSchema,
  CustomerParams,
  IdParams,
  InvoiceListQuery,
  InvoiceListSchema,
  PurchaseListQuery,
  PurchaseListSchema,
  PurchaseSchema,
  TicketQuery,
} from './commerce.schemas.ts';
import { presentCustomer, presentInvoice, presentPurchase } from './commerce.present.ts';
import { errorResponses } from './schemas.ts';

const tags = ['commerce'];
const security = [{ bearer: [] }];

/**
 * The ticket from the body or the query string; the body wins. Actions without other input take
 * an optional JSON body `{"ticket": 12, "reason": "…"}` (reason for purchase cancel), so they
 * declare no body schema: a body schema would refuse a bodiless POST.
 */
export function ticketOf(req: FastifyRequest): number | undefined {
  const body = (req.body ?? {}) as { ticket?: unknown };
  const query = (req.query ?? {}) as { ticket?: unknown };
  return ticketNumberOf(body.ticket ?? query.ticket);
}

/**
 * A customer's lists and the purchase actions for support automation: staff tokens with `commerce` (and
 * `refunds` for refunds). Anyone else gets 404, as for a customer that does not exist.
 */
export async function commerceStaffApiRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps);

  api.get(
    '/customers/:ref/purchases',
    {
      schema: {
        summary: "A customer's purchases, one tab, newest first",
        tags,
        security,
        params: CustomerParams,
        querystring: PurchaseListQuery,
        response: { 200: PurchaseListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const page = await listPurchasesForCustomer(ctx(req), { customer: req.params.ref, ...req.query });
      return {
        customer: presentCustomer(page.customer),
        counts: page.counts,
        items: page.rows.map((p) => presentPurchase(p, deps.now())),
        next: page.next ?? null,
      };
    },
  );

  api.get(
    '/customers/:ref/invoices',
    {
      schema: {
        summary: "A customer's invoices, newest first",
        tags,
        security,
        params: CustomerParams,
        querystring: InvoiceListQuery,
        response: { 200: InvoiceListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const page = await listInvoicesForCustomer(ctx(req), { customer: req.params.ref, ...req.query });
      return {
        customer: presentCustomer(page.customer),
        items: page.rows.map((i) => presentInvoice(i)),
        next: page.next ?? null,
      };
    },
  );

  api.get(
    '/purchases/:id',
    {
      schema: {
        summary: 'A purchase',
        tags,
        security,
        params: IdParams,
        response: { 200: PurchaseSchema, ...errorResponses },
      },
    },
    async (req) => presentPurchase((await inspectPurchase(ctx(req), req.params.id)).purchase, deps.now()),
  );

  api.post(
    '/purchases/:id/cancel',
    {
      schema: {
        summary: 'Cancel a purchase',
        tags,
        security,
        params: IdParams,
        querystring: TicketQuery,
        response: { 200: ChangedSchema(PurchaseSchema), ...errorResponses },
      },
    },
    async (req) => {
      const reason = (req.body as { reason?: unknown } | undefined)?.reason;
      const r = await cancelPurchase(ctx(req), req.params.id, {
        reason: typeof reason === 'string' ? reason : undefined,
        ticketNumber: ticketOf(req),
      });
      deps.pokeWorker();
      return { changed: r.changed, record: presentPurchase(r.value, deps.now()) };
    },
  );

  api.post(
    '/purchases/:id/reinstate',
    {
      schema: {
        summary: 'Reinstate a canceled purchase',
        tags,
        security,
        params: IdParams,
        querystring: TicketQuery,
        response: { 200: ChangedSchema(PurchaseSchema), ...errorResponses },
      },
    },
    async (req) => {
      const r = await reinstatePurchase(ctx(req), req.params.id, { ticketNumber: ticketOf(req) });
      return { changed: r.changed, record: presentPurchase(r.value, deps.now()) };
    },
  );
}
