import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { StaffPreferencesTable } from '../../platform/db/types.ts';

export function findPreferenceRow(db: Db | Tx, userId: number) {
  return db.selectFrom('staff_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertPreferenceRow(
  db: Db | Tx,
  userId: number,
  values: Omit<Updateable<StaffPreferencesTable>, 'user_id'>,
) {
  const row = values as Omit<StaffPreferencesTable, 'user_id'>;
  await db
    .insertInto('staff_preferences')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute();
}
