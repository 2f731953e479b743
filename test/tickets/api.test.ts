import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createApiTokenFor, type User } from '../../src/modules/accounts/index.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import type { TestApp } from '../support/app.ts';
import { generalCategoryId } from '../support/tickets.ts';

describeEachDialect('the tickets API', (use) => {
  async function tokenFor(t: TestApp, user: User, scope: 'read' | 'write' = 'write') {
    const token = await createApiTokenFor(t.ctx(), user, 'test', scope);
    return (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
  }

  it('lets a customer open, list, read and answer their own ticket', async () => {
    const t = use();
    const customer = await buildUser(t);
    const call = await tokenFor(t, customer);
    const created = await call('POST', '/api/v1/tickets', {
      subject: 'API ticket',
      body: 'Hello from a script',
      categoryId: await generalCategoryId(t),
    });
    assert.equal(created.statusCode, 201);
    const ticket = created.json();
    assert.match(ticket.key, /^[A-Za-z0-9_-]{24}$/);
    assert.equal(typeof ticket.number, 'number');
    assert.equal(ticket.version, 1);
    assert.equal(ticket.status.name, 'New');
    assert.equal(ticket.issuer.email, customer.email);

    const list = await call('GET', '/api/v1/tickets');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().items.map((i: { key: string }) => i.key),
      [ticket.key],
    );

    const detail = await call('GET', `/api/v1/tickets/${ticket.key}`);
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().ticket.key, ticket.key);
    assert.equal(detail.json().timeline[0].type, 'message');
    assert.match(detail.json().timeline[0].html, /Hello from a script/);

    const replied = await call('POST', `/api/v1/tickets/${ticket.key}/messages`, {
      body: 'More detail',
      expectedVersion: 1,
    });
    assert.equal(replied.statusCode, 201);
    assert.equal(replied.json().version, 2);
    assert.equal(replied.json().ticket.version, 2);
  });

  it('refuses a stale expectedVersion with 409 STALE_TICKET and writes nothing', async () => {
    const t = use();
    const call = await tokenFor(t, await buildUser(t));
    const ticket = (
      await call('POST', '/api/v1/tickets', {
        subject: 'Stale',
        body: 'x',
        categoryId: await generalCategoryId(t),
      })
    ).json();
    assert.equal(
      (await call('POST', `/api/v1/tickets/${ticket.key}/messages`, { body: 'first', expectedVersion: 1 }))
        .statusCode,
      201,
    );
    const stale = await call('POST', `/api/v1/tickets/${ticket.key}/messages`, {
      body: 'second',
      expectedVersion: 1,
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'STALE_TICKET');
    const timeline = (await call('GET', `/api/v1/tickets/${ticket.key}`)).json().timeline;
    assert.equal(timeline.filter((e: { type: string }) => e.type === 'message').length, 2);
  });

  it('refuses a reply to a locked ticket with 423 TICKET_LOCKED', async () => {
    const t = use();
    const call = await tokenFor(t, await buildUser(t));
    const ticket = (
      await call('POST', '/api/v1/tickets', {
        subject: 'Locked',
        body: 'x',
        categoryId: await generalCategoryId(t),
      })
    ).json();
    await t.db.db.updateTable('tickets').set({ locked: 1 }).where('key', '=', ticket.key).execute();
    const res = await call('POST', `/api/v1/tickets/${ticket.key}/messages`, { body: 'hello?' });
    assert.equal(res.statusCode, 423);
    assert.equal(res.json().error.code, 'TICKET_LOCKED');
  });

  it('answers 404 for tickets of others, never 403', async () => {
    const t = use();
    const a = await tokenFor(t, await buildUser(t));
    const b = await tokenFor(t, await buildUser(t));
    const ticket = (
      await a('POST', '/api/v1/tickets', {
        subject: 'Mine',
        body: 'x',
        categoryId: await generalCategoryId(t),
      })
    ).json();
    const res = await b('GET', `/api/v1/tickets/${ticket.key}`);
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'NOT_FOUND');
    assert.equal(
      (await b('GET', `/api/v1/tickets/${ticket.number}`)).statusCode,
      404,
      'numbers are for staff only',
    );
    assert.equal((await b('POST', `/api/v1/tickets/${ticket.key}/messages`, { body: 'hi' })).statusCode, 404);
  });

  it('lets a write-scoped staff token file a ticket for a guest, and read it by number', async () => {
    const t = use();
    const staff = await buildUser(t, { role: 'staff' });
    const call = await tokenFor(t, staff);
    const created = await call('POST', '/api/v1/tickets', {
      subject: 'Phoned in',
      body: 'Customer called',
      categoryId: await generalCategoryId(t),
      name: 'Phone Guest',
      email: 'phone@example.test',
    });
    assert.equal(created.statusCode, 201);
    assert.deepEqual(created.json().issuer, { name: 'Phone Guest', email: 'phone@example.test' });
    const byNumber = await call('GET', `/api/v1/tickets/${created.json().number}`);
    assert.equal(byNumber.statusCode, 200);
    const note = await call('POST', `/api/v1/tickets/${created.json().number}/messages`, {
      body: 'internal api note',
      internal: true,
    });
    assert.equal(note.statusCode, 201);
    await t.drainJobs();
    assert.ok(
      t.mail.last('phone@example.test').text.includes(created.json().url),
      'the guest gets their link',
    );
    const guestView = await t.app.inject(`/api/v1/tickets/${created.json().key}`);
    assert.equal(guestView.statusCode, 401, 'the API always needs a token');
  });

  it('keeps internal notes out of a customer token view, and refuses notes from customers', async () => {
    const t = use();
    const customer = await buildUser(t);
    const call = await tokenFor(t, customer);
    const staffCall = await tokenFor(t, await buildUser(t, { role: 'staff' }));
    const ticket = (
      await call('POST', '/api/v1/tickets', {
        subject: 'Notes',
        body: 'x',
        categoryId: await generalCategoryId(t),
      })
    ).json();
    await staffCall('POST', `/api/v1/tickets/${ticket.key}/messages`, {
      body: 'SECRET internal',
      internal: true,
    });
    const view = await call('GET', `/api/v1/tickets/${ticket.key}`);
    assert.doesNotMatch(view.body, /SECRET internal/);
    const forbidden = await call('POST', `/api/v1/tickets/${ticket.key}/messages`, {
      body: 'sneaky',
      internal: true,
    });
    assert.equal(forbidden.statusCode, 403);
  });

  it('validates input with field messages and 400', async () => {
    const t = use();
    const call = await tokenFor(t, await buildUser(t));
    const res = await call('POST', '/api/v1/tickets', {
      subject: '',
      body: '',
      categoryId: await generalCategoryId(t),
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'VALIDATION');
    assert.ok(res.json().error.fields.subject);
    assert.ok(res.json().error.fields.body);
    const wrongType = await call('POST', '/api/v1/tickets', { subject: 'x', body: 'y', categoryId: 'one' });
    assert.equal(wrongType.statusCode, 400);
    const readOnly = await tokenFor(t, await buildUser(t), 'read');
    assert.equal(
      (await readOnly('POST', '/api/v1/tickets', { subject: 'x', body: 'y', categoryId: 1 })).statusCode,
      403,
    );
  });

  it('documents the ticket routes in OpenAPI', async () => {
    const t = use();
    const doc = (await t.app.inject('/api/openapi.json')).json();
    for (const path of ['/api/v1/tickets', '/api/v1/tickets/{ref}', '/api/v1/tickets/{ref}/messages'])
      assert.ok(doc.paths[path], path);
  });
});
