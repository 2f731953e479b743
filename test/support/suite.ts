import { after, before, describe } from 'node:test';
import type { Dialect } from '../../src/platform/db/database.ts';
import { buildTestApp, type TestApp } from './app.ts';
import { testDialects } from './db.ts';

/**
 * Declares the suite once per dialect (SQLite, and PostgreSQL when configured), each with its own
 * app on a fresh database. `use()` returns that app inside tests.
 */
export function describeEachDialect(
  name: string,
  body: (use: () => TestApp, dialect: Dialect) => void,
  options: Parameters<typeof buildTestApp>[1] = {},
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let t: TestApp | undefined;
      before(async () => {
        t = await buildTestApp(dialect, options);
      });
      after(async () => {
        await t?.close();
      });
      body(() => {
        if (!t) throw new Error('test app not built');
        return t;
      }, dialect);
    });
  }
}
