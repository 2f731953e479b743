import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createApiTokenFor, type User } from '../../src/modules/accounts/index.ts';
import type { TestApp } from '../support/app.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket, generalCategoryId, statusId } from '../support/tickets.ts';
import { taxonomySnapshot } from './support.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function client(t: TestApp, user: User, scope: 'read' | 'write' | 'admin', lang = 'en') {
  const token = await createApiTokenFor(t.ctx(), user, 'test', scope);
  return async (method: Method, url: string, payload?: object) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
}

describeEachDialect('the taxonomy API', (use) => {
  it('lets an admin token create, read, update and delete categories with names keyed by language', async () => {
    const t = use();
    const admin = await client(t, await buildUser(t, { role: 'admin' }), 'admin', 'de');
    const created = await admin('POST', '/api/v1/categories', {
      names: { en: 'Mods', de: 'Modifikationen' },
      disclaimers: { en: 'Name the **mod** and its version.' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, 'Modifikationen', "named in the reader's language");
    assert.deepEqual(created.body.names, { en: 'Mods', de: 'Modifikationen' });
    assert.deepEqual(created.body.disclaimers, { en: 'Name the **mod** and its version.' });
    const id = created.body.id;
    const got = await admin('GET', `/api/v1/categories/${id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.version, 1);
    const patched = await admin('PATCH', `/api/v1/categories/${id}`, {
      names: { de: null },
      disclaimers: { en: '' },
      active: false,
      expectedVersion: 1,
    });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.body.names, { en: 'Mods' });
    assert.equal(patched.body.name, 'Mods', 'falls back to the default language');
    assert.deepEqual(patched.body.disclaimers, {});
    assert.equal(patched.body.active, false);
    const renamed = await admin('PATCH', `/api/v1/categories/${id}`, { names: { en: 'Mods & add-ons' } });
    assert.equal(renamed.body.active, false, 'what a PATCH leaves out stays as it was');
    assert.deepEqual(renamed.body.names, { en: 'Mods & add-ons' });
    const stale = await admin('PATCH', `/api/v1/categories/${id}`, {
      names: { en: 'Old' },
      expectedVersion: 1,
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'STALE_EDIT');
    const list = await admin('GET', '/api/v1/categories');
    assert.ok(
      list.body.items.some((c: { id: number }) => c.id === id),
      'admins see archived ones',
    );
    const deleted = await admin('DELETE', `/api/v1/categories/${id}`);
    assert.deepEqual(deleted, { status: 200, body: { moved: 0 } });
    assert.equal((await admin('GET', `/api/v1/categories/${id}`)).status, 404);
  });

  it('explains every bad input with a code and field messages, writing nothing', async () => {
    const t = use();
    const admin = await client(t, await buildUser(t, { role: 'admin' }), 'admin');
    await buildTicket(t);
    const before = await taxonomySnapshot(t);
    const missing = await admin('POST', '/api/v1/categories', { names: { de: 'Nur Deutsch' } });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.error.fields, { 'names.en': 'The default language needs a name.' });
    const duplicate = await admin('POST', '/api/v1/statuses', { names: { en: 'Resolved' } });
    assert.equal(duplicate.status, 400);
    assert.deepEqual(duplicate.body.error.fields, {
      'names.en': 'Another entry already has this name in this language.',
    });
    const colour = await admin('POST', '/api/v1/statuses', {
      names: { en: 'Bad colour' },
      colors: { dark: { background: '#zzzzzz' } },
    });
    assert.equal(colour.status, 400);
    assert.deepEqual(colour.body.error.fields, {
      'colors.dark.background': 'Enter a colour as #rrggbb, for example #1e3a8a.',
    });
    const builtin = await admin('DELETE', `/api/v1/statuses/${await statusId(t, 'new')}`);
    assert.equal(builtin.status, 409);
    assert.equal(builtin.body.error.code, 'BUILTIN_STATUS');
    const inUse = await admin('DELETE', `/api/v1/categories/${await generalCategoryId(t)}`);
    assert.equal(inUse.status, 400);
    assert.deepEqual(inUse.body.error.fields, {
      moveTo: 'Tickets still use this. Choose where they should go.',
    });
    assert.equal(await taxonomySnapshot(t), before);
  });

  it('moves tickets on delete with ?moveTo and reports how many', async () => {
    const t = use();
    const admin = await client(t, await buildUser(t, { role: 'admin' }), 'admin');
    const ticket = await buildTicket(t);
    const status = await admin('POST', '/api/v1/statuses', {
      names: { en: 'Triage', de: 'Sichtung' },
      closing: false,
      colors: {
        light: { background: '#e0f2fe', text: '#0c4a6e' },
        dark: { background: '#0c4a6e', text: '#e0f2fe' },
      },
    });
    assert.equal(status.status, 201);
    assert.equal(status.body.contrast.light.ok, true);
    await t.db.db
      .updateTable('tickets')
      .set({ status_id: status.body.id })
      .where('id', '=', ticket.id)
      .execute();
    const halted = await statusId(t, 'halted');
    const res = await admin('DELETE', `/api/v1/statuses/${status.body.id}?moveTo=${halted}`);
    assert.deepEqual(res, { status: 200, body: { moved: 1 } });
    const event = await t.db.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .where('kind', '=', 'status')
      .executeTakeFirstOrThrow();
    assert.equal(event.new_value, String(halted));
  });

  it('lets any token read, but changes need an admin token: 403 for weaker ones, 404 for what they may not see', async () => {
    const t = use();
    const adminUser = await buildUser(t, { role: 'admin' });
    const customer = await client(t, await buildUser(t), 'write');
    const readOnlyAdmin = await client(t, adminUser, 'read');
    const writeAdmin = await client(t, adminUser, 'write');
    const admin = await client(t, adminUser, 'admin');
    const archived = await admin('POST', '/api/v1/categories', { names: { en: 'Old stuff' }, active: false });
    const before = await taxonomySnapshot(t);
    for (const call of [customer, readOnlyAdmin, writeAdmin]) {
      assert.equal((await call('POST', '/api/v1/categories', { names: { en: 'Nope' } })).status, 403);
      assert.equal(
        (await call('PATCH', `/api/v1/statuses/${await statusId(t, 'halted')}`, { closing: true })).status,
        403,
      );
      assert.equal((await call('DELETE', `/api/v1/statuses/${await statusId(t, 'halted')}`)).status, 403);
    }
    assert.equal(await taxonomySnapshot(t), before);
    const list = await customer('GET', '/api/v1/categories');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((c: { name: string }) => c.name),
      ['General'],
      'customers see active categories only',
    );
    assert.equal((await customer('GET', `/api/v1/categories/${archived.body.id}`)).status, 404);
    assert.equal((await admin('GET', '/api/v1/categories/999999')).status, 404);
    assert.equal((await admin('PATCH', '/api/v1/statuses/999999', { closing: true })).status, 404);
    const statuses = await customer('GET', '/api/v1/statuses');
    assert.equal(statuses.body.items[0].code, 'new');
    const priorities = await readOnlyAdmin('GET', '/api/v1/priorities');
    assert.equal(priorities.status, 200);
    assert.deepEqual(
      priorities.body.items.map((p: { value: number; name: string }) => [p.value, p.name]),
      [
        [-2, 'Backlog'],
        [-1, 'Below average'],
        [0, 'Normal'],
        [1, 'Important'],
        [2, 'Urgent'],
      ],
    );
    assert.equal(priorities.body.items[4].colors.light.background, '#860d0d');
    const anonymous = await t.app.inject({ url: '/api/v1/priorities' });
    assert.equal(anonymous.statusCode, 401);
  });

  it('describes the endpoints in the OpenAPI document', async () => {
    const t = use();
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/categories',
      '/api/v1/categories/{id}',
      '/api/v1/statuses',
      '/api/v1/statuses/{id}',
      '/api/v1/priorities',
    ])
      assert.ok(doc.paths[path], path);
    assert.ok(
      doc.paths['/api/v1/categories/{id}'].delete.parameters.some(
        (p: { name: string }) => p.name === 'moveTo',
      ),
    );
  });
});
