import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Agent, text } from '../support/http.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';

describeEachDialect('the desk', (use) => {
  it('sends anonymous visitors to log in and shows customers the same 404 as a missing page', async () => {
    const t = use();
    const anon = await new Agent(t.app).get('/desk/users');
    assert.equal(anon.status, 303);
    assert.equal(anon.location, '/login?next=%2Fdesk%2Fusers');
    const customer = await agentFor(t, await buildUser(t));
    const page = await customer.get('/desk');
    const missing = await customer.get('/no-such-page');
    assert.equal(page.status, 404);
    assert.equal(text(page, 'main'), text(missing, 'main'));
  });

  it('shows staff only the sections their permissions allow', async () => {
    const t = use();
    const staff = await agentFor(t, await buildUser(t, { role: 'staff' }));
    const home = await staff.get('/desk');
    assert.equal(home.status, 200);
    const nav = home.dom.querySelectorAll('.desk-nav a').map((a) => a.getAttribute('href'));
    assert.deepEqual(nav, ['/desk', '/desk/tickets', '/desk/customers', '/desk/inbound']);
    assert.equal((await staff.get('/desk/users')).status, 403);
    assert.equal((await staff.get('/desk/settings')).status, 403);
    assert.equal((await staff.get('/desk/audit')).status, 403);
    const manager = await agentFor(
      t,
      await buildUser(t, { role: 'staff', permissions: ['users', 'settings'] }),
    );
    const nav2 = (await manager.get('/desk')).dom
      .querySelectorAll('.desk-nav a')
      .map((a) => a.getAttribute('href'));
    assert.deepEqual(nav2, [
      '/desk',
      '/desk/tickets',
      '/desk/customers',
      '/desk/inbound',
      '/desk/users',
      '/desk/settings',
      '/desk/outbox',
    ]);
  });

  it('lets an admin promote a customer to staff with permissions, recorded in the audit trail', async () => {
    const t = use();
    const admin = await buildUser(t, { role: 'admin', name: 'Admin Ann' });
    const target = await buildUser(t, { name: 'Carl Customer' });
    const agent = await agentFor(t, admin);
    const list = await agent.get('/desk/users?q=carl');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.dom.querySelectorAll('tbody tr td:first-child').map((td) => td.text.trim()),
      ['Carl Customer'],
    );
    const res = await agent.submit(`/desk/users/${target.id}`, `/desk/users/${target.id}/access`, {
      role: 'staff',
      permissions: ['categories', 'commerce', 'bogus'],
    });
    assert.equal(res.status, 303);
    const row = await t.db.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.role, 'staff');
    assert.equal(row.permissions, 'categories,commerce');
    const audit = await agent.get('/desk/audit');
    assert.equal(audit.status, 200);
    const first = audit.dom.querySelector('tbody tr');
    assert.match(first?.text ?? '', /Admin Ann/);
    assert.match(first?.text ?? '', /Access changed/);
    assert.match(first?.text ?? '', /"role":"staff"/);
  });

  it('does not let staff with the users permission touch admins or themselves', async () => {
    const t = use();
    const manager = await buildUser(t, { role: 'staff', permissions: ['users'] });
    const admin = await buildUser(t, { role: 'admin' });
    const agent = await agentFor(t, manager);
    await agent.submit(`/desk/users/${admin.id}`, `/desk/users/${admin.id}/access`, { role: 'customer' });
    await agent.post(`/desk/users/${admin.id}/disable`, {});
    await agent.post(`/desk/users/${manager.id}/access`, { role: 'admin' });
    const rows = await t.db.db
      .selectFrom('users')
      .select(['id', 'role', 'disabled_at'])
      .where('id', 'in', [manager.id, admin.id])
      .execute();
    assert.deepEqual(rows.map((r) => [r.role, r.disabled_at]).sort(), [
      ['admin', null],
      ['staff', null],
    ]);
  });

  it('disabling an account ends its sessions and API tokens at once', async () => {
    const t = use();
    const admin = await buildUser(t, { role: 'admin' });
    const victim = await buildUser(t, { role: 'staff' });
    const victimAgent = await agentFor(t, victim);
    assert.equal((await victimAgent.get('/desk')).status, 200);
    const { createApiTokenFor } = await import('../../src/modules/accounts/index.ts');
    const token = await createApiTokenFor(t.ctx(), victim, 'script', 'read');
    const me = () => t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await me()).statusCode, 200);
    const agent = await agentFor(t, admin);
    const res = await agent.submit(`/desk/users/${victim.id}`, `/desk/users/${victim.id}/disable`, {});
    assert.equal(res.status, 303);
    assert.equal((await victimAgent.get('/desk')).status, 303, 'the session no longer works');
    assert.equal((await me()).statusCode, 401, 'the token no longer works');
    const login = await victimAgent.submit('/login', '/login', {
      email: victim.email,
      password: 'correct horse battery',
    });
    assert.equal(login.status, 403);
  });

  it('keeps the last admin an admin', async () => {
    const t = use();
    const { setUserAccess } = await import('../../src/modules/accounts/index.ts');
    const a = await buildUser(t, { role: 'admin' });
    const b = await buildUser(t, { role: 'admin' });
    const ctxA = t.ctx({
      kind: 'user',
      id: a.id,
      role: 'admin',
      permissions: new Set(['users']),
      email: a.email,
      displayName: 'A',
      emailVerified: true,
    });
    // With other admins from earlier tests present, demoting b is allowed; the rule is that the count never reaches zero.
    await setUserAccess(ctxA, b.id, { role: 'customer', permissions: [] });
    const admins = await t.db.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .execute();
    assert.ok(admins.length >= 1);
  });

  it('saves site settings and shows the new site name everywhere', async () => {
    const t = use();
    const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
    const bad = await admin.submit('/desk/settings', '/desk/settings', {
      siteName: '',
      defaultLocale: 'en',
      registration: 'open',
    });
    assert.equal(bad.status, 400);
    assert.ok(bad.dom.querySelector('#f-siteName-error'));
    const ok = await admin.submit('/desk/settings', '/desk/settings', {
      siteName: 'Vintage Support',
      defaultLocale: 'de',
      registration: 'closed',
      captchaGuests: 'on',
    });
    assert.equal(ok.status, 303);
    const home = await new Agent(t.app).get('/');
    assert.equal(text(home, '.brand'), 'Vintage Support');
    assert.equal(
      home.dom.querySelector('html')?.getAttribute('lang'),
      'de',
      'the default locale applies without Accept-Language',
    );
    const reg = await new Agent(t.app).submit('/register', '/register', {
      displayName: 'X',
      email: 'x@example.test',
      password: 'long password 123',
    });
    assert.equal(reg.status, 403, 'registration is closed');
    await admin.submit('/desk/settings', '/desk/settings', {
      siteName: 'Parley',
      defaultLocale: 'en',
      registration: 'open',
      captchaGuests: 'on',
    });
  });

  it('shows the outbox with mail held for lack of SMTP, readable by admins', async () => {
    const t = use();
    const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
    await new Agent(t.app).submit('/reset', '/reset', {
      email: (await buildUser(t, { email: 'outbox@example.test' })).email,
    });
    const list = await admin.get('/desk/outbox');
    assert.equal(list.status, 200);
    const link = list.dom.querySelectorAll('tbody a').find((a) => /Reset your password/.test(a.text));
    assert.ok(link, 'the reset mail is listed');
    const mail = await admin.get(link.getAttribute('href')!);
    assert.match(text(mail, '.mail-body'), /\/reset\//);
  });
});
