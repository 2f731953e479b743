import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { translator, isLocale } from '../../platform/i18n/i18n.ts';
import { requireWritable } from '../accounts/index.ts';
import { notifyTrackers, recordCommerceAction, siteTranslator } from './commerce-action.ts';
import { REFUNDABLE, requireCommerce } from './commerce.policy.ts';
import type { Invoice, Transaction } from './commerce.schema.ts';
import { findInvoice, lockInvoice, updateInvoice } from './invoice.repo.ts';
import { commerceProvider } from './provider.ts';
import {
  findTransactionByIdempotencyKey,
  insertTransaction,
  listInvoiceTransactions,
} from './transaction.repo.ts';

export interface RefundInput {
  /** In minor units of the invoice's currency. */
  amount: number;
  /** When given, must be the invoice's currency. */
  currency?: string | undefined;
  /** The caller's key for this refund: sending the same key again refunds once. */
  idempotencyKey: string;
  ticketNumber?: number | undefined;
}

export interface RefundResult {
  invoice: Invoice;
  transaction: Transaction;
  /** True when the key had been used already: nothing new was refunded. */
  replayed: boolean;
}

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

function checkInput(input: RefundInput): void {
  const errors: FieldErrors = {};
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    errors.amount = 'commerce.error.amountPositive';
  if (typeof input.idempotencyKey !== 'string' || !KEY.test(input.idempotencyKey))
    errors.idempotencyKey = 'error.field.invalid';
  assertValid(errors);
}

/** The earlier refund under this key, or IDEMPOTENCY_KEY_REUSED when the key meant something else. */
function replayOf(existing: Transaction, invoiceId: number, amount: number): Transaction {
  if (existing.invoice_id !== invoiceId || existing.amount_minor !== amount || existing.kind !== 'refund')
    throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return existing;
}

/**
 * Refunds part or all of a paid invoice through the provider (permissions `commerce` and
 * `refunds`): at most what is left, in the invoice's currency. Records a refund transaction and
 * sets the invoice refunded or partially refunded. The invoice row is locked for the whole
 * transaction, and an idempotency key already used returns the first refund unchanged, so a
 * double submit refunds once. Every refusal writes nothing.
 */
export async function refundInvoice(ctx: Ctx, id: number, input: RefundInput): Promise<RefundResult> {
  requireCommerce(ctx.actor, 'refunds');
  requireWritable(ctx.actor);
  checkInput(input);
  try {
    return await tx(ctx.db, async (trx) => {
      const inner = { ...ctx, db: trx };
      const invoice = await lockInvoice(trx, id);
      if (!invoice) throw new AppError('NOT_FOUND');
      const earlier = await findTransactionByIdempotencyKey(trx, input.idempotencyKey);
      if (earlier) return { invoice, transaction: replayOf(earlier, id, input.amount), replayed: true };
      return await refundLocked(inner, invoice, input);
    });
  } catch (err) {
    // Two first submits raced on different connections: the unique key let one through.
    if (err instanceof AppError) throw err;
    const winner = await findTransactionByIdempotencyKey(ctx.db, input.idempotencyKey);
    if (!winner) throw err;
    const invoice = await findInvoice(ctx.db, id);
    if (!invoice) throw new AppError('NOT_FOUND');
    return { invoice, transaction: replayOf(winner, id, input.amount), replayed: true };
  }
}

/** The refusals that depend on the invoice: another currency, not paid, more than is left. */
function checkRefundable(inner: Ctx, invoice: Invoice, input: RefundInput): void {
  if (input.currency !== undefined && input.currency.toUpperCase() !== invoice.currency)
    throw new AppError('CURRENCY_MISMATCH', {}, { currency: invoice.currency });
  if (!REFUNDABLE.includes(invoice.status)) throw new AppError('INVOICE_NOT_PAID');
  const left = invoice.total_minor - invoice.refunded_minor;
  if (input.amount > left) {
    const t = translator(isLocale(inner.locale) ? inner.locale : 'en');
    throw new AppError('REFUND_TOO_LARGE', {}, { left: t.money(left, invoice.currency) });
  }
}

async function refundLocked(inner: Ctx, invoice: Invoice, input: RefundInput): Promise<RefundResult> {
  checkRefundable(inner, invoice, input);
  const provider = commerceProvider();
  const transactions = await listInvoiceTransactions(inner.db, invoice.id);
  const receipt = await provider.refund(inner, {
    invoice,
    transactions,
    amountMinor: input.amount,
    currency: invoice.currency,
    idempotencyKey: input.idempotencyKey,
  });
  const refunded = invoice.refunded_minor + input.amount;
  const status = refunded >= invoice.total_minor ? 'refunded' : 'partially_refunded';
  const now = inner.now();
  const paidVia = transactions.filter((x) => x.kind === 'payment' && x.status === 'paid').at(-1)?.gateway;
  const transaction = await insertTransaction(inner.db, {
    invoice_id: invoice.id,
    kind: 'refund',
    gateway: receipt.gateway ?? paidVia ?? provider.name,
    amount_minor: input.amount,
    currency: invoice.currency,
    status,
    reference: receipt.reference,
    idempotency_key: input.idempotencyKey,
    external_id: null,
    created_at: now,
  });
  const updated = await updateInvoice(inner.db, invoice.id, {
    refunded_minor: refunded,
    status,
    updated_at: now,
  });
  await notifyTrackers(inner, updated, invoice.status);
  const amount = (await siteTranslator(inner)).money(input.amount, invoice.currency);
  await recordCommerceAction(inner, {
    action: 'invoice.refund',
    subject: { type: 'invoice', id: invoice.id },
    data: { amount: input.amount, currency: invoice.currency, status, transactionId: transaction.id },
    ticketNumber: input.ticketNumber,
    note: { key: 'commerce.history.refunded', values: { number: invoice.number, amount } },
  });
  return { invoice: updated, transaction, replayed: false };
}
