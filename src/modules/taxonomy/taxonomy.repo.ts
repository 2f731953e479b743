import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';

export function listCategoryRows(db: Db | Tx) {
  return db.selectFrom('categories').selectAll().orderBy('position').orderBy('id').execute();
}

export function listCategoryTranslationRows(db: Db | Tx) {
  return db.selectFrom('category_translations').selectAll().execute();
}

export function listStatusRows(db: Db | Tx) {
  return db.selectFrom('statuses').selectAll().orderBy('position').orderBy('id').execute();
}

export function listStatusTranslationRows(db: Db | Tx) {
  return db.selectFrom('status_translations').selectAll().execute();
}

export function listPriorityTranslationRows(db: Db | Tx) {
  return db.selectFrom('priority_translations').selectAll().execute();
}

export function findStatusIdByCode(db: Db | Tx, code: string) {
  return db.selectFrom('statuses').select(['id', 'closing']).where('code', '=', code).executeTakeFirst();
}

export function findStatusRow(db: Db | Tx, id: number) {
  return db.selectFrom('statuses').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCategoryRow(db: Db | Tx, id: number) {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * One cheap row that changes whenever any label could: the newest edit and the row count of each
 * taxonomy table and of the settings. Label caches compare it instead of reloading six tables.
 */
export async function readTaxonomyStamp(db: Db | Tx): Promise<string> {
  const row = await sql<Record<string, unknown>>`SELECT
      (SELECT MAX(updated_at) FROM categories) AS c, (SELECT COUNT(*) FROM categories) AS cn,
      (SELECT MAX(updated_at) FROM statuses) AS s, (SELECT COUNT(*) FROM statuses) AS sn,
      (SELECT MAX(updated_at) FROM priorities) AS p,
      (SELECT COUNT(*) FROM category_translations) AS ct, (SELECT COUNT(*) FROM status_translations) AS st,
      (SELECT MAX(updated_at) FROM settings) AS g`.execute(db);
  return JSON.stringify(row.rows[0] ?? {});
}
