import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { Product, ProductsTable } from './commerce.schema.ts';

export function findProduct(db: Db | Tx, id: number): Promise<Product | undefined> {
  return db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findProductByExternalId(db: Db | Tx, externalId: string): Promise<Product | undefined> {
  return db.selectFrom('products').selectAll().where('external_id', '=', externalId).executeTakeFirst();
}

/** Products by name, keyset-paginated by (name, id). */
export function listProductRows(
  db: Db | Tx,
  q: { after?: { name: string; id: number } | undefined; limit: number },
): Promise<Product[]> {
  let query = db.selectFrom('products').selectAll().orderBy('name').orderBy('id').limit(q.limit);
  const after = q.after;
  if (after)
    query = query.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    );
  return query.execute();
}

export function insertProduct(db: Db | Tx, row: Insertable<ProductsTable>): Promise<Product> {
  return db.insertInto('products').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateProduct(db: Db | Tx, id: number, patch: Updateable<ProductsTable>): Promise<Product> {
  return db.updateTable('products').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
