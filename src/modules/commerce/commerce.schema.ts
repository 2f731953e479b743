import type { Generated, Selectable } from 'kysely';
import type { Flag, Millis } from '../../platform/db/types.ts';

export const PURCHASE_STATES = ['active', 'expired', 'canceled'] as const;
export type PurchaseState = (typeof PURCHASE_STATES)[number];

export const INVOICE_STATUSES = [
  'pending',
  'paid',
  'canceled',
  'refunded',
  'partially_refunded',
  'expired',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const TRANSACTION_STATUSES = ['paid', 'refunded', 'partially_refunded', 'failed'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];
export type TransactionKind = 'payment' | 'refund';

export interface ProductsTable {
  id: Generated<number>;
  name: string;
  price_minor: number;
  currency: string;
  external_id: string | null;
  active: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export interface PurchasesTable {
  id: Generated<number>;
  /**
   * `user:<id>` for an account, `email:<address>` for someone known only by address (a guest, or
   * a shop customer without an account here). Lookups for a person match both of their keys.
   */
  customer_key: string;
  customer_email: string;
  customer_name: string;
  product_id: number | null;
  name: string;
  purchased_at: Millis;
  expires_at: Millis | null;
  renewal_terms: string | null;
  state: PurchaseState;
  cancel_reason: string | null;
  canceled_at: Millis | null;
  invoice_id: number | null;
  external_id: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface InvoicesTable {
  id: Generated<number>;
  number: string;
  customer_key: string;
  customer_email: string;
  customer_name: string;
  title: string;
  status: InvoiceStatus;
  currency: string;
  subtotal_minor: number;
  tax_minor: number;
  total_minor: number;
  /** Sum of refund transactions, kept with the invoice so "what is left" needs no aggregate. */
  refunded_minor: number;
  billing_address: string;
  po_number: string;
  notes: string;
  created_at: Millis;
  paid_at: Millis | null;
  due_at: Millis | null;
  external_id: string | null;
  updated_at: Millis;
}

export interface InvoiceItemsTable {
  id: Generated<number>;
  invoice_id: number;
  position: number;
  name: string;
  unit_price_minor: number;
  quantity: number;
}

export interface TransactionsTable {
  id: Generated<number>;
  invoice_id: number;
  kind: TransactionKind;
  gateway: string;
  amount_minor: number;
  currency: string;
  status: TransactionStatus;
  reference: string;
  /** The caller's key for a refund: the same key never refunds twice. */
  idempotency_key: string | null;
  external_id: string | null;
  created_at: Millis;
}

export interface InvoiceTrackersTable {
  invoice_id: number;
  user_id: number;
  created_at: Millis;
}

/** The history of one purchase or invoice, shown in its Inspect dialog. */
export interface CommerceEventsTable {
  id: Generated<number>;
  subject_type: 'purchase' | 'invoice';
  subject_id: number;
  action: string;
  actor_user_id: number | null;
  actor_name: string;
  data: string;
  ticket_number: number | null;
  created_at: Millis;
}

declare module '../../platform/db/types.ts' {
  interface DB {
    products: ProductsTable;
    purchases: PurchasesTable;
    invoices: InvoicesTable;
    invoice_items: InvoiceItemsTable;
    transactions: TransactionsTable;
    invoice_trackers: InvoiceTrackersTable;
    commerce_events: CommerceEventsTable;
  }
}

export type Product = Selectable<ProductsTable>;
export type Purchase = Selectable<PurchasesTable>;
export type Invoice = Selectable<InvoicesTable>;
export type InvoiceItem = Selectable<InvoiceItemsTable>;
export type Transaction = Selectable<TransactionsTable>;
export type CommerceEvent = Selectable<CommerceEventsTable>;
