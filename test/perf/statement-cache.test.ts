import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { cachePreparedStatements, openDatabase } from '../../src/platform/db/database.ts';

describe('SQLite prepared-statement cache', () => {
  it('prepares each SQL text once, and never hands a busy statement to a second caller', () => {
    const db = new SQLite(':memory:');
    cachePreparedStatements(db);
    db.exec('create table t (id integer primary key, v text)');
    db.exec("insert into t (v) values ('a'), ('b')");
    const first = db.prepare('select v from t order by id');
    assert.equal(db.prepare('select v from t order by id'), first, 'the same text, the same statement');
    assert.notEqual(db.prepare('select id from t'), first);
    const iterating = first.iterate();
    iterating.next();
    const second = db.prepare('select v from t order by id');
    assert.notEqual(second, first, 'a busy statement is not shared');
    iterating.return?.();
    assert.equal(db.prepare('select v from t order by id'), first, 'free again, it is reused');
    db.close();
  });

  it('keeps answering correctly through Kysely, also after a schema change', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-stmt-'));
    const database = openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`);
    try {
      await sql`create table t (id integer primary key, v text)`.execute(database.db);
      for (const v of ['v0', 'v1', 'v2']) await sql`insert into t (v) values (${v})`.execute(database.db);
      const read = () => sql<Record<string, unknown>>`select * from t order by id`.execute(database.db);
      assert.deepEqual(
        (await read()).rows.map((r) => r.v),
        ['v0', 'v1', 'v2'],
      );
      await sql`alter table t add column w text`.execute(database.db);
      assert.deepEqual(Object.keys((await read()).rows[0]!), ['id', 'v', 'w'], 'SQLite re-prepared it');
    } finally {
      await database.destroy();
    }
  });
});
