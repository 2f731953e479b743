import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { ImapRow, InboundImapTable } from './inbound.tables.ts';

const ROW_ID = 1;

export function findImapRow(db: Db | Tx): Promise<ImapRow | undefined> {
  return db.selectFrom('inbound_imap').selectAll().where('id', '=', ROW_ID).executeTakeFirst();
}

/** Writes the mailbox settings (the one row), creating it the first time. */
export async function saveImapRow(
  db: Db | Tx,
  values: Omit<InboundImapTable, 'id' | 'uid_validity' | 'last_uid' | 'last_run_at' | 'last_error'>,
  resetBookmark: boolean,
): Promise<void> {
  const bookmark = resetBookmark ? { uid_validity: null, last_uid: 0 } : {};
  const updated = await db
    .updateTable('inbound_imap')
    .set({ ...values, ...bookmark })
    .where('id', '=', ROW_ID)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto('inbound_imap')
    .values({ id: ROW_ID, ...values, uid_validity: null, last_uid: 0, last_run_at: null, last_error: null })
    .execute();
}

/** Where reading stopped, and how the last run went. */
export async function updateImapState(db: Db | Tx, patch: Updateable<InboundImapTable>): Promise<void> {
  await db.updateTable('inbound_imap').set(patch).where('id', '=', ROW_ID).execute();
}
