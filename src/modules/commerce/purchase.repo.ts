import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { Purchase, PurchasesTable } from './commerce.schema.ts';

export type PurchaseTab = 'active' | 'expired' | 'canceled';
export interface Keyset {
  at: number;
  id: number;
}

export function findPurchase(db: Db | Tx, id: number): Promise<Purchase | undefined> {
  return db.selectFrom('purchases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPurchaseByExternalId(db: Db | Tx, externalId: string): Promise<Purchase | undefined> {
  return db.selectFrom('purchases').selectAll().where('external_id', '=', externalId).executeTakeFirst();
}

/**
 * One tab of a customer's purchases, newest first, keyset-paginated by (purchased_at, id). An
 * active purchase past its expiry counts as expired, so the tabs are right without a sweeper job.
 */
export function listCustomerPurchases(
  db: Db | Tx,
  q: { keys: string[]; tab: PurchaseTab; now: number; before?: Keyset | undefined; limit: number },
): Promise<Purchase[]> {
  let query = db
    .selectFrom('purchases')
    .selectAll()
    .where('customer_key', 'in', q.keys)
    .orderBy('purchased_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit);
  if (q.tab === 'canceled') query = query.where('state', '=', 'canceled');
  else if (q.tab === 'active')
    query = query
      .where('state', '=', 'active')
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', q.now)]));
  else
    query = query.where((eb) =>
      eb.or([
        eb('state', '=', 'expired'),
        eb.and([eb('state', '=', 'active'), eb('expires_at', '<=', q.now)]),
      ]),
    );
  const before = q.before;
  if (before)
    query = query.where((eb) =>
      eb.or([
        eb('purchased_at', '<', before.at),
        eb.and([eb('purchased_at', '=', before.at), eb('id', '<', before.id)]),
      ]),
    );
  return query.execute();
}

/** How many purchases the customer has in each tab: one pass over their rows, never the whole table. */
export async function countCustomerPurchases(
  db: Db | Tx,
  keys: string[],
  now: number,
): Promise<Record<PurchaseTab, number>> {
  const row = await db
    .selectFrom('purchases')
    .select([
      sql<number>`sum(case when state = 'active' and (expires_at is null or expires_at > ${now}) then 1 else 0 end)`.as(
        'active',
      ),
      sql<number>`sum(case when state = 'expired' or (state = 'active' and expires_at <= ${now}) then 1 else 0 end)`.as(
        'expired',
      ),
      sql<number>`sum(case when state = 'canceled' then 1 else 0 end)`.as('canceled'),
    ])
    .where('customer_key', 'in', keys)
    .executeTakeFirst();
  return {
    active: Number(row?.active ?? 0),
    expired: Number(row?.expired ?? 0),
    canceled: Number(row?.canceled ?? 0),
  };
}

export async function insertPurchase(db: Db | Tx, row: Insertable<PurchasesTable>): Promise<Purchase> {
  return db.insertInto('purchases').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePurchase(
  db: Db | Tx,
  id: number,
  patch: Updateable<PurchasesTable>,
): Promise<Purchase> {
  return db.updateTable('purchases').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
