import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { it } from 'node:test';
import { receiveMail } from '../../src/modules/inbound/index.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDialect } from '../support/suite.ts';
import { fixture, fixtureNames } from './fixtures.ts';

const WORKER = path.resolve(import.meta.dirname, 'ingest-worker-process.ts');

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

async function statuses(t: TestApp) {
  return t.db.db
    .selectFrom('inbound_mails')
    .select(['id', 'status', 'decision', 'ticket_id'])
    .orderBy('id')
    .execute();
}

describeEachDialect('a killed ingest', (use) => {
  it('re-runs with zero duplicates and zero losses', async () => {
    const t = use();
    const names = fixtureNames();
    for (const name of names) await receiveMail(t.ctx(), fixture(name.slice(0, 3)), 'api');

    // A worker with the real handlers dies inside the fourth apply transaction.
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, t.db.url, t.db.schema ?? '', '4'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    assert.equal(signal, 'SIGKILL', 'the worker was killed mid-run');
    const before = await statuses(t);
    const done = before.filter((r) => r.status !== 'received').length;
    assert.equal(done, 3, 'three mails were decided, the fourth died uncommitted');

    // Its leases ran on real time: let them expire, then run the rest in this process.
    t.clock.ms = Date.now() + 60_000;
    await waitFor(async () => (await t.drainJobs()) === 0, 30_000);

    const after = await statuses(t);
    assert.equal(after.length, names.length, 'every mail stored once');
    assert.deepEqual(
      after.filter((r) => r.status === 'received' || r.status === 'failed'),
      [],
      'every mail decided, none lost',
    );
    const opened = after.filter((r) => r.decision?.startsWith('newTicket'));
    assert.equal(opened.length, 26);
    const tickets = await t.db.db
      .selectFrom('tickets')
      .leftJoin('messages', 'messages.ticket_id', 'tickets.id')
      .select(['tickets.id', (eb) => eb.fn.count<number>('messages.id').as('messages')])
      .groupBy('tickets.id')
      .execute();
    assert.equal(tickets.length, 26, 'no ticket twice, no orphan ticket from the killed run');
    assert.ok(
      tickets.every((row) => Number(row.messages) === 1),
      'no message twice',
    );
    assert.equal(new Set(opened.map((r) => r.ticket_id)).size, 26, 'each mail has its own ticket');
    const received = await t.db.db
      .selectFrom('mail_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('direction', '=', 'in')
      .executeTakeFirstOrThrow();
    assert.equal(Number(received.n), 25, 'every Message-ID of a new ticket recorded once (002 has none)');
  });
});
