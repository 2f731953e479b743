import type { Insertable, Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { UserTokensTable } from '../../platform/db/types.ts';

export type UserToken = Selectable<UserTokensTable>;

export async function insertUserToken(db: Db | Tx, token: Insertable<UserTokensTable>): Promise<void> {
  await db.insertInto('user_tokens').values(token).execute();
}

export function findUserTokenByHash(db: Db | Tx, hash: string): Promise<UserToken | undefined> {
  return db.selectFrom('user_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** Marks a token used, only if nobody used it first; false when it lost that race. */
export async function markUserTokenUsed(db: Db | Tx, id: number, now: number): Promise<boolean> {
  const res = await db
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Spends every open token of a purpose, e.g. all setup links once the first admin exists. */
export async function markTokensUsedByPurpose(
  db: Db | Tx,
  purpose: UserToken['purpose'],
  userId: number | null,
  now: number,
) {
  let q = db
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null);
  q = userId === null ? q.where('user_id', 'is', null) : q.where('user_id', '=', userId);
  await q.execute();
}
