import { sql, type Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

/**
 * Email out: outbox rows learn threading headers and a sending state, jobs learn a unique key (for
 * recurring jobs), every Message-ID Parley sends is recorded per ticket, and people keep their
 * notification settings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await alterOutbox(db);
  await db.schema.alterTable('jobs').addColumn('key', 'text').execute();
  // One job per recurring kind and time bucket, however many workers try to schedule it.
  await db.schema.createIndex('jobs_key_idx').on('jobs').column('key').unique().execute();

  await withId(db, db.schema.createTable('mail_messages'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'bigint', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('outbox_id', 'bigint')
    .addColumn('in_reply_to', 'text')
    .addColumn('thread_references', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mail_messages_message_id_idx')
    .on('mail_messages')
    .columns(['message_id', 'direction'])
    .unique()
    .execute();
  // The previous mail of a ticket, for In-Reply-To and References.
  await db.schema
    .createIndex('mail_messages_ticket_idx')
    .on('mail_messages')
    .columns(['ticket_id', 'id'])
    .execute();

  await createPreferenceTables(db);
}

async function alterOutbox(db: Kysely<any>): Promise<void> {
  const columns: [string, 'text' | 'bigint'][] = [
    ['message_id', 'text'],
    ['in_reply_to', 'text'],
    ['thread_references', 'text'],
    ['reply_to', 'text'],
    ['ticket_id', 'bigint'],
    ['dedupe_key', 'text'],
    ['headers', 'text'],
    ['send_job_id', 'bigint'],
    ['sending_at', 'bigint'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('outbox').addColumn(name, type).execute();
  }
  // A notification is queued at most once per key, even when its job runs twice.
  await db.schema.createIndex('outbox_dedupe_idx').on('outbox').column('dedupe_key').unique().execute();
  // "pending" is now "queued"; "sending" marks a mail handed to SMTP and not yet confirmed.
  await sql`UPDATE outbox SET status = 'queued' WHERE status = 'pending'`.execute(db);
}

async function createPreferenceTables(db: Kysely<any>): Promise<void> {
  // Absent row = the defaults; see notification.tables.ts.
  await db.schema
    .createTable('notification_prefs')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('staff_reply', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('customer_reply', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('assignment', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('digest_hour', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // Staff who want new tickets (and replies on unassigned tickets) of a category.
  await db.schema
    .createTable('notification_categories')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('category_id', 'bigint', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('notification_categories_pk', ['user_id', 'category_id'])
    .execute();
  await db.schema
    .createIndex('notification_categories_category_idx')
    .on('notification_categories')
    .columns(['category_id', 'user_id'])
    .execute();

  // Guests have no account: their language and unsubscribes are kept by address.
  await db.schema
    .createTable('notification_addresses')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('locale', 'text')
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('staff_reply', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // One row per person and local day once their digest was decided: at most one digest a day.
  await db.schema
    .createTable('digest_runs')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_runs_pk', ['user_id', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'digest_runs',
    'notification_addresses',
    'notification_categories',
    'notification_prefs',
    'mail_messages',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.dropIndex('jobs_key_idx').ifExists().execute();
  await db.schema.alterTable('jobs').dropColumn('key').execute();
  await db.schema.dropIndex('outbox_dedupe_idx').ifExists().execute();
  await sql`UPDATE outbox SET status = 'pending' WHERE status IN ('queued', 'sending')`.execute(db);
  for (const name of [
    'sending_at',
    'send_job_id',
    'headers',
    'dedupe_key',
    'ticket_id',
    'reply_to',
    'thread_references',
    'in_reply_to',
    'message_id',
  ]) {
    await db.schema.alterTable('outbox').dropColumn(name).execute();
  }
}
