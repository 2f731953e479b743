import type { Db, Tx } from '../../platform/db/tx.ts';

/** What routing needs to know about a ticket. */
export interface RoutedTicket {
  id: number;
  number: number;
  key: string;
  locked: number;
  issuer_user_id: number | null;
  issuer_email: string;
  issuer_name: string;
}

const COLUMNS = ['id', 'number', 'key', 'locked', 'issuer_user_id', 'issuer_email', 'issuer_name'] as const;

/** A ticket by id, as the mail pipeline (the system) sees it. */
export function findRoutedTicketById(db: Db | Tx, id: number): Promise<RoutedTicket | undefined> {
  return db.selectFrom('tickets').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findRoutedTicketByNumber(db: Db | Tx, number: number): Promise<RoutedTicket | undefined> {
  return db.selectFrom('tickets').select(COLUMNS).where('number', '=', number).executeTakeFirst();
}

/** The newest message of a ticket: the one a use case just wrote, read in its transaction. */
export async function findNewestMessageId(db: Db | Tx, ticketId: number): Promise<number | null> {
  const row = await db
    .selectFrom('messages')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
