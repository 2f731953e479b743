import type { Db, Tx } from '../../platform/db/tx.ts';

export interface CustomerAccount {
  id: number;
  email: string;
  display_name: string;
  locale: string | null;
}

// Commerce reads a few account columns to name customers and mail trackers; it never writes users.

export function findAccountById(db: Db | Tx, id: number): Promise<CustomerAccount | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findAccountByEmail(db: Db | Tx, email: string): Promise<CustomerAccount | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale'])
    .where('email', '=', email)
    .executeTakeFirst();
}

/** The staff members tracking an invoice, with their address and language. */
export function listInvoiceTrackers(db: Db | Tx, invoiceId: number): Promise<CustomerAccount[]> {
  return db
    .selectFrom('invoice_trackers')
    .innerJoin('users', 'users.id', 'invoice_trackers.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.locale'])
    .where('invoice_trackers.invoice_id', '=', invoiceId)
    .where('users.disabled_at', 'is', null)
    .execute();
}

export async function isTracking(db: Db | Tx, invoiceId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('invoice_trackers')
    .select('user_id')
    .where('invoice_id', '=', invoiceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

/** Starts (idempotently) or stops tracking; returns whether anything changed. */
export async function setTracking(
  db: Db | Tx,
  invoiceId: number,
  userId: number,
  on: boolean,
  now: number,
): Promise<boolean> {
  if (!on) {
    const res = await db
      .deleteFrom('invoice_trackers')
      .where('invoice_id', '=', invoiceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
  const res = await db
    .insertInto('invoice_trackers')
    .values({ invoice_id: invoiceId, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(['invoice_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
