import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createApiTokenFor, type User } from '../../src/modules/accounts/index.ts';
import type { TestApp } from '../support/app.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket, statusId } from '../support/tickets.ts';

describeEachDialect('the staff side of the tickets API', (use) => {
  async function client(t: TestApp, user: User, scope: 'read' | 'write' = 'write') {
    const token = await createApiTokenFor(t.ctx(), user, 'test', scope);
    return (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
  }

  it('PATCHes attributes with expectedVersion and refuses a stale one with STALE_TICKET', async () => {
    const t = use();
    const staff = await buildUser(t, { role: 'staff' });
    const call = await client(t, staff);
    const ticket = await buildTicket(t);
    const halted = await statusId(t, 'halted');
    const ok = await call('PATCH', `/api/v1/tickets/${ticket.number}`, {
      statusId: halted,
      priority: -2,
      assigneeId: staff.id,
      locked: true,
      expectedVersion: 1,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().version, 2);
    assert.equal(ok.json().status.id, halted);
    assert.equal(ok.json().locked, true);
    const stale = await call('PATCH', `/api/v1/tickets/${ticket.key}`, { priority: 2, expectedVersion: 1 });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'STALE_TICKET');
    const row = await t.db.db
      .selectFrom('tickets')
      .select(['priority', 'assignee_id'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.priority, -2);
    assert.equal(row.assignee_id, staff.id);
  });

  it('refuses unknown statuses, categories, assignees without the tickets permission and priorities outside −2…2', async () => {
    const t = use();
    const call = await client(t, await buildUser(t, { role: 'staff' }));
    const customer = await buildUser(t);
    const ticket = await buildTicket(t);
    for (const body of [
      { statusId: 99999 },
      { categoryId: 99999 },
      { assigneeId: customer.id },
      { priority: 3 },
      { priority: -3 },
    ]) {
      const res = await call('PATCH', `/api/v1/tickets/${ticket.number}`, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().error.code, 'VALIDATION');
    }
    const events = await t.db.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .execute();
    assert.equal(events.length, 1);
  });

  it('answers customers on staff routes with 404, and never resolves numbers for them', async () => {
    const t = use();
    const customer = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: customer });
    const call = await client(t, customer);
    assert.equal((await call('PATCH', `/api/v1/tickets/${ticket.key}`, { priority: 2 })).statusCode, 404);
    assert.equal((await call('GET', `/api/v1/tickets/${ticket.number}/history`)).statusCode, 404);
    assert.equal(
      (await call('GET', `/api/v1/tickets/${ticket.key}/history`)).statusCode,
      200,
      'their own ticket by key',
    );
  });

  it('posts a note with attribute changes in one step and lists the history in order', async () => {
    const t = use();
    const staff = await buildUser(t, { role: 'staff' });
    const call = await client(t, staff);
    const ticket = await buildTicket(t);
    const res = await call('POST', `/api/v1/tickets/${ticket.number}/messages`, {
      body: 'escalating',
      internal: true,
      priority: 2,
      assigneeId: staff.id,
    });
    assert.equal(res.statusCode, 201);
    const history = (await call('GET', `/api/v1/tickets/${ticket.number}/history`)).json().history;
    assert.deepEqual(
      history.map((h: { type: string; kind?: string }) => h.kind ?? h.type),
      ['message', 'message', 'priority', 'assignment'],
    );
    assert.equal(history[1].internal, true);
  });

  it('filters the ticket list for staff tokens like the queue', async () => {
    const t = use();
    const staff = await buildUser(t, { role: 'staff' });
    const call = await client(t, staff, 'read');
    const a = await buildTicket(t, { subject: 'API filter needle' });
    await buildTicket(t, { subject: 'something else' });
    const res = await call('GET', `/api/v1/tickets?tab=all&q=needle`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      res.json().items.map((i: { number: number }) => i.number),
      [a.number],
    );
    const sorted = await call('GET', `/api/v1/tickets?tab=all&sort=number&dir=asc&limit=1`);
    assert.equal(sorted.json().items.length, 1);
    assert.ok(sorted.json().next);
    assert.equal(
      (await call('PATCH', `/api/v1/tickets/${a.number}`, { priority: 1 })).statusCode,
      403,
      'a read token cannot write',
    );
  });
});
