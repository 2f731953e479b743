import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actorFromUser, createApiTokenFor, type User } from '../../src/modules/accounts/index.ts';
import { replyToTicket } from '../../src/modules/tickets/index.ts';
import { QueryRecorder } from '../../src/platform/db/query-recorder.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { buildTicket } from '../support/tickets.ts';

/**
 * No N+1: the number of queries a page makes must not grow with the rows on it. Each check renders
 * the same page at two sizes and compares the query counts.
 */
describe('queries per page stay flat as pages grow', () => {
  const recorder = new QueryRecorder();
  let t: TestApp;
  let staff: User;
  let member: User;

  before(async () => {
    t = await buildTestApp('sqlite', { recorder });
    staff = await buildUser(t, { role: 'staff' });
    member = await buildUser(t);
    for (let i = 0; i < 60; i++) {
      const ticket = await buildTicket(t, i % 2 ? { issuer: member } : {});
      await t.db.db
        .updateTable('tickets')
        .set({ assignee_id: staff.id })
        .where('id', '=', ticket.id)
        .execute();
    }
  });
  after(() => t.close());

  async function count(fn: () => Promise<unknown>): Promise<number> {
    recorder.reset();
    await fn();
    return recorder.count;
  }

  it('the staff ticket list API makes the same number of queries for 5 and 50 rows', async () => {
    const token = await createApiTokenFor(t.ctx(), staff, 'q', 'read');
    const get = (limit: number) =>
      t.app.inject({
        url: `/api/v1/tickets?tab=all&limit=${limit}`,
        headers: { authorization: `Bearer ${token}` },
      });
    await get(1);
    const small = await count(() => get(5));
    const large = await count(() => get(50));
    assert.equal(large, small, `5 rows: ${small} queries, 50 rows: ${large}`);
    assert.ok(small <= 12, `a list costs ${small} queries`);
  });

  it('the desk ticket view makes the same number of queries for 2 and 40 messages', async () => {
    const small = await buildTicket(t, { issuer: member });
    const big = await buildTicket(t, { issuer: member });
    for (let i = 0; i < 39; i++)
      await replyToTicket(t.ctx(actorFromUser(i % 2 ? staff : member)), big.key, { body: `message ${i}` });
    await replyToTicket(t.ctx(actorFromUser(staff)), small.key, { body: 'one reply' });
    const desk = await agentFor(t, staff);
    await desk.get(`/desk/tickets/${small.number}`);
    const a = await count(() => desk.get(`/desk/tickets/${small.number}`));
    const b = await count(() => desk.get(`/desk/tickets/${big.number}`));
    assert.equal(b, a, `2 messages: ${a} queries, 40 messages: ${b}`);
  });

  it('the desk queue page makes the same number of queries for a short and a long result', async () => {
    const desk = await agentFor(t, staff);
    const a = await count(() => desk.get(`/desk/tickets?tab=all&q=${encodeURIComponent('Ticket 1:')}`));
    const b = await count(() => desk.get('/desk/tickets?tab=all'));
    assert.equal(b, a, `short: ${a} queries, long: ${b}`);
  });
});
