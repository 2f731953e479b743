import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { MailMessage, MailMessagesTable } from './mail.tables.ts';

/** Records a Message-ID; a second row for the same id and direction is ignored. */
export async function insertMailMessage(db: Db | Tx, row: Insertable<MailMessagesTable>): Promise<void> {
  await db
    .insertInto('mail_messages')
    .values(row)
    .onConflict((oc) => oc.columns(['message_id', 'direction']).doNothing())
    .execute();
}

/** The newest mail of a ticket in either direction: the one the next mail replies to. */
export function findLatestTicketMail(db: Db | Tx, ticketId: number): Promise<MailMessage | undefined> {
  return db
    .selectFrom('mail_messages')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The recorded mails with any of these Message-IDs (with angle brackets), oldest first. */
export function listMailMessagesByIds(db: Db | Tx, messageIds: string[]): Promise<MailMessage[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mail_messages')
    .selectAll()
    .where('message_id', 'in', messageIds.slice(0, 100))
    .orderBy('id')
    .execute();
}
