import type { Generated, Kysely, Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { DB, Millis, OutboxTable } from '../../platform/db/types.ts';

/** queued → sending (handed to SMTP, not yet confirmed) → sent, or failed (with the reason). */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** The outbox row as migration 0007 left it. */
export interface OutboxRecord extends Omit<OutboxTable, 'status'> {
  status: OutboxStatus;
  /** Our own `<…@domain>`, chosen when the mail is queued and recorded in mail_messages. */
  message_id: string | null;
  in_reply_to: string | null;
  /** Space-separated Message-IDs, oldest first. */
  thread_references: string | null;
  reply_to: string | null;
  ticket_id: number | null;
  /** Unique when set: the same notification is never queued twice. */
  dedupe_key: string | null;
  /** JSON object of extra headers (List-Unsubscribe…). */
  headers: string | null;
  /** The send job that marked the mail `sending`. */
  send_job_id: number | null;
  sending_at: Millis | null;
}

/** Every Message-ID of a mail Parley sent (out) or, from "Email in", received (in), per ticket. */
export interface MailMessagesTable {
  id: Generated<number>;
  direction: 'out' | 'in';
  message_id: string;
  ticket_id: number | null;
  outbox_id: number | null;
  in_reply_to: string | null;
  thread_references: string | null;
  created_at: Millis;
}

declare module '../../platform/db/types.ts' {
  interface DB {
    mail_messages: MailMessagesTable;
  }
}

export type OutboxMail = Selectable<OutboxRecord>;
export type MailMessage = Selectable<MailMessagesTable>;

/**
 * The shared DB type still describes the outbox before 0007 (its status union cannot be widened
 * by augmentation); the mail module's repositories see the table as it is now.
 */
type MailDB = Omit<DB, 'outbox'> & { outbox: OutboxRecord };

export function mailDb(db: Db | Tx): Kysely<MailDB> {
  return db as unknown as Kysely<MailDB>;
}
