import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Denormalised so the queue shows conversation length without a COUNT per row.
  await db.schema
    .alterTable('tickets')
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE tickets SET message_count = (SELECT COUNT(*) FROM messages WHERE messages.ticket_id = tickets.id)`.execute(
    db,
  );
  // Set when the issuer's account was deleted: the ticket keeps name and email but is no guest ticket.
  await db.schema.alterTable('tickets').addColumn('issuer_deleted_at', 'bigint').execute();
  // Denormalised from the status's closing flag so the open views read one index range, in activity order.
  await db.schema
    .alterTable('tickets')
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE tickets SET closed = (SELECT closing FROM statuses WHERE statuses.id = tickets.status_id)`.execute(
    db,
  );
  await db.schema
    .createIndex('tickets_open_activity_idx')
    .on('tickets')
    .columns(['closed', 'last_activity_at', 'id'])
    .execute();
  await db.schema.createIndex('tickets_created_idx').on('tickets').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('tickets_priority_idx').on('tickets').columns(['priority', 'id']).execute();

  await db.schema
    .createTable('staff_preferences')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('default_reply', 'text')
    .addColumn('default_action', 'text', (c) => c.notNull().defaultTo('respond'))
    .addColumn('timeline_order', 'text', (c) => c.notNull().defaultTo('asc'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_preferences').ifExists().execute();
  await db.schema.dropIndex('tickets_priority_idx').ifExists().execute();
  await db.schema.dropIndex('tickets_open_activity_idx').ifExists().execute();
  await db.schema.alterTable('tickets').dropColumn('closed').execute();
  await db.schema.dropIndex('tickets_created_idx').ifExists().execute();
  await db.schema.alterTable('tickets').dropColumn('issuer_deleted_at').execute();
  await db.schema.alterTable('tickets').dropColumn('message_count').execute();
}
