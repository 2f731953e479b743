import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { ApiTokensTable } from '../../platform/db/types.ts';

export async function insertApiToken(db: Db | Tx, token: Insertable<ApiTokensTable>): Promise<number> {
  const row = await db.insertInto('api_tokens').values(token).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The token's owner, only while the token is unrevoked and the account enabled. */
export function findLiveApiTokenUser(db: Db | Tx, hash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.scope as token_scope',
      'api_tokens.last_used_at as token_used_at',
    ])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchApiToken(db: Db | Tx, id: number, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export function listUserApiTokens(db: Db | Tx, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scope', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

export async function revokeApiTokenRow(
  db: Db | Tx,
  id: number,
  userId: number,
  now: number,
): Promise<boolean> {
  const res = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
