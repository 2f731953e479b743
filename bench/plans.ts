// npm run bench:plans — writes the EXPLAIN output of every hot query, per dialect, to bench/plans/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hotScenarios, plansOf } from '../src/tools/hot-queries.ts';
import { seedLarge } from '../src/tools/seed-large.ts';
import { buildTestApp } from '../test/support/app.ts';
import { buildUser } from '../test/support/factories.ts';

const dialects = process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
const out = path.resolve(import.meta.dirname, 'plans');
mkdirSync(out, { recursive: true });
for (const dialect of dialects) {
  const t = await buildTestApp(dialect);
  await seedLarge(t.db, { tickets: 20_000, messages: 3 });
  const staff = await buildUser(t, { role: 'staff' });
  const customer = await buildUser(t);
  const key = (await t.db.db.selectFrom('tickets').select('key').limit(1).executeTakeFirstOrThrow()).key;
  const lines = [`# Query plans on ${dialect} (20 000 tickets, 60 000 messages)`, ''];
  for (const scenario of hotScenarios(staff, customer, key)) {
    lines.push(`## ${scenario.name}`, '');
    for (const p of await plansOf(t.ctx(), scenario.run))
      lines.push('```sql', p.sql, '```', '```', ...p.plan, '```', '');
  }
  writeFileSync(path.join(out, `${dialect}.md`), lines.join('\n'));
  console.log(`wrote bench/plans/${dialect}.md`);
  await t.close();
}
