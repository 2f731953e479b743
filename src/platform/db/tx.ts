import type { Kysely, Transaction } from 'kysely';
import type { DB } from './types.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

/**
 * Runs `fn` in one transaction. Inside an open transaction it joins it, so a use case that
 * calls another still commits once.
 */
export async function tx<T>(db: Db | Tx, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return db.transaction().execute(fn);
}
