import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  inspectInvoice,
  parseMajorAmount,
  updateInvoiceDetails,
  type InvoiceEdit,
} from '../../../modules/commerce/index.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { formBody, formList, redirectWithFlash } from '../../../platform/http/request-context.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import { emptyForm } from '../../ui/Form.tsx';
import { attempt, formWithError, numericParam, routeKit, type WebDeps } from '../../route-kit.ts';
import { readCarry } from './carry.ts';
import { InvoiceEditPage, type ItemRow } from './invoice-edit.page.tsx';

const idOf = (req: FastifyRequest) => numericParam((req.params as { id: string }).id);

function typedItems(req: FastifyRequest): ItemRow[] {
  const names = formList(req, 'item_name');
  const prices = formList(req, 'item_price');
  const qtys = formList(req, 'item_qty');
  return names
    .map((name, i) => ({ name, price: prices[i] ?? '', qty: qtys[i] ?? '' }))
    .filter((r) => r.name.trim() || r.price.trim() || r.qty.trim());
}

/** Reads the edit form; amounts are typed in major units of the invoice's currency. */
function editInput(req: FastifyRequest, currency: string, pending: boolean): InvoiceEdit {
  const body = formBody(req);
  const errors: FieldErrors = {};
  const due = (body.dueAt ?? '').trim();
  const dueAt = /^\d{4}-\d{2}-\d{2}$/.test(due) ? Date.parse(`${due}T00:00:00Z`) : null;
  if (due && (dueAt === null || Number.isNaN(dueAt))) errors.dueAt = 'commerce.error.date';
  const input: InvoiceEdit = {
    title: body.title ?? '',
    billingAddress: body.billingAddress ?? '',
    poNumber: body.poNumber ?? '',
    notes: body.notes ?? '',
    dueAt: dueAt !== null && !Number.isNaN(dueAt) ? dueAt : null,
    ticketNumber: readCarry(body).ticketNumber,
  };
  if (pending && formList(req, 'item_name').length) {
    input.items = typedItems(req).map((r, i) => {
      const unitPrice = parseMajorAmount(r.price, currency);
      if (unitPrice === undefined) errors[`items.${i}.unitPrice`] = 'commerce.error.amountFormat';
      const qty = r.qty.trim() ? Number(r.qty) : 1;
      return { name: r.name, unitPrice: unitPrice ?? 0, quantity: qty };
    });
    const tax = parseMajorAmount(body.tax || '0', currency);
    if (tax === undefined) errors.tax = 'commerce.error.amountFormat';
    input.tax = tax ?? 0;
  }
  if (Object.keys(errors).length) throw new AppError('VALIDATION', errors);
  return input;
}

/** The invoice edit page, opened in a new tab from the panels (permission `commerce`). */
export async function deskInvoiceEditRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/invoices/:id/edit', async (req, reply) => {
    const d = await inspectInvoice(ctx(req), idOf(req));
    if (!d.can.edit) throw new AppError('FORBIDDEN');
    const carry = readCarry(req.query as Record<string, unknown>);
    return sendHtml(
      reply,
      <InvoiceEditPage v={await view(req, reply)} d={d} carry={carry} form={emptyForm} />,
    );
  });

  app.post('/desk/invoices/:id/edit', async (req, reply) => {
    const id = idOf(req);
    const d = await inspectInvoice(ctx(req), id);
    const result = await attempt(() =>
      updateInvoiceDetails(ctx(req), id, editInput(req, d.invoice.currency, d.invoice.status === 'pending')),
    );
    const carry = readCarry(formBody(req));
    if (result.ok) {
      deps.pokeWorker();
      const back = `/desk/invoices/${id}/edit?${new URLSearchParams(carry.ticketNumber ? { ticket: String(carry.ticketNumber) } : {})}`;
      return redirectWithFlash(reply, back, {
        kind: 'success',
        key: 'commerce.flash.invoiceSaved',
        values: { number: d.invoice.number },
      });
    }
    const form = formWithError(formBody(req), result.error);
    const page = (
      <InvoiceEditPage
        v={await view(req, reply)}
        d={d}
        carry={carry}
        form={form}
        typedItems={typedItems(req)}
      />
    );
    return sendHtml(reply, page, result.error.status);
  });
}
