import type { Db, Tx } from '../../platform/db/tx.ts';
import './taxonomy.tables.ts';

/** One category row, or undefined. */
export function findCategory(db: Db | Tx, id: number) {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The translations of one category, or of all when no id is given. */
export function listCategoryTexts(db: Db | Tx, categoryId?: number) {
  let q = db.selectFrom('category_translations').selectAll();
  if (categoryId !== undefined) q = q.where('category_id', '=', categoryId);
  return q.execute();
}

/** The next free position at the end of the list. */
export async function nextCategoryPosition(db: Db | Tx): Promise<number> {
  const row = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export async function insertCategory(db: Db | Tx, values: { position: number; active: number; now: number }) {
  const row = await db
    .insertInto('categories')
    .values({
      position: values.position,
      active: values.active,
      created_at: values.now,
      updated_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Applies the change and bumps the version, only if the version still matches; false when it did not. */
export async function updateCategoryVersioned(
  db: Db | Tx,
  id: number,
  expectedVersion: number,
  patch: { active?: number; position?: number; now: number },
): Promise<boolean> {
  const { now, ...rest } = patch;
  const res = await db
    .updateTable('categories')
    .set((eb) => ({ ...rest, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sets one category's position without touching its version (reordering is not an edit of the row). */
export async function setCategoryPosition(db: Db | Tx, id: number, position: number): Promise<void> {
  await db.updateTable('categories').set({ position }).where('id', '=', id).execute();
}

/** Writes or removes each locale's name and disclaimer: a locale without a name has no row. */
export async function saveCategoryTexts(
  db: Db | Tx,
  categoryId: number,
  texts: { locale: string; name: string | undefined; disclaimer: string | undefined }[],
): Promise<void> {
  for (const t of texts) {
    if (t.name === undefined) {
      await db
        .deleteFrom('category_translations')
        .where('category_id', '=', categoryId)
        .where('locale', '=', t.locale)
        .execute();
      continue;
    }
    const values = { name: t.name, disclaimer: t.disclaimer ?? null };
    await db
      .insertInto('category_translations')
      .values({ category_id: categoryId, locale: t.locale, ...values })
      .onConflict((oc) => oc.columns(['category_id', 'locale']).doUpdateSet(values))
      .execute();
  }
}

/** True when at least one ticket uses the category (one index probe). */
export async function categoryInUse(db: Db | Tx, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('tickets')
    .select('id')
    .where('category_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** How many tickets use the category; one range of the category index, never the whole table. */
export async function countCategoryTickets(db: Db | Tx, id: number): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('category_id', '=', id)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function deleteCategoryRow(db: Db | Tx, id: number): Promise<void> {
  await db.deleteFrom('category_translations').where('category_id', '=', id).execute();
  await db.deleteFrom('categories').where('id', '=', id).execute();
}
