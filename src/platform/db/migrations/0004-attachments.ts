import { sql, type Kysely } from 'kysely';

/**
 * Files on messages. A row is first a pending upload of its owner (no message yet); submitting
 * the message claims it in the message's transaction. Ids are random text, not integers, because
 * they appear in download URLs and must not be guessable.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // "u:<user id>" or "g:<sha256 of the guest's uploader cookie>".
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addColumn('message_id', 'bigint', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('thumb_key', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_at', 'bigint')
    // The order the author listed the files in, set when they are claimed.
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The timeline loads a page of messages' files in one query.
  await db.schema
    .createIndex('attachments_message_idx')
    .on('attachments')
    .columns(['message_id', 'position'])
    .execute();
  await db.schema.createIndex('attachments_ticket_idx').on('attachments').column('ticket_id').execute();
  // Claiming checks owner and pending state.
  await db.schema
    .createIndex('attachments_owner_idx')
    .on('attachments')
    .columns(['owner_key', 'claimed_at'])
    .execute();
  // The cleanup job walks only pending rows, oldest first; claimed rows never enter this index.
  await db.schema
    .createIndex('attachments_pending_idx')
    .on('attachments')
    .column('created_at')
    .where(sql.ref('claimed_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachments').ifExists().execute();
}
