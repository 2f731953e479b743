import type { Generated, Selectable } from 'kysely';
import type { Millis } from '../../platform/db/types.ts';

/**
 * received → processed (applied, or a report that was linked), held (waiting for staff, with the
 * reason), ignored (a receipt, a delay or an auto-reply: recorded, nothing to do), or failed (the
 * raw mail is kept; staff may retry).
 */
export type InboundStatus = 'received' | 'processed' | 'held' | 'ignored' | 'failed';
export type InboundSource = 'api' | 'imap';

/** Every mail that came in, raw first; the pipeline's stages fill in the rest. */
export interface InboundMailsTable {
  id: Generated<number>;
  source: InboundSource;
  /** The mail's Message-ID, or one made from the hash of its bytes. */
  message_id: string;
  /** Hex SHA-256 of the raw bytes; with message_id, the dedupe key. */
  content_hash: string;
  raw: Buffer;
  size: number;
  from_address: string | null;
  subject: string | null;
  status: InboundStatus;
  mail_class: string | null;
  /** Why it was routed so: a decision code (`reply-token`, `held-not-issuer`…). */
  decision: string | null;
  /** JSON of the decision's values (ticket number, matched Message-ID, reason). */
  decision_detail: string | null;
  ticket_id: number | null;
  /** The ticket message it became, so the desk can show the decision on it. */
  ticket_message_id: number | null;
  /** The full text and sanitised HTML of the original, quotes and all, for staff to view. */
  text_full: string | null;
  html_full: string | null;
  error: string | null;
  attempts: number;
  received_at: Millis;
  processed_at: Millis | null;
}

/** Tokens mail servers use to push mail to POST /api/v1/inbound/email; only the hash is stored. */
export interface InboundTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_by: number | null;
  created_at: Millis;
  last_used_at: Millis | null;
  revoked_at: Millis | null;
}

export type AfterAction = 'seen' | 'move' | 'delete';

/** The IMAP mailbox (one row, id 1) and where its reading stopped. */
export interface InboundImapTable {
  id: number;
  enabled: number;
  host: string;
  port: number;
  tls: number;
  username: string;
  /** AES-256-GCM with a key derived from APP_SECRET; never sent back to a form. */
  password_enc: string | null;
  folder: string;
  after_action: AfterAction;
  move_folder: string;
  poll_seconds: number;
  /** The mailbox's UIDVALIDITY when last_uid was read; a change starts over (deduplicated). */
  uid_validity: string | null;
  last_uid: number;
  last_run_at: Millis | null;
  last_error: string | null;
  updated_at: Millis;
}

declare module '../../platform/db/types.ts' {
  interface DB {
    inbound_mails: InboundMailsTable;
    inbound_tokens: InboundTokensTable;
    inbound_imap: InboundImapTable;
  }
}

export type InboundMail = Selectable<InboundMailsTable>;
export type InboundToken = Selectable<InboundTokensTable>;
export type ImapRow = Selectable<InboundImapTable>;
