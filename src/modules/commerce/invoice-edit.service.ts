import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { requireWritable } from '../accounts/index.ts';
import { recordCommerceAction } from './commerce-action.ts';
import { requireCommerce } from './commerce.policy.ts';
import type { Invoice } from './commerce.schema.ts';
import {
  checkItems,
  checkMinor,
  checkText,
  checkTime,
  TEXT_MAX,
  type ItemInput,
} from './commerce.validation.ts';
import { lockInvoice, replaceInvoiceItems, updateInvoice } from './invoice.repo.ts';
import { invoiceTotals } from './money.ts';

export interface InvoiceEdit {
  title: string;
  billingAddress: string;
  poNumber: string;
  notes: string;
  dueAt: number | null;
  /** Line items and tax can change only while the invoice is pending. */
  items?: ItemInput[] | undefined;
  tax?: number | undefined;
  ticketNumber?: number | undefined;
}

function checkEdit(input: InvoiceEdit) {
  const errors: FieldErrors = {};
  const values = {
    title: checkText(errors, 'title', input.title),
    billing_address: checkText(errors, 'billingAddress', input.billingAddress, {
      optional: true,
      max: TEXT_MAX,
    }),
    po_number: checkText(errors, 'poNumber', input.poNumber, { optional: true, max: 100 }),
    notes: checkText(errors, 'notes', input.notes, { optional: true, max: 5000 }),
    due_at: checkTime(errors, 'dueAt', input.dueAt, true),
  };
  const items = input.items ? checkItems(errors, input.items) : undefined;
  const tax = input.tax !== undefined ? checkMinor(errors, 'tax', input.tax) : undefined;
  assertValid(errors);
  return { values, items, tax };
}

/**
 * Saves the invoice edit page (permission `commerce`): title, billing address, PO number, notes
 * and due date always; line items and tax only while pending, else INVOICE_STATE.
 */
export async function updateInvoiceDetails(ctx: Ctx, id: number, input: InvoiceEdit): Promise<Invoice> {
  requireCommerce(ctx.actor);
  requireWritable(ctx.actor);
  const { values, items, tax } = checkEdit(input);
  return tx(ctx.db, async (trx) => {
    const invoice = await lockInvoice(trx, id);
    if (!invoice) throw new AppError('NOT_FOUND');
    let totals = {};
    if (items || tax !== undefined) {
      if (invoice.status !== 'pending') throw new AppError('INVOICE_STATE');
      if (items) await replaceInvoiceItems(trx, id, items);
      const t = invoiceTotals(items ?? [], tax ?? invoice.tax_minor);
      totals = items
        ? { subtotal_minor: t.subtotal, total_minor: t.total, tax_minor: tax ?? invoice.tax_minor }
        : { tax_minor: tax, total_minor: invoice.subtotal_minor + (tax ?? 0) };
    }
    const updated = await updateInvoice(trx, id, { ...values, ...totals, updated_at: ctx.now() });
    await recordCommerceAction(
      { ...ctx, db: trx },
      {
        action: 'invoice.edit',
        subject: { type: 'invoice', id },
        data: { itemsChanged: !!items, total: updated.total_minor },
        ticketNumber: input.ticketNumber,
        note: { key: 'commerce.history.invoiceEdited', values: { number: invoice.number } },
      },
    );
    return updated;
  });
}
