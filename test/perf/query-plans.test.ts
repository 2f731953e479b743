import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { User } from '../../src/modules/accounts/index.ts';
import { hotScenarios, plansOf } from '../../src/tools/hot-queries.ts';
import { seedLarge } from '../../src/tools/seed-large.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildUser } from '../support/factories.ts';

const BIG_TABLES = ['tickets', 'ticket_events', 'messages', 'ticket_reads'];

/** A hot query must reach the big tables through an index and never sort them in a temp B-tree. */
function badLines(sqlText: string, plan: string[]): string[] {
  const touchesBig = BIG_TABLES.some((t) => sqlText.includes(`"${t}"`));
  if (!touchesBig) return [];
  return plan.filter((line) => {
    const bare =
      /^SCAN (tickets|ticket_events|messages|ticket_reads|e|m)\b/.test(line) &&
      !/USING (COVERING )?INDEX|INTEGER PRIMARY KEY/.test(line);
    return bare || /TEMP B-TREE/.test(line);
  });
}

describe('hot queries use their indexes on SQLite', () => {
  let t: TestApp;
  let staff: User;
  let customer: User;
  let key: string;

  before(async () => {
    t = await buildTestApp('sqlite');
    await seedLarge(t.db, { tickets: 3000, messages: 3 });
    staff = await buildUser(t, { role: 'staff' });
    customer = await buildUser(t);
    key = (await t.db.db.selectFrom('tickets').select('key').limit(1).executeTakeFirstOrThrow()).key;
  });
  after(() => t.close());

  it('keeps every hot query on an index, without sorting the ticket tables', async () => {
    for (const scenario of hotScenarios(staff, customer, key)) {
      const plans = await plansOf(t.ctx(), scenario.run);
      assert.ok(
        plans.some((p) => BIG_TABLES.some((tb) => p.sql.includes(`"${tb}"`))),
        `${scenario.name} queried the ticket tables`,
      );
      for (const p of plans) {
        assert.deepEqual(badLines(p.sql, p.plan), [], `${scenario.name}: ${p.sql}\n${p.plan.join('\n')}`);
      }
    }
  });
});
