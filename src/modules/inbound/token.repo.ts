import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { InboundTokensTable } from './inbound.tables.ts';

export async function insertInboundToken(db: Db | Tx, row: Insertable<InboundTokensTable>): Promise<number> {
  const inserted = await db
    .insertInto('inbound_tokens')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** The unrevoked token with this hash. */
export function findLiveInboundToken(db: Db | Tx, hash: string) {
  return db
    .selectFrom('inbound_tokens')
    .select(['id', 'last_used_at'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchInboundToken(db: Db | Tx, id: number, now: number): Promise<void> {
  await db.updateTable('inbound_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export function listInboundTokenRows(db: Db | Tx) {
  return db
    .selectFrom('inbound_tokens')
    .select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

export async function revokeInboundTokenRow(db: Db | Tx, id: number, now: number): Promise<boolean> {
  const res = await db
    .updateTable('inbound_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
