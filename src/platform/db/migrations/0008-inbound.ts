import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../schema-helpers.ts';

/** Email in: every received mail raw first with its routing decision, push tokens, the IMAP mailbox. */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
  await withId(db, db.schema.createTable('inbound_mails'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('raw', blob, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('from_address', 'text')
    .addColumn('subject', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('mail_class', 'text')
    .addColumn('decision', 'text')
    .addColumn('decision_detail', 'text')
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('ticket_message_id', 'bigint')
    .addColumn('text_full', 'text')
    .addColumn('html_full', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .execute();
  // The same mail delivered twice (a retried push, a re-read mailbox) is stored once.
  await db.schema
    .createIndex('inbound_mails_dedupe_idx')
    .on('inbound_mails')
    .columns(['message_id', 'content_hash'])
    .unique()
    .execute();
  // The desk's Inbound page: failed and held mails, newest first.
  await db.schema
    .createIndex('inbound_mails_status_idx')
    .on('inbound_mails')
    .columns(['status', 'id'])
    .execute();
  // The per-sender rate limit counts one sender's recent mails.
  await db.schema
    .createIndex('inbound_mails_sender_idx')
    .on('inbound_mails')
    .columns(['from_address', 'received_at'])
    .execute();
  // The decision shown on a ticket message.
  await db.schema
    .createIndex('inbound_mails_message_idx')
    .on('inbound_mails')
    .column('ticket_message_id')
    .execute();
  await db.schema
    .createIndex('inbound_mails_ticket_idx')
    .on('inbound_mails')
    .columns(['ticket_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('inbound_tokens'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('inbound_imap')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('tls', 'integer', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_enc', 'text')
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('after_action', 'text', (c) => c.notNull())
    .addColumn('move_folder', 'text', (c) => c.notNull())
    .addColumn('poll_seconds', 'integer', (c) => c.notNull())
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_run_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
