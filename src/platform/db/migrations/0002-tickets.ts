import type { Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

const NOW = Date.UTC(2026, 0, 1);

async function createTaxonomy(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('categories'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('category_translations')
    .addColumn('category_id', 'bigint', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('disclaimer', 'text')
    .addPrimaryKeyConstraint('category_translations_pk', ['category_id', 'locale'])
    .execute();

  await withId(db, db.schema.createTable('statuses'))
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('color_light_bg', 'text', (c) => c.notNull().defaultTo('#cccccc'))
    .addColumn('color_light_fg', 'text', (c) => c.notNull().defaultTo('#000000'))
    .addColumn('color_dark_bg', 'text', (c) => c.notNull().defaultTo('#333333'))
    .addColumn('color_dark_fg', 'text', (c) => c.notNull().defaultTo('#ffffff'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('status_translations')
    .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('status_translations_pk', ['status_id', 'locale'])
    .execute();

  await db.schema
    .createTable('priority_translations')
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('priority_translations_pk', ['priority', 'locale'])
    .execute();
}

async function createTickets(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('tickets'))
    .addColumn('number', 'bigint', (c) => c.notNull().unique())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('category_id', 'bigint', (c) => c.notNull().references('categories.id'))
    .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assignee_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('issuer_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('issuer_email', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('web'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Each list a person opens is backed by an index that ends in the keyset order (last activity, id).
  await db.schema
    .createIndex('tickets_issuer_idx')
    .on('tickets')
    .columns(['issuer_user_id', 'last_activity_at', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_issuer_email_idx')
    .on('tickets')
    .columns(['issuer_email', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_status_idx')
    .on('tickets')
    .columns(['status_id', 'last_activity_at', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_assignee_idx')
    .on('tickets')
    .columns(['assignee_id', 'last_activity_at', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_category_idx')
    .on('tickets')
    .columns(['category_id', 'last_activity_at', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_activity_idx')
    .on('tickets')
    .columns(['last_activity_at', 'id'])
    .execute();

  await withId(db, db.schema.createTable('messages'))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('author_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('messages_ticket_idx').on('messages').columns(['ticket_id', 'id']).execute();

  await withId(db, db.schema.createTable('ticket_events'))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('actor_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('message_id', 'bigint', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_events_ticket_idx')
    .on('ticket_events')
    .columns(['ticket_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('ticket_reads')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_reads_pk', ['user_id', 'ticket_id'])
    .execute();
}

const STATUSES = [
  {
    code: 'new',
    builtin: 1,
    closing: 0,
    en: 'New',
    de: 'Neu',
    light: ['#dbeafe', '#1e3a8a'],
    dark: ['#1e3a8a', '#dbeafe'],
  },
  {
    code: 'in_progress',
    builtin: 0,
    closing: 0,
    en: 'In progress',
    de: 'In Bearbeitung',
    light: ['#fef3c7', '#78350f'],
    dark: ['#78350f', '#fef3c7'],
  },
  {
    code: 'halted',
    builtin: 0,
    closing: 0,
    en: 'Halted',
    de: 'Angehalten',
    light: ['#e5e7eb', '#1f2937'],
    dark: ['#374151', '#e5e7eb'],
  },
  {
    code: 'resolved',
    builtin: 0,
    closing: 1,
    en: 'Resolved',
    de: 'Gelöst',
    light: ['#dcfce7', '#14532d'],
    dark: ['#14532d', '#dcfce7'],
  },
  {
    code: 'wont_fix',
    builtin: 0,
    closing: 1,
    en: "Won't fix",
    de: 'Wird nicht behoben',
    light: ['#fee2e2', '#7f1d1d'],
    dark: ['#7f1d1d', '#fee2e2'],
  },
];

const PRIORITIES: [number, string, string][] = [
  [-2, 'Backlog', 'Rückstand'],
  [-1, 'Below average', 'Unterdurchschnittlich'],
  [0, 'Normal', 'Normal'],
  [1, 'Important', 'Wichtig'],
  [2, 'Urgent', 'Dringend'],
];

async function seed(db: Kysely<any>): Promise<void> {
  await db.insertInto('counters').values({ name: 'ticket_number', value: 0 }).execute();
  let position = 0;
  for (const s of STATUSES) {
    const row = await db
      .insertInto('statuses')
      .values({
        code: s.code,
        builtin: s.builtin,
        closing: s.closing,
        position: position++,
        color_light_bg: s.light[0],
        color_light_fg: s.light[1],
        color_dark_bg: s.dark[0],
        color_dark_fg: s.dark[1],
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('status_translations')
      .values([
        { status_id: row.id, locale: 'en', name: s.en },
        { status_id: row.id, locale: 'de', name: s.de },
      ])
      .execute();
  }
  const general = await db
    .insertInto('categories')
    .values({ position: 0, active: 1, created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('category_translations')
    .values([
      { category_id: general.id, locale: 'en', name: 'General', disclaimer: null },
      { category_id: general.id, locale: 'de', name: 'Allgemein', disclaimer: null },
    ])
    .execute();
  await db
    .insertInto('priority_translations')
    .values(
      PRIORITIES.flatMap(([priority, en, de]) => [
        { priority, locale: 'en', name: en },
        { priority, locale: 'de', name: de },
      ]),
    )
    .execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await createTaxonomy(db);
  await createTickets(db);
  await seed(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'ticket_reads',
    'ticket_events',
    'messages',
    'tickets',
    'priority_translations',
    'status_translations',
    'statuses',
    'category_translations',
    'categories',
    'counters',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
