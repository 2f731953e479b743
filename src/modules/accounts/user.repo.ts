import type { Insertable, Selectable, Updateable } from 'kysely';
import { containsInsensitive, startsWith } from '../../platform/db/sql-helpers.ts';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { UsersTable } from '../../platform/db/types.ts';

export type User = Selectable<UsersTable>;

export function findUserByEmail(db: Db | Tx, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Db | Tx, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db | Tx, user: Insertable<UsersTable>): Promise<User> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: Db | Tx, id: number, patch: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function countActiveAdmins(db: Db | Tx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserListQuery {
  search?: string;
  role?: User['role'];
  afterId?: number;
  limit: number;
}

/** Users by id, keyset-paginated; the search matches an email prefix or a name fragment. */
export function listUsers(db: Db | Tx, q: UserListQuery) {
  let query = db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'display_name',
      'role',
      'permissions',
      'disabled_at',
      'email_verified_at',
      'created_at',
    ])
    .orderBy('id')
    .limit(q.limit);
  if (q.afterId) query = query.where('id', '>', q.afterId);
  if (q.role) query = query.where('role', '=', q.role);
  const term = q.search
    ?.trim()
    .toLowerCase()
    .replace(/[%_\\]/g, '');
  if (term) {
    query = query.where((eb) =>
      eb.or([eb('email', 'like', `${term}%`), eb(eb.fn('lower', ['display_name']), 'like', `%${term}%`)]),
    );
  }
  return query.execute();
}

/** Display names for a set of user ids, in one query. */
export async function listUserNames(db: Db | Tx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Staff and admins who can be assigned tickets: enabled accounts, by name. */
export function listStaffUsers(db: Db | Tx, limit: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'email'])
    .where('role', 'in', ['staff', 'admin'])
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .limit(limit)
    .execute();
}

export async function deleteUserRow(db: Db | Tx, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

/** Accounts whose email starts with, or whose name contains, the text. */
export function searchAccounts(db: Db | Tx, text: string, limit: number) {
  const term = text.trim().toLowerCase();
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'created_at', 'disabled_at'])
    .where((eb) => eb.or([startsWith('email', term), containsInsensitive('display_name', term)]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
