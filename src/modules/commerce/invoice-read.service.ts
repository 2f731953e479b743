import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { invoiceAbilities, requireCommerce, type InvoiceAbilities } from './commerce.policy.ts';
import {
  INVOICE_STATUSES,
  type CommerceEvent,
  type Invoice,
  type InvoiceItem,
  type InvoiceStatus,
  type Transaction,
} from './commerce.schema.ts';
import { isTracking } from './customer.repo.ts';
import { resolveCustomer, type Customer } from './customer.service.ts';
import { findInvoice, listCustomerInvoices, listInvoiceItems } from './invoice.repo.ts';
import { decodeKeyset, encodeKeyset } from './keyset.ts';
import { listCommerceEvents, listInvoiceTransactions } from './transaction.repo.ts';

export interface InvoiceList {
  customer: Customer;
  rows: Invoice[];
  next: string | undefined;
}

/** A customer's invoices, newest first, optionally of one status (permission `commerce`). */
export async function listInvoicesForCustomer(
  ctx: Ctx,
  q: { customer: string; customerName?: string; status?: string; cursor?: string; limit?: number },
): Promise<InvoiceList> {
  requireCommerce(ctx.actor);
  const customer = await resolveCustomer(ctx, q.customer, q.customerName);
  const status = INVOICE_STATUSES.find((s) => s === q.status) as InvoiceStatus | undefined;
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
  const rows = await listCustomerInvoices(ctx.db, {
    keys: customer.keys,
    status,
    before: decodeKeyset(q.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    customer,
    rows: page,
    next: rows.length > limit && last ? encodeKeyset(last.created_at, last.id) : undefined,
  };
}

export interface InvoiceDetail {
  invoice: Invoice;
  items: InvoiceItem[];
  transactions: Transaction[];
  history: CommerceEvent[];
  /** What can still be refunded, in minor units. */
  refundable: number;
  /** Whether the viewing staff member tracks the invoice. */
  tracking: boolean;
  can: InvoiceAbilities;
}

/** An invoice with items, transactions and history, for Inspect, print and PDF (permission `commerce`). */
export async function inspectInvoice(ctx: Ctx, id: number): Promise<InvoiceDetail> {
  requireCommerce(ctx.actor);
  const invoice = await findInvoice(ctx.db, id);
  if (!invoice) throw new AppError('NOT_FOUND');
  const [items, transactions, history, tracking] = await Promise.all([
    listInvoiceItems(ctx.db, id),
    listInvoiceTransactions(ctx.db, id),
    listCommerceEvents(ctx.db, 'invoice', id, 50),
    ctx.actor.kind === 'user' ? isTracking(ctx.db, id, ctx.actor.id) : false,
  ]);
  return {
    invoice,
    items,
    transactions,
    history,
    refundable: Math.max(0, invoice.total_minor - invoice.refunded_minor),
    tracking,
    can: invoiceAbilities(ctx.actor, invoice),
  };
}
