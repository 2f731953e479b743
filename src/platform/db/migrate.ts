import { sql, type Kysely } from 'kysely';
import { dialectOf } from './schema-helpers.ts';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as foundation from './migrations/0001-foundation.ts';
import * as tickets from './migrations/0002-tickets.ts';
import * as taxonomy from './migrations/0003-taxonomy.ts';
import * as attachments from './migrations/0004-attachments.ts';
import * as commerce from './migrations/0005-commerce.ts';
import * as desk from './migrations/0006-desk.ts';
import * as notifications from './migrations/0007-notifications.ts';
import * as inbound from './migrations/0008-inbound.ts';
import * as twoFactor from './migrations/0009-two-factor.ts';
import * as sso from './migrations/0010-sso.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-tickets': tickets,
  '0003-taxonomy': taxonomy,
  '0004-attachments': attachments,
  '0005-commerce': commerce,
  '0006-desk': desk,
  '0007-notifications': notifications,
  '0008-inbound': inbound,
  '0009-two-factor': twoFactor,
  '0010-sso': sso,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // On PostgreSQL the migrator must look only in our own schema: another schema on the same server
  // (another Parley, or a parallel test run) may hold tables of the same name.
  const schema =
    dialectOf(db) === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
