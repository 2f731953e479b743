import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type {
  Invoice,
  InvoiceItem,
  InvoiceItemsTable,
  InvoicesTable,
  InvoiceStatus,
} from './commerce.schema.ts';
import type { Keyset } from './purchase.repo.ts';

export function findInvoice(db: Db | Tx, id: number): Promise<Invoice | undefined> {
  return db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findInvoiceByExternalId(db: Db | Tx, externalId: string): Promise<Invoice | undefined> {
  return db.selectFrom('invoices').selectAll().where('external_id', '=', externalId).executeTakeFirst();
}

export function findInvoiceByNumber(db: Db | Tx, number: string): Promise<Invoice | undefined> {
  return db.selectFrom('invoices').selectAll().where('number', '=', number).executeTakeFirst();
}

/**
 * Locks the invoice row for the rest of the transaction (a no-op write takes the row lock on
 * PostgreSQL; SQLite's write transaction is already exclusive), so two refunds of one invoice
 * run one after the other and each sees what the other left.
 */
export async function lockInvoice(db: Tx, id: number): Promise<Invoice | undefined> {
  return db
    .updateTable('invoices')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** A customer's invoices, newest first, optionally one status; keyset by (created_at, id). */
export function listCustomerInvoices(
  db: Db | Tx,
  q: { keys: string[]; status?: InvoiceStatus | undefined; before?: Keyset | undefined; limit: number },
): Promise<Invoice[]> {
  let query = db
    .selectFrom('invoices')
    .selectAll()
    .where('customer_key', 'in', q.keys)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit);
  if (q.status) query = query.where('status', '=', q.status);
  const before = q.before;
  if (before)
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', before.at),
        eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)]),
      ]),
    );
  return query.execute();
}

export function listInvoiceItems(db: Db | Tx, invoiceId: number): Promise<InvoiceItem[]> {
  return db
    .selectFrom('invoice_items')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
}

/** Replaces an invoice's line items with the given ones, in order. */
export async function replaceInvoiceItems(
  db: Db | Tx,
  invoiceId: number,
  items: Omit<Insertable<InvoiceItemsTable>, 'invoice_id' | 'position'>[],
): Promise<void> {
  await db.deleteFrom('invoice_items').where('invoice_id', '=', invoiceId).execute();
  if (items.length === 0) return;
  await db
    .insertInto('invoice_items')
    .values(items.map((item, position) => ({ ...item, invoice_id: invoiceId, position })))
    .execute();
}

/** The next invoice number from the `invoice_number` counter; numbers never repeat. */
export async function nextInvoiceNumber(db: Tx): Promise<number> {
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'invoice_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export function insertInvoice(db: Db | Tx, row: Insertable<InvoicesTable>): Promise<Invoice> {
  return db.insertInto('invoices').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateInvoice(db: Db | Tx, id: number, patch: Updateable<InvoicesTable>): Promise<Invoice> {
  return db.updateTable('invoices').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Deletes an invoice with its items, transactions and trackers; its purchases keep existing. */
export async function deleteInvoiceRow(db: Db | Tx, id: number): Promise<void> {
  await db.deleteFrom('invoices').where('id', '=', id).execute();
}
