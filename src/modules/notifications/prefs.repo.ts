import type { Db, Tx } from '../../platform/db/tx.ts';
import { DEFAULT_PREFS, type NotificationAddressesTable, type PrefFlags } from './notification.tables.ts';

/** A person's settings, or the defaults when they never saved any. */
export async function findPrefs(db: Db | Tx, userId: number): Promise<PrefFlags> {
  const row = await db
    .selectFrom('notification_prefs')
    .select(['created', 'staff_reply', 'customer_reply', 'assignment', 'digest', 'digest_hour'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ?? { ...DEFAULT_PREFS };
}

/** Settings of several people at once: user id → settings (defaults filled in). */
export async function findPrefsFor(db: Db | Tx, userIds: number[]): Promise<Map<number, PrefFlags>> {
  const ids = [...new Set(userIds)];
  const rows = ids.length
    ? await db.selectFrom('notification_prefs').selectAll().where('user_id', 'in', ids).execute()
    : [];
  const byId = new Map(rows.map((r) => [r.user_id, r]));
  return new Map(ids.map((id) => [id, byId.get(id) ?? { ...DEFAULT_PREFS }]));
}

export async function upsertPrefs(db: Db | Tx, userId: number, prefs: Partial<PrefFlags>, now: number) {
  const current = await findPrefs(db, userId);
  const values = { ...current, ...prefs, user_id: userId, updated_at: now };
  await db
    .insertInto('notification_prefs')
    .values(values)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...current, ...prefs, updated_at: now }))
    .execute();
}

export async function listCategoryOptIns(db: Db | Tx, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('notification_categories')
    .select('category_id')
    .where('user_id', '=', userId)
    .orderBy('category_id')
    .execute();
  return rows.map((r) => r.category_id);
}

export async function replaceCategoryOptIns(db: Db | Tx, userId: number, categoryIds: number[]) {
  await db.deleteFrom('notification_categories').where('user_id', '=', userId).execute();
  if (categoryIds.length === 0) return;
  await db
    .insertInto('notification_categories')
    .values(categoryIds.map((category_id) => ({ user_id: userId, category_id })))
    .execute();
}

export async function setCategoryOptIn(db: Db | Tx, userId: number, categoryId: number, on: boolean) {
  if (!on) {
    await db
      .deleteFrom('notification_categories')
      .where('user_id', '=', userId)
      .where('category_id', '=', categoryId)
      .execute();
    return;
  }
  await db
    .insertInto('notification_categories')
    .values({ user_id: userId, category_id: categoryId })
    .onConflict((oc) => oc.columns(['user_id', 'category_id']).doNothing())
    .execute();
}

export function findAddressPrefs(
  db: Db | Tx,
  email: string,
): Promise<NotificationAddressesTable | undefined> {
  return db.selectFrom('notification_addresses').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Creates or updates a guest address's row; fields not given keep their value. */
export async function upsertAddressPrefs(
  db: Db | Tx,
  email: string,
  patch: Partial<Pick<NotificationAddressesTable, 'locale' | 'created' | 'staff_reply'>>,
  now: number,
) {
  await db
    .insertInto('notification_addresses')
    .values({ email, locale: null, created: 1, staff_reply: 1, ...patch, updated_at: now })
    .onConflict((oc) => oc.column('email').doUpdateSet({ ...patch, updated_at: now }))
    .execute();
}
