import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  cancelInvoice,
  deleteInvoice,
  inspectInvoice,
  markInvoicePaid,
  refundInvoice,
  renderInvoicePdf,
  resendInvoice,
  setInvoiceTracking,
  updateInvoiceNotes,
  type ActionResult,
  type Invoice,
} from '../../modules/commerce/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import type { WebDeps } from '../../web/route-kit.ts';
import {
  ChangedSchema,
  IdParams,
  InvoiceSchema,
  NotesBody,
  RefundBody,
  RefundSchema,
  TicketQuery,
  TrackingBody,
} from './commerce.schemas.ts';
import { presentInvoice, presentTransaction } from './commerce.present.ts';
import { ticketOf } from './commerce.routes.ts';
import { errorResponses } from './schemas.ts';

const tags = ['commerce'];
const security = [{ bearer: [] }];

type InvoiceAction = (
  ctx: Ctx,
  id: number,
  input: { ticketNumber?: number | undefined },
) => Promise<ActionResult<Invoice>>;

/** An invoice's desk actions over JSON: inspect, refund, cancel, mark paid, resend, notes, tracking, delete, PDF. */
export async function commerceInvoiceApiRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps);

  api.get(
    '/invoices/:id',
    {
      schema: {
        summary: 'An invoice with items and transactions',
        tags,
        security,
        params: IdParams,
        response: { 200: InvoiceSchema, ...errorResponses },
      },
    },
    async (req) => {
      const d = await inspectInvoice(ctx(req), req.params.id);
      return presentInvoice(d.invoice, d);
    },
  );

  api.post(
    '/invoices/:id/refunds',
    {
      schema: {
        summary: 'Refund all or part of a paid invoice, once per idempotency key',
        tags,
        security,
        params: IdParams,
        querystring: TicketQuery,
        body: RefundBody,
        response: { 200: RefundSchema, 201: RefundSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await refundInvoice(ctx(req), req.params.id, { ...req.body, ticketNumber: ticketOf(req) });
      deps.pokeWorker();
      return reply.code(r.replayed ? 200 : 201).send({
        invoice: presentInvoice(r.invoice),
        transaction: presentTransaction(r.transaction),
        replayed: r.replayed,
      });
    },
  );

  const actions: [string, string, InvoiceAction][] = [
    ['cancel', 'Cancel a pending or expired invoice', cancelInvoice],
    ['mark-paid', 'Mark an invoice paid', markInvoicePaid],
    ['resend', 'Mail the invoice to the customer again', resendInvoice],
  ];
  for (const [path, summary, run] of actions) {
    api.post(
      `/invoices/:id/${path}`,
      {
        schema: {
          summary,
          tags,
          security,
          params: IdParams,
          querystring: TicketQuery,
          response: { 200: ChangedSchema(InvoiceSchema), ...errorResponses },
        },
      },
      async (req) => {
        const r = await run(ctx(req), req.params.id, { ticketNumber: ticketOf(req) });
        deps.pokeWorker();
        return { changed: r.changed, record: presentInvoice(r.value) };
      },
    );
  }

  api.put(
    '/invoices/:id/notes',
    {
      schema: {
        summary: "Replace an invoice's staff notes",
        tags,
        security,
        params: IdParams,
        body: NotesBody,
        response: { 200: ChangedSchema(InvoiceSchema), ...errorResponses },
      },
    },
    async (req) => {
      const r = await updateInvoiceNotes(ctx(req), req.params.id, {
        notes: req.body.notes,
        ticketNumber: ticketOf(req),
      });
      return { changed: r.changed, record: presentInvoice(r.value) };
    },
  );

  api.put(
    '/invoices/:id/tracking',
    {
      schema: {
        summary: 'Start or stop being mailed when the invoice status changes',
        tags,
        security,
        params: IdParams,
        body: TrackingBody,
        response: { 200: ChangedSchema(InvoiceSchema), ...errorResponses },
      },
    },
    async (req) => {
      const r = await setInvoiceTracking(ctx(req), req.params.id, {
        on: req.body.on,
        ticketNumber: ticketOf(req),
      });
      return { changed: r.changed, record: presentInvoice(r.value) };
    },
  );

  api.delete(
    '/invoices/:id',
    {
      schema: {
        summary: 'Delete a pending or canceled invoice',
        tags,
        security,
        params: IdParams,
        querystring: TicketQuery,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteInvoice(ctx(req), req.params.id, { ticketNumber: ticketOf(req) });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/invoices/:id.pdf',
    {
      schema: {
        summary: 'The invoice as PDF',
        tags,
        security,
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const d = await inspectInvoice(ctx(req), req.params.id);
      const pdf = await renderInvoicePdf(d, req.t, (await deps.settings.get()).siteName);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="invoice-${d.invoice.number.replace(/[^\w.-]/g, '_')}.pdf"`,
        )
        .send(pdf);
    },
  );
}
