import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { randomToken } from '../../src/platform/crypto.ts';
import { openDatabase, type Database, type Dialect } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names a server. */
export function testDialects(): Dialect[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase extends Database {
  /** The URL another process can open to reach the same data (with `schema` on PostgreSQL). */
  url: string;
  schema?: string;
}

/**
 * A fresh, migrated database of the dialect: a temp SQLite file, or a new PostgreSQL schema
 * (so parallel test files never see each other's rows). Dropped on destroy().
 */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_${randomToken(9)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const database = openDatabase(url, { schema, poolSize: 5 });
    await migrateToLatest(database.db);
    return {
      ...database,
      url,
      schema,
      async destroy() {
        await database.destroy();
        const drop = new pg.Client({ connectionString: url });
        await drop.connect();
        await drop.query(`DROP SCHEMA ${schema} CASCADE`);
        await drop.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-test-'));
  const url = `sqlite:${path.join(dir, 'test.sqlite')}`;
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  return {
    ...database,
    url,
    async destroy() {
      await database.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
