import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import {
  upsertInvoice,
  upsertPurchase,
  upsertTransaction,
  type Invoice,
  type InvoiceInput,
  type Purchase,
  type PurchaseInput,
} from '../../src/modules/commerce/index.ts';
import type { Ctx } from '../../src/platform/context.ts';
import type { TestApp } from '../support/app.ts';
import { buildUser } from '../support/factories.ts';

let seq = 0;

/** A staff member with the given permissions (commerce and refunds unless told). */
export async function buildAgent(t: TestApp, permissions: string[] = ['commerce', 'refunds'], name?: string) {
  const user = await buildUser(t, { role: 'staff', permissions, ...(name ? { name } : {}) });
  return { user, ctx: t.ctx(actorFromUser(user)) };
}

export function asUser(t: TestApp, user: User): Ctx {
  return t.ctx(actorFromUser(user));
}

/** An invoice pushed by the shop for the customer, paid (with its payment transaction) unless told. */
export async function buildInvoice(
  t: TestApp,
  customer: { userId?: number; email: string; name?: string },
  opts: Partial<InvoiceInput> & { unitPrice?: number } = {},
): Promise<Invoice> {
  seq++;
  const status = opts.status ?? 'paid';
  const { invoice } = await upsertInvoice(t.ctx(), `inv-${seq}-${Math.random()}`, {
    customer,
    title: opts.title ?? `Order ${seq}`,
    status,
    currency: opts.currency ?? 'EUR',
    items: opts.items ?? [{ name: 'Parley Pro', unitPrice: opts.unitPrice ?? 5000, quantity: 1 }],
    tax: opts.tax ?? 0,
    createdAt: opts.createdAt ?? t.clock.now() - seq * 1000,
    ...(opts.number ? { number: opts.number } : {}),
  });
  if (status === 'paid')
    await upsertTransaction(t.ctx(), `tx-${seq}-${Math.random()}`, {
      invoiceExternalId: invoice.external_id!,
      gateway: 'stripe',
      amount: invoice.total_minor,
      currency: invoice.currency,
      status: 'paid',
      reference: `ch_${seq}`,
    });
  return invoice;
}

export async function buildPurchase(
  t: TestApp,
  customer: { userId?: number; email: string; name?: string },
  opts: Partial<PurchaseInput> = {},
): Promise<Purchase> {
  seq++;
  const { purchase } = await upsertPurchase(t.ctx(), `pur-${seq}-${Math.random()}`, {
    customer,
    name: opts.name ?? `Licence ${seq}`,
    purchasedAt: opts.purchasedAt ?? t.clock.now() - seq * 1000,
    expiresAt: opts.expiresAt ?? null,
    state: opts.state ?? 'active',
    ...(opts.cancelReason ? { cancelReason: opts.cancelReason } : {}),
  });
  return purchase;
}

/** Row counts and money state of everything an action may write, to prove a refusal wrote nothing. */
export async function snapshot(t: TestApp) {
  const db = t.db.db;
  const count = async (
    table: 'transactions' | 'audit_log' | 'commerce_events' | 'ticket_events' | 'outbox' | 'jobs',
  ) => Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    transactions: await count('transactions'),
    audit: await count('audit_log'),
    events: await count('commerce_events'),
    ticketEvents: await count('ticket_events'),
    outbox: await count('outbox'),
    jobs: await count('jobs'),
    invoices: await db
      .selectFrom('invoices')
      .select(['id', 'status', 'refunded_minor', 'notes'])
      .orderBy('id')
      .execute(),
    purchases: await db
      .selectFrom('purchases')
      .select(['id', 'state', 'cancel_reason'])
      .orderBy('id')
      .execute(),
  };
}

/** The staff-only history lines on a ticket, rendered in English. */
export async function ticketNotes(
  t: TestApp,
  ticketId: number,
): Promise<{ key: string; values: Record<string, string | number> }[]> {
  const rows = await t.db.db
    .selectFrom('ticket_events')
    .select(['new_value', 'internal'])
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', 'note')
    .orderBy('id')
    .execute();
  return rows.map(
    (r) => JSON.parse(r.new_value!) as { key: string; values: Record<string, string | number> },
  );
}
