import { sql, type RawBuilder } from 'kysely';

/** Escapes LIKE wildcards so user text matches literally (with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Case-insensitive "contains" that behaves the same on SQLite and PostgreSQL. */
export function containsInsensitive(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) LIKE ${`%${escapeLike(text.toLowerCase())}%`} ESCAPE '\\'`;
}

/** Case-insensitive prefix match; backed by an index when the column is stored lower-cased. */
export function startsWith(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} LIKE ${`${escapeLike(text.toLowerCase())}%`} ESCAPE '\\'`;
}
