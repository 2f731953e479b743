import type { Db, Tx } from '../../platform/db/tx.ts';

/** True when the install holds no accounts, tickets or commerce records: one indexed probe per table. */
export async function installIsEmpty(db: Db | Tx): Promise<boolean> {
  for (const table of ['users', 'tickets', 'products', 'purchases', 'invoices'] as const) {
    if (await db.selectFrom(table).select('id').limit(1).executeTakeFirst()) return false;
  }
  return true;
}
