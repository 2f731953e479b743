import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

/** Commerce records kept by Parley itself: products, purchases, invoices with items, transactions. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('products'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_name_idx').on('products').columns(['name', 'id']).execute();

  await withId(db, db.schema.createTable('invoices'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('customer_key', 'text', (c) => c.notNull())
    .addColumn('customer_email', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('subtotal_minor', 'bigint', (c) => c.notNull())
    .addColumn('tax_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('billing_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('po_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint')
    .addColumn('due_at', 'bigint')
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // A customer's invoices, newest first, all of them or one status at a time.
  await db.schema
    .createIndex('invoices_customer_idx')
    .on('invoices')
    .columns(['customer_key', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('invoices_customer_status_idx')
    .on('invoices')
    .columns(['customer_key', 'status', 'created_at', 'id'])
    .execute();

  await withId(db, db.schema.createTable('invoice_items'))
    .addColumn('invoice_id', 'bigint', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invoice_items_invoice_idx')
    .on('invoice_items')
    .columns(['invoice_id', 'position'])
    .execute();

  await withId(db, db.schema.createTable('purchases'))
    .addColumn('customer_key', 'text', (c) => c.notNull())
    .addColumn('customer_email', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('product_id', 'bigint', (c) => c.references('products.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purchased_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('renewal_terms', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('canceled_at', 'bigint')
    .addColumn('invoice_id', 'bigint', (c) => c.references('invoices.id').onDelete('set null'))
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The purchases panel: one customer, one state, newest first.
  await db.schema
    .createIndex('purchases_customer_state_idx')
    .on('purchases')
    .columns(['customer_key', 'state', 'purchased_at', 'id'])
    .execute();
  await db.schema.createIndex('purchases_invoice_idx').on('purchases').columns(['invoice_id']).execute();
  await db.schema.createIndex('purchases_product_idx').on('purchases').columns(['product_id']).execute();

  await withId(db, db.schema.createTable('transactions'))
    .addColumn('invoice_id', 'bigint', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('gateway', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('transactions_invoice_idx')
    .on('transactions')
    .columns(['invoice_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('invoice_trackers')
    .addColumn('invoice_id', 'bigint', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoice_trackers_pk', ['invoice_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('commerce_events'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('ticket_number', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commerce_events_subject_idx')
    .on('commerce_events')
    .columns(['subject_type', 'subject_id', 'id'])
    .execute();

  await db.insertInto('counters').values({ name: 'invoice_number', value: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'commerce_events',
    'invoice_trackers',
    'transactions',
    'purchases',
    'invoice_items',
    'invoices',
    'products',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.deleteFrom('counters').where('name', '=', 'invoice_number').execute();
}
