import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Agent, text } from '../support/http.ts';
import { PASSWORD, agentFor, buildUser, logInWithForm } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';

describeEachDialect('accounts over HTTP', (use) => {
  it('registers, verifies the email by link, then logs in', async () => {
    const t = use();
    const agent = new Agent(t.app);
    const reg = await agent.submit('/register', '/register', {
      displayName: 'Grace',
      email: 'grace@example.test',
      password: 'grace password 1',
    });
    assert.equal(reg.status, 200);
    assert.match(text(reg, 'h1'), /Check your inbox/);

    const early = await logInWithForm(agent, 'grace@example.test', 'grace password 1');
    assert.equal(early.status, 403, 'unverified accounts cannot log in yet');
    assert.match(text(early, '[role=alert]'), /confirm your email/);

    await t.drainJobs();
    const link = t.mail.link('grace@example.test', '/verify?token=');
    const verified = await agent.get(link.replace(t.config.publicUrl, ''));
    assert.equal(verified.status, 200);
    assert.match(text(verified, 'h1'), /Email confirmed/);
    const reused = await agent.get(link.replace(t.config.publicUrl, ''));
    assert.equal(reused.status, 410, 'a verification link works once');

    const login = await logInWithForm(agent, 'GRACE@example.test', 'grace password 1');
    assert.equal(login.status, 303);
    assert.equal(login.location, '/');
    const home = await agent.get('/');
    assert.match(text(home, '.topnav'), /Grace/);
    assert.match(text(home, '[role=status]'), /logged in/);
  });

  it('answers a duplicate registration like a new one and mails the owner instead', async () => {
    const t = use();
    const user = await buildUser(t, { email: 'taken@example.test' });
    const agent = new Agent(t.app);
    const reg = await agent.submit('/register', '/register', {
      displayName: 'Mallory',
      email: 'taken@example.test',
      password: 'mallory password',
    });
    assert.equal(reg.status, 200);
    await t.drainJobs();
    assert.match(t.mail.last(user.email).subject, /already have an account/);
    const users = await t.db.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'taken@example.test')
      .execute();
    assert.equal(users.length, 1);
  });

  it('keeps the input and names each bad field on a bad registration', async () => {
    const t = use();
    const agent = new Agent(t.app);
    const page = await agent.submit('/register', '/register', {
      displayName: '',
      email: 'nope',
      password: 'x',
    });
    assert.equal(page.status, 400);
    assert.equal(page.dom.querySelector('#f-email')?.getAttribute('value'), 'nope');
    assert.equal(
      page.dom.querySelector('#f-password')?.getAttribute('value'),
      undefined,
      'never echoes a password',
    );
    for (const f of ['displayName', 'email', 'password'])
      assert.ok(page.dom.querySelector(`#f-${f}-error`), f);
  });

  it('says the same for a wrong password and an unknown address, with 401', async () => {
    const t = use();
    const user = await buildUser(t);
    const wrong = await logInWithForm(new Agent(t.app), user.email, 'wrong password!!');
    const unknown = await logInWithForm(new Agent(t.app), 'nobody@example.test', 'wrong password!!');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(text(wrong, '[role=alert]'), text(unknown, '[role=alert]'));
    assert.equal(wrong.dom.querySelector('#f-email')?.getAttribute('value'), user.email);
  });

  it('rate-limits password guessing per account', async () => {
    const t = use();
    const user = await buildUser(t);
    const agent = new Agent(t.app, { 'x-forwarded-for': '10.9.9.9' });
    for (let i = 0; i < 5; i++)
      assert.equal((await logInWithForm(agent, user.email, `guess ${i} wrong`)).status, 401);
    const blocked = await logInWithForm(agent, user.email, PASSWORD);
    assert.equal(blocked.status, 429, 'even the right password waits once the account is throttled');
    t.clock.advance(16 * 60_000);
    assert.equal((await logInWithForm(agent, user.email, PASSWORD)).status, 303);
  });

  it('refuses a POST without a CSRF token with 403 and changes nothing', async () => {
    const t = use();
    const user = await buildUser(t, { name: 'Before' });
    const agent = await agentFor(t, user);
    const res = await agent.post('/profile', { displayName: 'After', locale: '', _csrf: null });
    assert.equal(res.status, 403);
    assert.match(text(res, 'main'), /form has expired/);
    const forged = await agent.post('/profile', { displayName: 'After', locale: '', _csrf: 'forged' });
    assert.equal(forged.status, 403);
    const row = await t.db.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.display_name, 'Before');
  });

  it('resets a password by emailed link, once, and ends old sessions', async () => {
    const t = use();
    const user = await buildUser(t);
    const old = await agentFor(t, user);
    assert.equal((await old.get('/profile')).status, 200);
    const agent = new Agent(t.app);
    const sent = await agent.submit('/reset', '/reset', { email: user.email });
    assert.match(text(sent, 'h1'), /Check your inbox/);
    const unknown = await agent.submit('/reset', '/reset', { email: 'ghost@example.test' });
    assert.equal(text(unknown, 'main'), text(sent, 'main'), 'same answer for unknown addresses');
    await t.drainJobs();
    const path = t.mail.link(user.email, '/reset/').replace(t.config.publicUrl, '');
    const done = await agent.submit(path, path, { password: 'brand new password' });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/login');
    assert.equal((await old.get('/profile')).status, 303, 'the old session is gone');
    const reused = await agent.submit(path, path, { password: 'another new password' });
    assert.equal(reused.status, 410);
    assert.equal((await logInWithForm(new Agent(t.app), user.email, 'brand new password')).status, 303);
  });

  it('refuses an expired reset link', async () => {
    const t = use();
    const user = await buildUser(t);
    const agent = new Agent(t.app);
    await agent.submit('/reset', '/reset', { email: user.email });
    await t.drainJobs();
    const path = t.mail.link(user.email, '/reset/').replace(t.config.publicUrl, '');
    t.clock.advance(61 * 60_000);
    const res = await agent.submit(path, path, { password: 'brand new password' });
    assert.equal(res.status, 410);
    assert.match(text(res, 'main'), /expired/);
  });

  it('changes name and language on the profile page; German follows at once', async () => {
    const t = use();
    const user = await buildUser(t);
    const agent = await agentFor(t, user);
    const saved = await agent.submit('/profile', '/profile', { displayName: 'Renamed', locale: 'de' });
    assert.equal(saved.status, 303);
    const page = await agent.get('/profile');
    assert.equal(page.dom.querySelector('html')?.getAttribute('lang'), 'de');
    assert.equal(text(page, 'h1'), 'Ihr Profil');
    assert.match(text(page, '[role=status]'), /gespeichert/);
  });

  it('changes the email only after the new address is verified', async () => {
    const t = use();
    const user = await buildUser(t);
    const agent = await agentFor(t, user);
    const wrong = await agent.submit('/profile', '/profile/email', {
      email: 'new@example.test',
      currentPassword: 'not mine at all',
    });
    assert.equal(wrong.status, 400);
    assert.ok(wrong.dom.querySelector('#f-currentPassword-error'));
    const ok = await agent.submit('/profile', '/profile/email', {
      email: 'new@example.test',
      currentPassword: PASSWORD,
    });
    assert.equal(ok.status, 303);
    await t.drainJobs();
    assert.match(t.mail.last(user.email).subject, /being changed/);
    let row = await t.db.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.email, user.email);
    await agent.get(t.mail.link('new@example.test', '/verify?token=').replace(t.config.publicUrl, ''));
    row = await t.db.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.email, 'new@example.test');
  });

  it('logs out my other sessions but keeps this one', async () => {
    const t = use();
    const user = await buildUser(t);
    const laptop = await agentFor(t, user);
    const phone = await agentFor(t, user);
    const res = await laptop.submit('/profile', '/profile/sessions/end-others', {});
    assert.equal(res.status, 303);
    assert.equal((await laptop.get('/profile')).status, 200);
    assert.equal((await phone.get('/profile')).status, 303);
  });

  it('logs out', async () => {
    const t = use();
    const agent = await agentFor(t, await buildUser(t));
    const out = await agent.submit('/', '/logout', {});
    assert.equal(out.status, 303);
    assert.equal((await agent.get('/profile')).status, 303);
  });
});
