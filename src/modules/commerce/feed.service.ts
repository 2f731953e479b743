import type { Ctx } from '../../platform/context.ts';
import { tx, type Tx } from '../../platform/db/tx.ts';
import { assertValid, type FieldErrors } from '../../platform/errors.ts';
import { requirePermission, requireWritable } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { notifyTrackers } from './commerce-action.ts';
import {
  INVOICE_STATUSES,
  PURCHASE_STATES,
  type Invoice,
  type InvoiceStatus,
  type Purchase,
  type PurchaseState,
} from './commerce.schema.ts';
import {
  checkCurrency,
  checkCustomer,
  checkExternalId,
  checkItems,
  checkMinor,
  checkText,
  checkTime,
  TEXT_MAX,
  type CustomerInput,
  type ItemInput,
} from './commerce.validation.ts';
import { customerKeyFor } from './customer-ref.ts';
import { findAccountById } from './customer.repo.ts';
import {
  findInvoiceByExternalId,
  findInvoiceByNumber,
  insertInvoice,
  nextInvoiceNumber,
  replaceInvoiceItems,
  updateInvoice,
} from './invoice.repo.ts';
import { invoiceTotals } from './money.ts';
import { findProductByExternalId } from './product.repo.ts';
import { findPurchaseByExternalId, insertPurchase, updatePurchase } from './purchase.repo.ts';

export interface FeedOptions {
  /** False for bulk imports, which write one audit row for the whole file. */
  audit?: boolean;
}

/** Every upsert from a shop: permission `commerce` (an admin-scoped token over the API). */
export function requireFeed(ctx: Ctx): void {
  if (ctx.actor.kind === 'system') return;
  requirePermission(ctx.actor, 'commerce');
  requireWritable(ctx.actor);
}

async function customerKey(trx: Tx, errors: FieldErrors, c: { userId: number | null; email: string }) {
  if (c.userId !== null && !(await findAccountById(trx, c.userId)))
    errors['customer.userId'] = 'commerce.error.noAccount';
  return customerKeyFor(c.userId, c.email);
}

async function audit(
  ctx: Ctx,
  trx: Tx,
  opts: FeedOptions,
  kind: string,
  id: number,
  data: Record<string, unknown>,
) {
  if (opts.audit === false) return;
  await recordAudit(
    { ...ctx, db: trx },
    { action: `commerce.feed.${kind}`, targetType: kind, targetId: id, data },
  );
}

export interface PurchaseInput {
  customer: CustomerInput;
  productExternalId?: string | null | undefined;
  invoiceExternalId?: string | null | undefined;
  name: string;
  purchasedAt: number;
  expiresAt?: number | null | undefined;
  renewalTerms?: string | null | undefined;
  state?: PurchaseState | undefined;
  cancelReason?: string | null | undefined;
}

/** Creates or updates the purchase with this external id; the same push twice leaves one purchase. */
export async function upsertPurchase(
  ctx: Ctx,
  externalId: string,
  input: PurchaseInput,
  opts: FeedOptions = {},
): Promise<{ purchase: Purchase; created: boolean }> {
  requireFeed(ctx);
  const errors: FieldErrors = {};
  const extId = checkExternalId(errors, 'externalId', externalId);
  const customer = checkCustomer(errors, input.customer);
  const name = checkText(errors, 'name', input.name);
  const purchasedAt = checkTime(errors, 'purchasedAt', input.purchasedAt);
  const expiresAt = checkTime(errors, 'expiresAt', input.expiresAt, true);
  const renewal = checkText(errors, 'renewalTerms', input.renewalTerms ?? '', { optional: true });
  const reason = checkText(errors, 'cancelReason', input.cancelReason ?? '', { optional: true, max: 500 });
  const state = input.state ?? 'active';
  if (!PURCHASE_STATES.includes(state)) errors.state = 'error.field.invalid';
  assertValid(errors);
  return tx(ctx.db, async (trx) => {
    const key = await customerKey(trx, errors, customer);
    const product = input.productExternalId
      ? await findProductByExternalId(trx, input.productExternalId)
      : undefined;
    if (input.productExternalId && !product) errors.productExternalId = 'commerce.error.unknownProduct';
    const invoice = input.invoiceExternalId
      ? await findInvoiceByExternalId(trx, input.invoiceExternalId)
      : undefined;
    if (input.invoiceExternalId && !invoice) errors.invoiceExternalId = 'commerce.error.unknownInvoice';
    assertValid(errors);
    const existing = await findPurchaseByExternalId(trx, extId);
    const now = ctx.now();
    const values = {
      customer_key: key,
      customer_email: customer.email,
      customer_name: customer.name,
      product_id: product?.id ?? null,
      invoice_id: invoice?.id ?? null,
      name,
      purchased_at: purchasedAt!,
      expires_at: expiresAt,
      renewal_terms: renewal || null,
      state,
      cancel_reason: state === 'canceled' ? reason || null : null,
      canceled_at: state === 'canceled' ? (existing?.canceled_at ?? now) : null,
      updated_at: now,
    };
    const purchase = existing
      ? await updatePurchase(trx, existing.id, values)
      : await insertPurchase(trx, { ...values, external_id: extId, created_at: now });
    await audit(ctx, trx, opts, 'purchase', purchase.id, { externalId: extId, created: !existing });
    return { purchase, created: !existing };
  });
}

export interface InvoiceInput {
  number?: string | null | undefined;
  customer: CustomerInput;
  title: string;
  status: InvoiceStatus;
  currency: string;
  items: ItemInput[];
  /** Minor units. */
  tax?: number | undefined;
  billingAddress?: string | null | undefined;
  poNumber?: string | null | undefined;
  notes?: string | null | undefined;
  createdAt?: number | undefined;
  paidAt?: number | null | undefined;
  dueAt?: number | null | undefined;
}

function checkInvoice(externalId: string, input: InvoiceInput) {
  const errors: FieldErrors = {};
  const values = {
    extId: checkExternalId(errors, 'externalId', externalId),
    number: checkText(errors, 'number', input.number ?? '', { optional: true, max: 40 }),
    customer: checkCustomer(errors, input.customer),
    title: checkText(errors, 'title', input.title),
    currency: checkCurrency(errors, 'currency', input.currency),
    items: checkItems(errors, input.items),
    tax: checkMinor(errors, 'tax', input.tax ?? 0),
    billing: checkText(errors, 'billingAddress', input.billingAddress ?? '', {
      optional: true,
      max: TEXT_MAX,
    }),
    po: checkText(errors, 'poNumber', input.poNumber ?? '', { optional: true, max: 100 }),
    notes: checkText(errors, 'notes', input.notes ?? '', { optional: true, max: 5000 }),
    createdAt: checkTime(errors, 'createdAt', input.createdAt, true),
    paidAt: checkTime(errors, 'paidAt', input.paidAt, true),
    dueAt: checkTime(errors, 'dueAt', input.dueAt, true),
  };
  if (!INVOICE_STATUSES.includes(input.status)) errors.status = 'error.field.invalid';
  return { errors, values };
}

/**
 * Creates or updates the invoice with this external id, replacing its line items and totals.
 * Without a number a new invoice gets the next one. A status change mails the trackers.
 */
export async function upsertInvoice(
  ctx: Ctx,
  externalId: string,
  input: InvoiceInput,
  opts: FeedOptions = {},
): Promise<{ invoice: Invoice; created: boolean }> {
  requireFeed(ctx);
  const { errors, values: v } = checkInvoice(externalId, input);
  assertValid(errors);
  return tx(ctx.db, async (trx) => {
    const key = await customerKey(trx, errors, v.customer);
    const existing = await findInvoiceByExternalId(trx, v.extId);
    const holder = v.number ? await findInvoiceByNumber(trx, v.number) : undefined;
    if (holder && holder.id !== existing?.id) errors.number = 'commerce.error.numberTaken';
    assertValid(errors);
    const now = ctx.now();
    const totals = invoiceTotals(v.items, v.tax);
    const row = {
      customer_key: key,
      customer_email: v.customer.email,
      customer_name: v.customer.name,
      title: v.title,
      status: input.status,
      currency: v.currency,
      subtotal_minor: totals.subtotal,
      tax_minor: v.tax,
      total_minor: totals.total,
      billing_address: v.billing,
      po_number: v.po,
      notes: v.notes,
      paid_at:
        v.paidAt ?? (input.status === 'paid' ? (existing?.paid_at ?? now) : (existing?.paid_at ?? null)),
      due_at: v.dueAt,
      updated_at: now,
    };
    const invoice = existing
      ? await updateInvoice(trx, existing.id, { ...row, ...(v.number ? { number: v.number } : {}) })
      : await insertInvoice(trx, {
          ...row,
          number: v.number || String(await nextInvoiceNumber(trx)),
          refunded_minor: 0,
          created_at: v.createdAt ?? now,
          external_id: v.extId,
        });
    await replaceInvoiceItems(trx, invoice.id, v.items);
    if (existing) await notifyTrackers({ ...ctx, db: trx }, invoice, existing.status);
    await audit(ctx, trx, opts, 'invoice', invoice.id, { externalId: v.extId, created: !existing });
    return { invoice, created: !existing };
  });
}
