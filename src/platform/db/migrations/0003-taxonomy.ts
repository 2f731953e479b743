import { sql, type Kysely } from 'kysely';

const NOW = Date.UTC(2026, 0, 1);

/** The original's priority colours, with text colours adjusted where they missed WCAG AA (4.5:1). */
const PRIORITY_COLORS: [number, string, string, string, string][] = [
  [-2, '#efefef', '#333333', '#333333', '#cccccc'],
  [-1, '#efefef', '#333333', '#333333', '#cccccc'],
  [0, '#888888', '#000000', '#727272', '#ffffff'],
  [1, '#cec549', '#333333', '#cec549', '#333333'],
  [2, '#860d0d', '#ffffff', '#860d0d', '#cccccc'],
];

export async function up(db: Kysely<any>): Promise<void> {
  // Priorities are fixed (−2…2); this table holds what admins may edit about them besides names.
  await db.schema
    .createTable('priorities')
    .addColumn('value', 'integer', (c) => c.primaryKey())
    .addColumn('color_light_bg', 'text', (c) => c.notNull())
    .addColumn('color_light_fg', 'text', (c) => c.notNull())
    .addColumn('color_dark_bg', 'text', (c) => c.notNull())
    .addColumn('color_dark_fg', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db
    .insertInto('priorities')
    .values(
      PRIORITY_COLORS.map(([value, lightBg, lightFg, darkBg, darkFg]) => ({
        value,
        color_light_bg: lightBg,
        color_light_fg: lightFg,
        color_dark_bg: darkBg,
        color_dark_fg: darkFg,
        version: 1,
        updated_at: NOW,
      })),
    )
    .execute();

  // A version per row lets an edit form refuse to overwrite a change made since it was opened,
  // even when both happen in the same millisecond.
  for (const table of ['categories', 'statuses']) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }

  // The services refuse duplicate names with a friendly error; these indexes hold the line under races.
  for (const table of ['category_translations', 'status_translations', 'priority_translations']) {
    await sql`create unique index ${sql.raw(`${table}_name_uq`)} on ${sql.table(table)} (locale, lower(name))`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['category_translations', 'status_translations', 'priority_translations']) {
    await sql`drop index if exists ${sql.raw(`${table}_name_uq`)}`.execute(db);
  }
  for (const table of ['categories', 'statuses']) {
    await db.schema.alterTable(table).dropColumn('version').execute();
  }
  await db.schema.dropTable('priorities').ifExists().execute();
}
