import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  cancelInvoice,
  deleteInvoice,
  inspectInvoice,
  markInvoicePaid,
  minorToMajorText,
  parseMajorAmount,
  refundInvoice,
  resendInvoice,
  setInvoiceTracking,
  updateInvoiceNotes,
  type ActionResult,
  type Invoice,
} from '../../../modules/commerce/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { randomToken } from '../../../platform/crypto.ts';
import { AppError } from '../../../platform/errors.ts';
import type { View } from '../../ui/view.ts';
import { numericParam, routeKit, type WebDeps } from '../../route-kit.ts';
import { commerceAction, inPlace, type ActionForm } from './action-kit.tsx';
import { readCarry, type Carry } from './carry.ts';
import { sendDialogOrPage } from './dialog-kit.tsx';
import { InvoiceInspect, RefundForm } from './invoice.dialogs.tsx';
import { ConfirmForm } from './purchase.dialogs.tsx';

const idOf = (req: FastifyRequest) => numericParam((req.params as { id: string }).id);

type Run = (
  ctx: Ctx,
  id: number,
  input: { ticketNumber?: number | undefined },
) => Promise<ActionResult<Invoice>>;

/** The yes/no actions on an invoice: path, service, question, button and message. */
const CONFIRMS: { path: string; run: Run; key: string; danger: boolean }[] = [
  { path: 'mark-paid', run: markInvoicePaid, key: 'markPaid', danger: false },
  { path: 'cancel', run: cancelInvoice, key: 'cancel', danger: true },
  { path: 'resend', run: resendInvoice, key: 'resend', danger: false },
  { path: 'delete', run: deleteInvoice, key: 'delete', danger: true },
];

function confirmPage(
  v: View,
  c: (typeof CONFIRMS)[number],
  invoice: Invoice,
  carry: Carry,
  hx: boolean,
  form?: ActionForm,
) {
  const values = { number: invoice.number, email: invoice.customer_email };
  return {
    title: v.t.t(`commerce.confirm.${c.key}.title`, values),
    body: (
      <ConfirmForm
        v={v}
        action={`/desk/invoices/${invoice.id}/${c.path}`}
        question={v.t.t(`commerce.confirm.${c.key}.question`, values)}
        submit={v.t.t(`commerce.action.${c.key}`)}
        danger={c.danger}
        carry={carry}
        hx={hx}
        form={form}
      />
    ),
  };
}

/** An invoice: inspect, notes, track, mark paid, cancel, refund, resend, delete; dialogs with htmx, pages without. */
export async function deskInvoiceRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);
  const inspectPage = async (req: FastifyRequest, v: View, carry: Carry, form?: ActionForm) => {
    const c = ctx(req);
    const d = await inspectInvoice(c, idOf(req));
    const title = v.t.t('commerce.invoice.heading', { number: d.invoice.number });
    return {
      title,
      wide: true,
      body: <InvoiceInspect v={v} ctx={c} d={d} carry={carry} hx={inPlace(req, carry)} form={form} />,
    };
  };

  app.get('/desk/invoices/:id', async (req, reply) => {
    const v = await view(req, reply);
    const carry = readCarry(req.query as Record<string, unknown>);
    return sendDialogOrPage(req, reply, v, { ...(await inspectPage(req, v, carry)), carry });
  });

  app.post(
    '/desk/invoices/:id/notes',
    commerceAction(deps, {
      run: (c, carry, body, req) =>
        updateInvoiceNotes(c, idOf(req), { notes: body.notes ?? '', ticketNumber: carry.ticketNumber }),
      notice: (_v, r) => ({
        key: r.changed ? 'commerce.flash.notesSaved' : 'commerce.flash.unchanged',
        values: { number: r.value.number },
        info: !r.changed,
      }),
      form: (v, carry, form, _hx, req) => inspectPage(req, v, carry, form),
    }),
  );

  app.post(
    '/desk/invoices/:id/track',
    commerceAction(deps, {
      run: (c, carry, body, req) =>
        setInvoiceTracking(c, idOf(req), { on: body.on !== '0', ticketNumber: carry.ticketNumber }),
      notice: (_v, r) => ({ key: 'commerce.flash.trackingSaved', values: { number: r.value.number } }),
      form: (v, carry, form, _hx, req) => inspectPage(req, v, carry, form),
    }),
  );

  const refundPage = async (req: FastifyRequest, v: View, carry: Carry, form?: ActionForm) => {
    const d = await inspectInvoice(ctx(req), idOf(req));
    const key = form?.values.idempotencyKey ?? randomToken(16);
    return {
      title: v.t.t('commerce.refund.title', { number: d.invoice.number }),
      body: (
        <RefundForm
          v={v}
          d={d}
          carry={carry}
          hx={inPlace(req, carry)}
          form={form}
          amount={minorToMajorText(d.refundable, d.invoice.currency)}
          idempotencyKey={key}
        />
      ),
    };
  };

  app.get('/desk/invoices/:id/refund', async (req, reply) => {
    const v = await view(req, reply);
    const carry = readCarry(req.query as Record<string, unknown>);
    return sendDialogOrPage(req, reply, v, { ...(await refundPage(req, v, carry)), carry });
  });

  app.post(
    '/desk/invoices/:id/refund',
    commerceAction(deps, {
      run: (c, carry, body, req) => {
        const amount = parseAmount(body.amount ?? '', body.currency ?? '');
        return refundInvoice(c, idOf(req), {
          amount,
          currency: body.currency,
          idempotencyKey: body.idempotencyKey ?? '',
          ticketNumber: carry.ticketNumber,
        });
      },
      notice: (v, r) => ({
        key: r.replayed ? 'commerce.flash.refundReplayed' : 'commerce.flash.refunded',
        values: {
          number: r.invoice.number,
          amount: v.t.money(r.transaction.amount_minor, r.transaction.currency),
        },
        info: r.replayed,
      }),
      form: (v, carry, form, _hx, req) => refundPage(req, v, carry, form),
    }),
  );

  for (const c of CONFIRMS) {
    app.get(`/desk/invoices/:id/${c.path}`, async (req, reply) => {
      const d = await inspectInvoice(ctx(req), idOf(req));
      const v = await view(req, reply);
      const carry = readCarry(req.query as Record<string, unknown>);
      return sendDialogOrPage(req, reply, v, {
        ...confirmPage(v, c, d.invoice, carry, inPlace(req, carry)),
        carry,
      });
    });
    app.post(
      `/desk/invoices/:id/${c.path}`,
      commerceAction(deps, {
        run: (cx, carry, _body, req) => c.run(cx, idOf(req), { ticketNumber: carry.ticketNumber }),
        notice: (_v, r) => ({
          key: r.changed ? `commerce.flash.${c.key}` : 'commerce.flash.unchanged',
          values: { number: r.value.number, email: r.value.customer_email },
          info: !r.changed,
        }),
        form: async (v, carry, form, hx, req) => {
          const d = await inspectInvoice(ctx(req), idOf(req));
          return confirmPage(v, c, d.invoice, carry, hx, form);
        },
      }),
    );
  }
}

/** The typed amount in minor units of the currency; a field error when it is not an amount. */
function parseAmount(text: string, currency: string): number {
  const minor = /^[A-Z]{3}$/.test(currency) ? parseMajorAmount(text, currency) : undefined;
  if (minor === undefined) throw new AppError('VALIDATION', { amount: 'commerce.error.amountFormat' });
  return minor;
}
