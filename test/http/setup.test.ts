import assert from 'node:assert/strict';
import { it } from 'node:test';
import { issueSetupTokenIfNeeded } from '../../src/modules/accounts/index.ts';
import { Agent, text } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';

describeEachDialect('first-run setup', (use) => {
  it('refuses a forged setup token with a clear page and writes nothing', async () => {
    const t = use();
    const agent = new Agent(t.app);
    const page = await agent.get('/setup?token=forged-token');
    assert.equal(page.status, 410);
    assert.match(text(page, 'main'), /not valid/);
    const post = await agent.post('/setup', {
      token: 'forged',
      displayName: 'Eve',
      email: 'eve@example.test',
      password: 'long enough password',
    });
    assert.equal(post.status, 410);
    const count = await t.db.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('creates the first admin from the setup link, logs them in, and then spends the link', async () => {
    const t = use();
    const token = await issueSetupTokenIfNeeded(t.ctx());
    assert.ok(token);
    const agent = new Agent(t.app);
    const form = await agent.get(`/setup?token=${token}`);
    assert.equal(form.status, 200);
    assert.ok(form.dom.querySelector('form[action="/setup"]'));

    const bad = await agent.post('/setup', {
      token: token!,
      displayName: 'Ada',
      email: 'not-an-email',
      password: 'short',
    });
    assert.equal(bad.status, 400);
    assert.equal(
      bad.dom.querySelector('#f-displayName')?.getAttribute('value'),
      'Ada',
      'keeps what was typed',
    );
    assert.ok(bad.dom.querySelector('#f-email-error'));
    assert.ok(bad.dom.querySelector('#f-password-error'));

    const done = await agent.post('/setup', {
      token: token!,
      displayName: 'Ada',
      email: 'Ada@Example.test',
      password: 'a long admin password',
    });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/desk');
    const desk = await agent.get('/desk');
    assert.equal(desk.status, 200);
    assert.match(text(desk, 'h1'), /Desk/);

    const again = await new Agent(t.app).get(`/setup?token=${token}`);
    assert.equal(again.status, 410);
    assert.equal(await issueSetupTokenIfNeeded(t.ctx()), undefined, 'no new setup link once an admin exists');
    const admin = await t.db.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    assert.equal(admin.email, 'ada@example.test');
    assert.equal(admin.role, 'admin');
    assert.notEqual(admin.email_verified_at, null);
  });
});
