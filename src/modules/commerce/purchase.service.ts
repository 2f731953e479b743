import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { requireWritable } from '../accounts/index.ts';
import { recordCommerceAction } from './commerce-action.ts';
import { effectivePurchaseState, purchaseAbilities, requireCommerce } from './commerce.policy.ts';
import type { CommerceEvent, Invoice, Product, Purchase } from './commerce.schema.ts';
import { resolveCustomer, type Customer } from './customer.service.ts';
import { findInvoice } from './invoice.repo.ts';
import { decodeKeyset, encodeKeyset } from './keyset.ts';
import { findProduct } from './product.repo.ts';
import { commerceProvider } from './provider.ts';
import {
  countCustomerPurchases,
  findPurchase,
  listCustomerPurchases,
  updatePurchase,
  type PurchaseTab,
} from './purchase.repo.ts';
import { listCommerceEvents } from './transaction.repo.ts';

export const PURCHASE_TABS: readonly PurchaseTab[] = ['active', 'expired', 'canceled'];
const REASON_MAX = 500;

export interface PurchaseRow extends Purchase {
  /** The state as the tabs see it: active past its expiry is expired. */
  effective_state: Purchase['state'];
}

export interface PurchaseList {
  customer: Customer;
  tab: PurchaseTab;
  counts: Record<PurchaseTab, number>;
  rows: PurchaseRow[];
  next: string | undefined;
}

/** One tab of a customer's purchases with the count of every tab, newest first (permission `commerce`). */
export async function listPurchasesForCustomer(
  ctx: Ctx,
  q: { customer: string; customerName?: string; tab?: string; cursor?: string; limit?: number },
): Promise<PurchaseList> {
  requireCommerce(ctx.actor);
  const customer = await resolveCustomer(ctx, q.customer, q.customerName);
  const tab = PURCHASE_TABS.find((x) => x === q.tab) ?? 'active';
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
  const now = ctx.now();
  const [rows, counts] = await Promise.all([
    listCustomerPurchases(ctx.db, {
      keys: customer.keys,
      tab,
      now,
      before: decodeKeyset(q.cursor),
      limit: limit + 1,
    }),
    countCustomerPurchases(ctx.db, customer.keys, now),
  ]);
  const page = rows.slice(0, limit).map((p) => ({ ...p, effective_state: effectivePurchaseState(p, now) }));
  const last = page[page.length - 1];
  return {
    customer,
    tab,
    counts,
    rows: page,
    next: rows.length > limit && last ? encodeKeyset(last.purchased_at, last.id) : undefined,
  };
}

export interface PurchaseDetail {
  purchase: PurchaseRow;
  product: Product | undefined;
  invoice: Pick<Invoice, 'id' | 'number' | 'title'> | undefined;
  history: CommerceEvent[];
  can: ReturnType<typeof purchaseAbilities>;
}

/** A purchase with its product, invoice and history, for the Inspect dialog (permission `commerce`). */
export async function inspectPurchase(ctx: Ctx, id: number): Promise<PurchaseDetail> {
  requireCommerce(ctx.actor);
  const purchase = await findPurchase(ctx.db, id);
  if (!purchase) throw new AppError('NOT_FOUND');
  const [product, invoice, history] = await Promise.all([
    purchase.product_id ? findProduct(ctx.db, purchase.product_id) : undefined,
    purchase.invoice_id ? findInvoice(ctx.db, purchase.invoice_id) : undefined,
    listCommerceEvents(ctx.db, 'purchase', id, 50),
  ]);
  const now = ctx.now();
  return {
    purchase: { ...purchase, effective_state: effectivePurchaseState(purchase, now) },
    product,
    invoice: invoice ? { id: invoice.id, number: invoice.number, title: invoice.title } : undefined,
    history,
    can: purchaseAbilities(ctx.actor, purchase, now),
  };
}

export interface ActionResult<T> {
  value: T;
  /** False when the record was already in the wanted state: a repeated submit changes nothing. */
  changed: boolean;
}

/**
 * Cancels a purchase with an optional reason, through the provider (permission `commerce`).
 * Cancelling a canceled purchase changes nothing, so a double submit is harmless.
 */
export async function cancelPurchase(
  ctx: Ctx,
  id: number,
  input: { reason?: string | undefined; ticketNumber?: number | undefined },
): Promise<ActionResult<Purchase>> {
  requireCommerce(ctx.actor);
  requireWritable(ctx.actor);
  const reason = (input.reason ?? '').trim();
  if (reason.length > REASON_MAX) throw new AppError('VALIDATION', { reason: 'commerce.error.reasonLength' });
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const purchase = await findPurchase(trx, id);
    if (!purchase) throw new AppError('NOT_FOUND');
    if (purchase.state === 'canceled') return { value: purchase, changed: false };
    await commerceProvider().cancelPurchase(inner, { purchase, reason });
    const now = ctx.now();
    const updated = await updatePurchase(trx, id, {
      state: 'canceled',
      cancel_reason: reason || null,
      canceled_at: now,
      updated_at: now,
    });
    await recordCommerceAction(inner, {
      action: 'purchase.cancel',
      subject: { type: 'purchase', id },
      data: { from: purchase.state, reason },
      ticketNumber: input.ticketNumber,
      note: {
        key: reason ? 'commerce.history.purchaseCanceledReason' : 'commerce.history.purchaseCanceled',
        values: { id, name: purchase.name, reason },
      },
    });
    return { value: updated, changed: true };
  });
}

/**
 * Restores a canceled purchase (permission `commerce`): active again, or expired when its expiry
 * has passed. Any other state is PURCHASE_NOT_CANCELED and nothing is written.
 */
export async function reinstatePurchase(
  ctx: Ctx,
  id: number,
  input: { ticketNumber?: number | undefined },
): Promise<ActionResult<Purchase>> {
  requireCommerce(ctx.actor);
  requireWritable(ctx.actor);
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const purchase = await findPurchase(trx, id);
    if (!purchase) throw new AppError('NOT_FOUND');
    if (purchase.state !== 'canceled') throw new AppError('PURCHASE_NOT_CANCELED');
    await commerceProvider().reinstatePurchase(inner, { purchase });
    const now = ctx.now();
    const state = purchase.expires_at !== null && purchase.expires_at <= now ? 'expired' : 'active';
    const updated = await updatePurchase(trx, id, {
      state,
      cancel_reason: null,
      canceled_at: null,
      updated_at: now,
    });
    await recordCommerceAction(inner, {
      action: 'purchase.reinstate',
      subject: { type: 'purchase', id },
      data: { to: state },
      ticketNumber: input.ticketNumber,
      note: { key: 'commerce.history.purchaseReinstated', values: { id, name: purchase.name } },
    });
    return { value: updated, changed: true };
  });
}
