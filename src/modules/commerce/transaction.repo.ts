import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type {
  CommerceEvent,
  CommerceEventsTable,
  Transaction,
  TransactionsTable,
} from './commerce.schema.ts';

/** An invoice's transactions, oldest first (payments come before their refunds). */
export function listInvoiceTransactions(db: Db | Tx, invoiceId: number): Promise<Transaction[]> {
  return db
    .selectFrom('transactions')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findTransactionByIdempotencyKey(db: Db | Tx, key: string): Promise<Transaction | undefined> {
  return db.selectFrom('transactions').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

export function findTransactionByExternalId(
  db: Db | Tx,
  externalId: string,
): Promise<Transaction | undefined> {
  return db.selectFrom('transactions').selectAll().where('external_id', '=', externalId).executeTakeFirst();
}

export function insertTransaction(db: Db | Tx, row: Insertable<TransactionsTable>): Promise<Transaction> {
  return db.insertInto('transactions').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateTransaction(
  db: Db | Tx,
  id: number,
  patch: Updateable<TransactionsTable>,
): Promise<Transaction> {
  return db
    .updateTable('transactions')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertCommerceEvent(db: Db | Tx, row: Insertable<CommerceEventsTable>): Promise<void> {
  await db.insertInto('commerce_events').values(row).execute();
}

/** The newest history entries of a purchase or an invoice, newest first. */
export function listCommerceEvents(
  db: Db | Tx,
  subjectType: 'purchase' | 'invoice',
  subjectId: number,
  limit: number,
): Promise<CommerceEvent[]> {
  return db
    .selectFrom('commerce_events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
