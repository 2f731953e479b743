import {
  effectivePurchaseState,
  type Customer,
  type Invoice,
  type InvoiceItem,
  type Product,
  type Purchase,
  type Transaction,
} from '../../modules/commerce/index.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function presentCustomer(c: Customer) {
  return { ref: c.ref, name: c.name, email: c.email, userId: c.userId };
}

export function presentProduct(p: Product) {
  return {
    id: p.id,
    externalId: p.external_id,
    name: p.name,
    price: p.price_minor,
    currency: p.currency,
    active: p.active === 1,
  };
}

export function presentPurchase(p: Purchase, now: number) {
  return {
    id: p.id,
    externalId: p.external_id,
    customer: { key: p.customer_key, name: p.customer_name, email: p.customer_email },
    productId: p.product_id,
    invoiceId: p.invoice_id,
    name: p.name,
    state: effectivePurchaseState(p, now),
    purchasedAt: iso(p.purchased_at),
    expiresAt: isoOrNull(p.expires_at),
    renewalTerms: p.renewal_terms,
    canceledAt: isoOrNull(p.canceled_at),
    cancelReason: p.cancel_reason,
  };
}

export function presentTransaction(x: Transaction) {
  return {
    id: x.id,
    externalId: x.external_id,
    invoiceId: x.invoice_id,
    kind: x.kind,
    gateway: x.gateway,
    amount: x.amount_minor,
    currency: x.currency,
    status: x.status,
    reference: x.reference,
    createdAt: iso(x.created_at),
  };
}

export function presentInvoice(i: Invoice, detail?: { items: InvoiceItem[]; transactions: Transaction[] }) {
  return {
    id: i.id,
    externalId: i.external_id,
    number: i.number,
    customer: { key: i.customer_key, name: i.customer_name, email: i.customer_email },
    title: i.title,
    status: i.status,
    currency: i.currency,
    subtotal: i.subtotal_minor,
    tax: i.tax_minor,
    total: i.total_minor,
    refunded: i.refunded_minor,
    refundable: ['paid', 'partially_refunded'].includes(i.status)
      ? Math.max(0, i.total_minor - i.refunded_minor)
      : 0,
    billingAddress: i.billing_address,
    poNumber: i.po_number,
    notes: i.notes,
    createdAt: iso(i.created_at),
    paidAt: isoOrNull(i.paid_at),
    dueAt: isoOrNull(i.due_at),
    ...(detail
      ? {
          items: detail.items.map((x) => ({
            name: x.name,
            unitPrice: x.unit_price_minor,
            quantity: x.quantity,
          })),
          transactions: detail.transactions.map(presentTransaction),
        }
      : {}),
  };
}
