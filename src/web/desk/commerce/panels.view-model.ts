import {
  PURCHASE_TABS,
  invoiceAbilities,
  listInvoicesForCustomer,
  listPurchasesForCustomer,
  mayCommerce,
  purchaseAbilities,
  type Invoice,
  type PurchaseList,
  type PurchaseRow,
} from '../../../modules/commerce/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { translator, isLocale, type Translator } from '../../../platform/i18n/i18n.ts';
import { carryQuery, customerPagePath, readCarry, withQuery, type Carry } from './carry.ts';

export interface PanelsOptions {
  /** The customer reference: `customerRefOf(ticket)` in the ticket view, the page's ref on a customer page. */
  customer: string;
  /** Shown for customers without an account (a guest ticket's issuer name). */
  customerName?: string | undefined;
  /** The ticket the panels sit in: every action writes its history line there. */
  ticketNumber?: number | undefined;
  /** Where a no-JavaScript action returns; the ticket (or customer) page by default. */
  back?: string | undefined;
  /** `req.query.ptab`, `req.query.pbefore`, `req.query.ibefore` of the page. */
  purchaseTab?: string | undefined;
  purchaseCursor?: string | undefined;
  invoiceCursor?: string | undefined;
  /** "ticket" (10 rows, a link to the customer page) or "page" (20 rows, paged). */
  mode?: 'ticket' | 'page' | undefined;
  /** A line to announce after an htmx action, e.g. "Invoice #4 refunded €20.00". */
  notice?: string | undefined;
}

export interface PanelLink {
  href: string;
  label: string;
  /** Opens in a dialog with htmx (false: a new tab). */
  dialog: boolean;
  danger?: boolean;
}

export interface PurchaseRowModel {
  id: number;
  name: string;
  numberLabel: string;
  stateLabel: string;
  state: string;
  dates: string;
  actions: PanelLink[];
}

export interface InvoiceRowModel {
  id: number;
  heading: string;
  amount: string;
  status: string;
  statusLabel: string;
  created: string;
  actions: PanelLink[];
}

export interface CommercePanelsModel {
  customerName: string;
  customerRef: string;
  carry: Carry;
  panelsUrl: string;
  purchases: {
    tab: string;
    tabs: { key: string; label: string; href: string; hx: string; current: boolean }[];
    rows: PurchaseRowModel[];
    more: string | undefined;
  };
  invoices: { rows: InvoiceRowModel[]; more: string | undefined };
  notice: string | undefined;
}

function purchaseRow(ctx: Ctx, t: Translator, carry: Carry, p: PurchaseRow): PurchaseRowModel {
  const can = purchaseAbilities(ctx.actor, p, ctx.now());
  const q = carryQuery(carry);
  const actions: PanelLink[] = [
    { href: `/desk/purchases/${p.id}?${q}`, label: t.t('commerce.action.inspect'), dialog: true },
  ];
  if (can.cancel)
    actions.push({
      href: `/desk/purchases/${p.id}/cancel?${q}`,
      label: t.t('commerce.action.cancel'),
      dialog: true,
      danger: true,
    });
  if (can.reinstate)
    actions.push({
      href: `/desk/purchases/${p.id}/reinstate?${q}`,
      label: t.t('commerce.action.reinstate'),
      dialog: true,
    });
  const dates = p.expires_at
    ? t.t('commerce.purchase.datesExpiring', { start: t.date(p.purchased_at), end: t.date(p.expires_at) })
    : t.t('commerce.purchase.dates', { start: t.date(p.purchased_at) });
  return {
    id: p.id,
    name: p.name,
    numberLabel: t.t('commerce.purchase.number', { id: p.id }),
    state: p.effective_state,
    stateLabel: t.t(`commerce.purchaseState.${p.effective_state}`),
    dates,
    actions,
  };
}

/** The row's actions: Inspect first, then what its status allows; print, PDF and edit open a new tab. */
export function invoiceActions(ctx: Ctx, t: Translator, carry: Carry, invoice: Invoice): PanelLink[] {
  const can = invoiceAbilities(ctx.actor, invoice);
  const q = carryQuery(carry);
  const base = `/desk/invoices/${invoice.id}`;
  const link = (path: string, key: string, dialog = true, danger = false): PanelLink => ({
    href: `${base}${path}?${q}`,
    label: t.t(`commerce.action.${key}`),
    dialog,
    danger,
  });
  return [
    link('', 'inspect'),
    ...(can.markPaid ? [link('/mark-paid', 'markPaid')] : []),
    ...(can.refund ? [link('/refund', 'refund')] : []),
    ...(can.cancel ? [link('/cancel', 'cancel', true, true)] : []),
    ...(can.resend ? [link('/resend', 'resend')] : []),
    ...(can.delete ? [link('/delete', 'delete', true, true)] : []),
    { href: `${base}/print`, label: t.t('commerce.action.print'), dialog: false },
    { href: `${base}.pdf`, label: t.t('commerce.action.pdf'), dialog: false },
    ...(can.edit ? [{ href: `${base}/edit?${q}`, label: t.t('commerce.action.edit'), dialog: false }] : []),
  ];
}

function invoiceRow(ctx: Ctx, t: Translator, carry: Carry, invoice: Invoice): InvoiceRowModel {
  return {
    id: invoice.id,
    heading: `#${invoice.number}: ${invoice.title}`,
    amount: t.money(invoice.total_minor, invoice.currency),
    status: invoice.status,
    statusLabel: t.t(`commerce.invoiceStatus.${invoice.status}`),
    created: t.t('commerce.invoice.createdOn', { date: t.date(invoice.created_at) }),
    actions: invoiceActions(ctx, t, carry, invoice),
  };
}

function purchaseTabs(t: Translator, carry: Carry, list: PurchaseList) {
  return PURCHASE_TABS.map((key) => ({
    key,
    label: t.t(`commerce.tab.${key}`, { count: list.counts[key] }),
    href: withQuery(carry.back, { ptab: key, pbefore: undefined }, '#commerce-purchases'),
    hx: `/desk/commerce/panels?${carryQuery(carry, { ptab: key })}`,
    current: key === list.tab,
  }));
}

async function fetchLists(ctx: Ctx, opts: PanelsOptions, limit: number) {
  const [purchases, invoices] = await Promise.all([
    listPurchasesForCustomer(ctx, {
      customer: opts.customer,
      customerName: opts.customerName,
      tab: opts.purchaseTab,
      cursor: opts.purchaseCursor,
      limit,
    }),
    listInvoicesForCustomer(ctx, { customer: opts.customer, cursor: opts.invoiceCursor, limit }),
  ]);
  return { purchases, invoices };
}

/**
 * Everything the commerce panels show for a customer, or null when the actor may not see
 * commerce (then render nothing). Call it from the desk ticket view and the customer page.
 */
export async function loadCommercePanels(ctx: Ctx, opts: PanelsOptions): Promise<CommercePanelsModel | null> {
  if (!mayCommerce(ctx.actor)) return null;
  const t = translator(isLocale(ctx.locale) ? ctx.locale : 'en');
  const mode = opts.mode ?? 'ticket';
  const carry = readCarry({
    ticket: opts.ticketNumber ? String(opts.ticketNumber) : undefined,
    back: opts.back,
    customer: opts.customer,
    name: opts.customerName,
    mode,
  });
  const { purchases, invoices } = await fetchLists(ctx, opts, mode === 'page' ? 20 : 10);
  // In a ticket, "more" leads to the customer page; on that page it pages on.
  const more = (next: string | undefined, params: Record<string, string>, hash: string) =>
    !next
      ? undefined
      : mode === 'page'
        ? withQuery(carry.back, params, hash)
        : customerPagePath(purchases.customer.ref);
  return {
    customerName: purchases.customer.name,
    customerRef: purchases.customer.ref,
    carry,
    panelsUrl: `/desk/commerce/panels?${carryQuery(carry)}`,
    purchases: {
      tab: purchases.tab,
      tabs: purchaseTabs(t, carry, purchases),
      rows: purchases.rows.map((p) => purchaseRow(ctx, t, carry, p)),
      more: more(
        purchases.next,
        { ptab: purchases.tab, pbefore: purchases.next ?? '' },
        '#commerce-purchases',
      ),
    },
    invoices: {
      rows: invoices.rows.map((i) => invoiceRow(ctx, t, carry, i)),
      more: more(invoices.next, { ibefore: invoices.next ?? '' }, '#commerce-invoices'),
    },
    notice: opts.notice,
  };
}
