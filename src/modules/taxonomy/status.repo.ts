import type { Db, Tx } from '../../platform/db/tx.ts';
import './taxonomy.tables.ts';

export interface StatusColumns {
  closing?: number;
  color_light_bg?: string;
  color_light_fg?: string;
  color_dark_bg?: string;
  color_dark_fg?: string;
}

/** One status row, or undefined. */
export function findStatus(db: Db | Tx, id: number) {
  return db.selectFrom('statuses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The names of one status, or of all when no id is given. */
export function listStatusTexts(db: Db | Tx, statusId?: number) {
  let q = db.selectFrom('status_translations').selectAll();
  if (statusId !== undefined) q = q.where('status_id', '=', statusId);
  return q.execute();
}

/** The next free position at the end of the list. */
export async function nextStatusPosition(db: Db | Tx): Promise<number> {
  const row = await db
    .selectFrom('statuses')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export async function insertStatus(
  db: Db | Tx,
  values: Required<StatusColumns> & { position: number; now: number },
): Promise<number> {
  const { now, ...rest } = values;
  const row = await db
    .insertInto('statuses')
    .values({ ...rest, code: null, builtin: 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Applies the change and bumps the version, only if the version still matches; false when it did not. */
export async function updateStatusVersioned(
  db: Db | Tx,
  id: number,
  expectedVersion: number,
  patch: StatusColumns & { now: number },
): Promise<boolean> {
  const { now, ...rest } = patch;
  const res = await db
    .updateTable('statuses')
    .set((eb) => ({ ...rest, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sets one status's position without touching its version (reordering is not an edit of the row). */
export async function setStatusPosition(db: Db | Tx, id: number, position: number): Promise<void> {
  await db.updateTable('statuses').set({ position }).where('id', '=', id).execute();
}

/** Writes or removes each locale's name: a locale without a name has no row. */
export async function saveStatusTexts(
  db: Db | Tx,
  statusId: number,
  names: { locale: string; name: string | undefined }[],
): Promise<void> {
  for (const n of names) {
    if (n.name === undefined) {
      await db
        .deleteFrom('status_translations')
        .where('status_id', '=', statusId)
        .where('locale', '=', n.locale)
        .execute();
      continue;
    }
    await db
      .insertInto('status_translations')
      .values({ status_id: statusId, locale: n.locale, name: n.name })
      .onConflict((oc) => oc.columns(['status_id', 'locale']).doUpdateSet({ name: n.name! }))
      .execute();
  }
}

/** True when at least one ticket has the status (one index probe). */
export async function statusInUse(db: Db | Tx, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('tickets')
    .select('id')
    .where('status_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** How many tickets have the status; one range of the status index, never the whole table. */
export async function countStatusTickets(db: Db | Tx, id: number): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status_id', '=', id)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function deleteStatusRow(db: Db | Tx, id: number): Promise<void> {
  await db.deleteFrom('status_translations').where('status_id', '=', id).execute();
  await db.deleteFrom('statuses').where('id', '=', id).execute();
}
