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
