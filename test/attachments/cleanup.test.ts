import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { ATTACHMENTS_CLEANUP_JOB, claimUploads } from '../../src/modules/attachments/index.ts';
import { tx } from '../../src/platform/db/tx.ts';
import type { TestApp } from '../support/app.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import type { Agent } from '../support/http.ts';
import { buildTicket } from '../support/tickets.ts';
import {
  MULTIPART,
  describeEachStorage,
  multipartBody,
  pngImage,
  storedObjects,
  textBytes,
} from './support.ts';

const HOUR = 3600_000;

async function upload(agent: Agent, filename: string, data: Buffer): Promise<string> {
  const page = await agent.request({
    method: 'POST',
    url: '/attachments',
    headers: { 'content-type': MULTIPART, 'x-csrf-token': agent.csrf ?? '', accept: 'application/json' },
    payload: multipartBody([{ name: 'files', filename, data }]),
  });
  assert.equal(page.status, 201, page.body);
  return (JSON.parse(page.body) as { id: string }).id;
}

async function ids(t: TestApp): Promise<string[]> {
  return (await t.db.db.selectFrom('attachments').select('id').orderBy('id').execute()).map((r) => r.id);
}

async function waitingCleanupJobs(t: TestApp): Promise<number[]> {
  const rows = await t.db.db
    .selectFrom('jobs')
    .select('run_at')
    .where('kind', '=', ATTACHMENTS_CLEANUP_JOB)
    .where('done_at', 'is', null)
    .execute();
  return rows.map((r) => r.run_at);
}

await describeEachStorage('the cleanup of unclaimed uploads', (use) => {
  it('removes uploads nobody claimed within 24 hours, keeps claimed and younger ones, and reschedules', async () => {
    const t = use();
    const user = await buildUser(t);
    const agent = await agentFor(t, user);
    const before = await storedObjects(t.config, t.deps.storage);
    const start = t.clock.now();
    const old = await upload(agent, 'old.png', await pngImage());
    const kept = await upload(agent, 'kept.txt', textBytes(100));
    assert.deepEqual(
      await waitingCleanupJobs(t),
      [start + 24 * HOUR + 60_000],
      'one job, due when the first expires',
    );
    const ticket = await buildTicket(t, { issuer: user });
    await tx(t.db.db, async (trx) => {
      const message = await trx
        .selectFrom('messages')
        .select('id')
        .where('ticket_id', '=', ticket.id)
        .executeTakeFirstOrThrow();
      await claimUploads(
        { ...t.ctx(actorFromUser(user)), db: trx },
        { uploadIds: [kept], messageId: message.id, ticketId: ticket.id },
      );
    });
    t.clock.advance(12 * HOUR);
    const young = await upload(agent, 'young.txt', textBytes(100));
    assert.equal((await waitingCleanupJobs(t)).length, 1, 'a waiting job is not scheduled twice');
    assert.equal(
      (await storedObjects(t.config, t.deps.storage)).length - before.length,
      4,
      'image, its thumbnail and two text files',
    );

    t.clock.advance(12 * HOUR - 1000);
    await t.drainJobs();
    assert.ok((await ids(t)).includes(old), 'nothing runs before the day is over');

    t.clock.advance(2 * 60_000);
    await t.drainJobs();
    assert.deepEqual(await ids(t), [kept, young].sort());
    assert.equal((await storedObjects(t.config, t.deps.storage)).length - before.length, 2);
    assert.deepEqual(await waitingCleanupJobs(t), [start + 12 * HOUR + 24 * HOUR + 60_000]);

    t.clock.advance(12 * HOUR);
    await t.drainJobs();
    assert.deepEqual(await ids(t), [kept]);
    assert.equal((await storedObjects(t.config, t.deps.storage)).length - before.length, 1);
    assert.deepEqual(await waitingCleanupJobs(t), [], 'no pending uploads, no job');
  });
});
