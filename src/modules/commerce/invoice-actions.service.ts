import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { requireWritable } from '../accounts/index.ts';
import { notifyTrackers, recordCommerceAction, siteTranslator } from './commerce-action.ts';
import { CANCELABLE, DELETABLE, PAYABLE, requireCommerce } from './commerce.policy.ts';
import type { Invoice } from './commerce.schema.ts';
import { setTracking } from './customer.repo.ts';
import { deleteInvoiceRow, lockInvoice, updateInvoice } from './invoice.repo.ts';
import { queueInvoiceMail } from './invoice-mail.ts';
import { commerceProvider } from './provider.ts';
import type { ActionResult } from './purchase.service.ts';
import { insertTransaction } from './transaction.repo.ts';

export interface FromTicket {
  ticketNumber?: number | undefined;
}

const NOTES_MAX = 5000;

/** Runs a commerce action on one invoice in one transaction, with the invoice row locked. */
async function onInvoice<T>(
  ctx: Ctx,
  id: number,
  fn: (inner: Ctx, invoice: Invoice) => Promise<T>,
): Promise<T> {
  requireCommerce(ctx.actor);
  requireWritable(ctx.actor);
  return tx(ctx.db, async (trx) => {
    const invoice = await lockInvoice(trx, id);
    if (!invoice) throw new AppError('NOT_FOUND');
    return fn({ ...ctx, db: trx }, invoice);
  });
}

/**
 * Marks an invoice paid and records the payment the provider reports (permission `commerce`).
 * An invoice already paid stays as it is; a refunded one is INVOICE_STATE.
 */
export async function markInvoicePaid(
  ctx: Ctx,
  id: number,
  input: FromTicket,
): Promise<ActionResult<Invoice>> {
  return onInvoice(ctx, id, async (inner, invoice) => {
    if (invoice.status === 'paid') return { value: invoice, changed: false };
    if (!PAYABLE.includes(invoice.status)) throw new AppError('INVOICE_STATE');
    const provider = commerceProvider();
    const receipt = await provider.markPaid(inner, { invoice });
    const now = ctx.now();
    await insertTransaction(inner.db, {
      invoice_id: id,
      kind: 'payment',
      gateway: receipt.gateway ?? provider.name,
      amount_minor: invoice.total_minor,
      currency: invoice.currency,
      status: 'paid',
      reference: receipt.reference,
      idempotency_key: null,
      external_id: null,
      created_at: now,
    });
    const updated = await updateInvoice(inner.db, id, { status: 'paid', paid_at: now, updated_at: now });
    await notifyTrackers(inner, updated, invoice.status);
    const amount = (await siteTranslator(inner)).money(invoice.total_minor, invoice.currency);
    await recordCommerceAction(inner, {
      action: 'invoice.markPaid',
      subject: { type: 'invoice', id },
      data: { from: invoice.status, amount: invoice.total_minor, currency: invoice.currency },
      ticketNumber: input.ticketNumber,
      note: { key: 'commerce.history.invoicePaid', values: { number: invoice.number, amount } },
    });
    return { value: updated, changed: true };
  });
}

/** Cancels a pending or expired invoice (permission `commerce`); a paid one must be refunded instead. */
export async function cancelInvoice(ctx: Ctx, id: number, input: FromTicket): Promise<ActionResult<Invoice>> {
  return onInvoice(ctx, id, async (inner, invoice) => {
    if (invoice.status === 'canceled') return { value: invoice, changed: false };
    if (!CANCELABLE.includes(invoice.status)) throw new AppError('INVOICE_STATE');
    await commerceProvider().cancelInvoice(inner, { invoice });
    const updated = await updateInvoice(inner.db, id, { status: 'canceled', updated_at: ctx.now() });
    await notifyTrackers(inner, updated, invoice.status);
    await recordCommerceAction(inner, {
      action: 'invoice.cancel',
      subject: { type: 'invoice', id },
      data: { from: invoice.status },
      ticketNumber: input.ticketNumber,
      note: { key: 'commerce.history.invoiceCanceled', values: { number: invoice.number } },
    });
    return { value: updated, changed: true };
  });
}

/** Sends the invoice to the customer again: by the provider, or as Parley's mail through the outbox. */
export async function resendInvoice(ctx: Ctx, id: number, input: FromTicket): Promise<ActionResult<Invoice>> {
  return onInvoice(ctx, id, async (inner, invoice) => {
    const { sent } = await commerceProvider().resendInvoice(inner, { invoice, to: invoice.customer_email });
    if (!sent) await queueInvoiceMail(inner, invoice);
    await recordCommerceAction(inner, {
      action: 'invoice.resend',
      subject: { type: 'invoice', id },
      data: { to: invoice.customer_email, byProvider: sent },
      ticketNumber: input.ticketNumber,
      note: {
        key: 'commerce.history.invoiceResent',
        values: { number: invoice.number, email: invoice.customer_email },
      },
    });
    return { value: invoice, changed: true };
  });
}

/**
 * Deletes a pending or canceled invoice with its items and transactions (permission `commerce`).
 * Any other status is INVOICE_NOT_DELETABLE; its history entries stay for the record.
 */
export async function deleteInvoice(ctx: Ctx, id: number, input: FromTicket): Promise<ActionResult<Invoice>> {
  return onInvoice(ctx, id, async (inner, invoice) => {
    if (!DELETABLE.includes(invoice.status)) throw new AppError('INVOICE_NOT_DELETABLE');
    await deleteInvoiceRow(inner.db, id);
    await recordCommerceAction(inner, {
      action: 'invoice.delete',
      subject: { type: 'invoice', id },
      data: {
        number: invoice.number,
        status: invoice.status,
        total: invoice.total_minor,
        currency: invoice.currency,
      },
      ticketNumber: input.ticketNumber,
      note: { key: 'commerce.history.invoiceDeleted', values: { number: invoice.number } },
    });
    return { value: invoice, changed: true };
  });
}

/** Replaces the staff notes of an invoice (permission `commerce`); the same text again changes nothing. */
export async function updateInvoiceNotes(
  ctx: Ctx,
  id: number,
  input: FromTicket & { notes: string },
): Promise<ActionResult<Invoice>> {
  const notes = (input.notes ?? '').replace(/\r\n/g, '\n').trim();
  if (notes.length > NOTES_MAX) throw new AppError('VALIDATION', { notes: 'commerce.error.notesLength' });
  return onInvoice(ctx, id, async (inner, invoice) => {
    if (invoice.notes === notes) return { value: invoice, changed: false };
    const updated = await updateInvoice(inner.db, id, { notes, updated_at: ctx.now() });
    await recordCommerceAction(inner, {
      action: 'invoice.notes',
      subject: { type: 'invoice', id },
      data: { length: notes.length },
      ticketNumber: input.ticketNumber,
      note: { key: 'commerce.history.invoiceNotes', values: { number: invoice.number } },
    });
    return { value: updated, changed: true };
  });
}

/**
 * Starts or stops tracking an invoice for the acting staff member, who is then mailed when its
 * status changes. Asking for the state it is already in changes nothing.
 */
export async function setInvoiceTracking(
  ctx: Ctx,
  id: number,
  input: FromTicket & { on: boolean },
): Promise<ActionResult<Invoice>> {
  if (ctx.actor.kind !== 'user') throw new AppError('FORBIDDEN');
  const userId = ctx.actor.id;
  return onInvoice(ctx, id, async (inner, invoice) => {
    if (!(await setTracking(inner.db, id, userId, input.on, ctx.now())))
      return { value: invoice, changed: false };
    await recordCommerceAction(inner, {
      action: input.on ? 'invoice.track' : 'invoice.untrack',
      subject: { type: 'invoice', id },
      ticketNumber: input.ticketNumber,
      note: {
        key: input.on ? 'commerce.history.invoiceTracked' : 'commerce.history.invoiceUntracked',
        values: { number: invoice.number },
      },
    });
    return { value: invoice, changed: true };
  });
}
