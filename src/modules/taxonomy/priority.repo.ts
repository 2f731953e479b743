import type { Db, Tx } from '../../platform/db/tx.ts';
import './taxonomy.tables.ts';

/** The five priorities' colours and versions, −2 first. */
export function listPriorityRows(db: Db | Tx) {
  return db.selectFrom('priorities').selectAll().orderBy('value').execute();
}

export function findPriority(db: Db | Tx, value: number) {
  return db.selectFrom('priorities').selectAll().where('value', '=', value).executeTakeFirst();
}

export function listPriorityTexts(db: Db | Tx, value?: number) {
  let q = db.selectFrom('priority_translations').selectAll();
  if (value !== undefined) q = q.where('priority', '=', value);
  return q.execute();
}

/** Applies the change and bumps the version, only if the version still matches; false when it did not. */
export async function updatePriorityVersioned(
  db: Db | Tx,
  value: number,
  expectedVersion: number,
  patch: {
    color_light_bg?: string;
    color_light_fg?: string;
    color_dark_bg?: string;
    color_dark_fg?: string;
    now: number;
  },
): Promise<boolean> {
  const { now, ...rest } = patch;
  const res = await db
    .updateTable('priorities')
    .set((eb) => ({ ...rest, updated_at: now, version: eb('version', '+', 1) }))
    .where('value', '=', value)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Writes or removes each locale's name: a locale without a name has no row. */
export async function savePriorityTexts(
  db: Db | Tx,
  value: number,
  names: { locale: string; name: string | undefined }[],
): Promise<void> {
  for (const n of names) {
    if (n.name === undefined) {
      await db
        .deleteFrom('priority_translations')
        .where('priority', '=', value)
        .where('locale', '=', n.locale)
        .execute();
      continue;
    }
    await db
      .insertInto('priority_translations')
      .values({ priority: value, locale: n.locale, name: n.name })
      .onConflict((oc) => oc.columns(['priority', 'locale']).doUpdateSet({ name: n.name! }))
      .execute();
  }
}
