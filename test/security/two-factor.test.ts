import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import { getSiteSettings, updateSiteSettings } from '../../src/modules/settings/index.ts';
import { base32Decode, totp } from '../../src/platform/totp.ts';
import type { TestApp } from '../support/app.ts';
import { PASSWORD, agentFor, buildUser, logInWithForm } from '../support/factories.ts';
import { Agent, type Page } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';

const PAGE = '/profile/two-factor';
const STEP = '/login/two-factor';

function sessionCookieSet(page: Page): boolean {
  return [page.headers['set-cookie'] ?? []].flat().some((l) => /^parley_session=[^;]+/.test(l));
}

/** The current code of the authenticator app holding `secret`. */
function codeFor(t: TestApp, secret: string): string {
  return totp(base32Decode(secret)!, t.clock.now());
}

/** Enrols the user through the profile pages; returns the secret the app would hold and the recovery codes. */
async function enrol(t: TestApp, user: User): Promise<{ agent: Agent; secret: string; codes: string[] }> {
  const agent = await agentFor(t, user);
  await agent.get(PAGE);
  assert.equal((await agent.post(`${PAGE}/start`)).status, 303);
  const page = await agent.get(PAGE);
  const secret = page.dom.querySelector('section.card code')!.text.replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const done = await agent.post(`${PAGE}/confirm`, { code: codeFor(t, secret), password: PASSWORD });
  assert.equal(done.status, 200);
  const codes = done.dom.querySelectorAll('.recovery-codes code').map((c) => c.text);
  // The next code must come from a later time step: each step works once.
  t.clock.advance(30_000);
  return { agent, secret, codes };
}

/** The account's `auth.*` audit entries, oldest first. */
async function auditActions(t: TestApp, userId: number): Promise<string[]> {
  const rows = await t.db.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', String(userId))
    .where('action', 'like', 'auth.%')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

async function requireForStaff(t: TestApp, admin: User, on: boolean) {
  const current = await getSiteSettings({ db: t.db.db });
  await updateSiteSettings(t.ctx(actorFromUser({ ...admin })), { ...current, twoFactorStaff: on });
  t.deps.settings.invalidate();
}

describeEachDialect('two-factor authentication', (use) => {
  it('enrols with a code from the app, shows ten recovery codes once, and keeps only sealed or hashed secrets', async () => {
    const t = use();
    const user = await buildUser(t);
    const agent = await agentFor(t, user);
    assert.equal((await agent.post(`${PAGE}/start`)).status, 303);
    const page = await agent.get(PAGE);
    assert.equal(page.headers['cache-control'], 'no-store');
    const secret = page.dom.querySelector('section.card code')!.text.replace(/\s/g, '');
    assert.match(page.dom.querySelector('img.qr')!.getAttribute('src')!, /^data:image\/svg\+xml;base64,/);

    const wrong = await agent.post(`${PAGE}/confirm`, {
      code: '000000' === codeFor(t, secret) ? '111111' : '000000',
      password: PASSWORD,
    });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body, /That code is not valid/);
    // A stolen session cookie alone cannot put an attacker's app on the account.
    const noPassword = await agent.post(`${PAGE}/confirm`, { code: codeFor(t, secret), password: 'guess' });
    assert.equal(noPassword.status, 401);
    let row = await t.db.db
      .selectFrom('users')
      .select('two_factor_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.two_factor_at, null, 'a wrong code switches nothing on');

    const done = await agent.post(`${PAGE}/confirm`, { code: codeFor(t, secret), password: PASSWORD });
    assert.equal(done.status, 200);
    const codes = done.dom.querySelectorAll('.recovery-codes code').map((c) => c.text);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    row = await t.db.db
      .selectFrom('users')
      .select('two_factor_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.two_factor_at), t.clock.now());

    const stored = await t.db.db
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.ok(!stored.secret_sealed.includes(secret), 'the secret is sealed at rest');
    const hashes = await t.db.db
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    assert.equal(hashes.length, 10);
    for (const code of codes) assert.ok(!hashes.some((h) => h.code_hash.includes(code.replace('-', ''))));
    assert.deepEqual(await auditActions(t, user.id), ['auth.2fa.enable']);
    await t.drainJobs();
    assert.match(t.mail.last(user.email).text, /two-factor authentication on your account was switched on/);
    // Shown once: the page afterwards only counts them.
    const later = await agent.get(PAGE);
    assert.equal(later.dom.querySelectorAll('.recovery-codes code').length, 0);
    assert.match(later.body, /10 recovery codes left/);
  });

  it('asks for the second factor after the password, and starts no session until it is given', async () => {
    const t = use();
    const user = await buildUser(t);
    const { secret } = await enrol(t, user);
    const agent = new Agent(t.app);
    const first = await logInWithForm(agent, user.email);
    assert.equal(first.status, 303);
    assert.equal(first.location, STEP);
    assert.ok(!sessionCookieSet(first), 'no session after the password alone');
    assert.match((await agent.get('/profile')).location ?? '', /^\/login\?next=/);

    const step = await agent.get(STEP);
    assert.equal(step.status, 200);
    const wrong = await agent.post(STEP, { code: '12345' });
    assert.equal(wrong.status, 401);
    assert.ok(!sessionCookieSet(wrong));

    const code = codeFor(t, secret);
    const ok = await agent.post(STEP, { code });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/');
    assert.ok(sessionCookieSet(ok));
    assert.equal((await agent.get('/profile')).status, 200);

    // The same code cannot log in a second time (an observer who saw it typed).
    const thief = new Agent(t.app);
    await logInWithForm(thief, user.email);
    const replay = await thief.post(STEP, { code });
    assert.equal(replay.status, 401);
    assert.ok(!sessionCookieSet(replay));
  });

  it('accepts each recovery code once, and counts what is left', async () => {
    const t = use();
    const user = await buildUser(t);
    const { codes } = await enrol(t, user);
    const agent = new Agent(t.app);
    await logInWithForm(agent, user.email);
    assert.equal((await agent.post(STEP, { code: codes[3]!.toUpperCase() })).status, 303);
    assert.equal((await agent.get(PAGE)).body.includes('9 recovery codes left'), true);

    const again = new Agent(t.app);
    await logInWithForm(again, user.email);
    assert.equal((await again.post(STEP, { code: codes[3]! })).status, 401);
    assert.ok((await auditActions(t, user.id)).includes('auth.2fa.recoveryCodeUsed'));
  });

  it('ends a pending login after five wrong codes, then slows the account down; an expired one starts over', async () => {
    const t = use();
    const user = await buildUser(t);
    const { secret } = await enrol(t, user);
    const agent = new Agent(t.app);
    await logInWithForm(agent, user.email);
    // Five guesses fired at once take the five attempts atomically; none gets a sixth.
    const guesses = await Promise.all(Array.from({ length: 8 }, () => agent.post(STEP, { code: '000000' })));
    assert.deepEqual(guesses.map((g) => g.status).sort(), [303, 303, 303, 401, 401, 401, 401, 401]);
    const gone = await agent.post(STEP, { code: codeFor(t, secret) });
    assert.equal(gone.status, 303);
    assert.equal(gone.location, '/login');
    assert.ok(!sessionCookieSet(gone));

    // A new login with the right code is refused while the account is over its limit…
    await logInWithForm(agent, user.email);
    assert.equal((await agent.post(STEP, { code: codeFor(t, secret) })).status, 429);
    // …and works once the (growing) window has passed.
    t.clock.advance(31 * 60_000);
    await logInWithForm(agent, user.email);
    assert.equal((await agent.post(STEP, { code: codeFor(t, secret) })).status, 303);

    const slow = new Agent(t.app);
    t.clock.advance(60_000);
    await logInWithForm(slow, user.email);
    t.clock.advance(11 * 60_000);
    const expired = await slow.post(STEP, { code: codeFor(t, secret) });
    assert.equal(expired.location, '/login');
    assert.ok(!sessionCookieSet(expired));
  });

  it('switches off with a code (not without), and renews recovery codes so the old ones stop working', async () => {
    const t = use();
    const user = await buildUser(t);
    const { agent, secret, codes } = await enrol(t, user);
    await agent.get(PAGE);
    const renewed = await agent.post(`${PAGE}/recovery-codes`, { code: codeFor(t, secret) });
    assert.equal(renewed.status, 200);
    const fresh = renewed.dom.querySelectorAll('.recovery-codes code').map((c) => c.text);
    assert.equal(fresh.length, 10);
    assert.notDeepEqual(fresh, codes);
    t.clock.advance(30_000);

    assert.equal(
      (await agent.post(`${PAGE}/disable`, { code: codes[0]! })).status,
      401,
      'an old code is dead',
    );
    assert.equal((await agent.post(`${PAGE}/disable`, { code: '' })).status, 400);
    const off = await agent.post(`${PAGE}/disable`, { code: fresh[0]! });
    assert.equal(off.status, 303);
    const row = await t.db.db
      .selectFrom('users')
      .select('two_factor_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.two_factor_at, null);
    assert.equal(
      (await t.db.db.selectFrom('recovery_codes').select('id').where('user_id', '=', user.id).execute())
        .length,
      0,
    );
    const login = await logInWithForm(new Agent(t.app), user.email);
    assert.ok(sessionCookieSet(login), 'the password alone logs in again');
    assert.deepEqual(await auditActions(t, user.id), [
      'auth.2fa.enable',
      'auth.2fa.recoveryCodes',
      'auth.2fa.disable',
    ]);
  });

  it('makes 2FA mandatory for staff: nothing but enrolment until they have it; customers are not affected', async () => {
    const t = use();
    const admin = await buildUser(t, { role: 'admin' });
    await assert.rejects(requireForStaff(t, admin, true), /VALIDATION/, 'the admin must have 2FA first');
    const enrolled = await enrol(t, admin);
    await requireForStaff(t, { ...admin, two_factor_at: 1 }, true);

    const staff = await buildUser(t, { role: 'staff' });
    const agent = await agentFor(t, staff);
    const desk = await agent.get('/desk');
    assert.equal(desk.status, 303);
    assert.equal(desk.location, PAGE);
    const post = await agent.post('/profile', { displayName: 'Changed' });
    assert.equal(post.location, PAGE);
    const name = await t.db.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(name.display_name, 'Changed', 'nothing is written before enrolment');
    const page = await agent.get(PAGE);
    assert.equal(page.status, 200);
    assert.match(page.body, /requires two-factor authentication for staff/);

    const customer = await buildUser(t);
    assert.equal((await (await agentFor(t, customer)).get('/profile')).status, 200);
    assert.equal((await enrolled.agent.get('/desk')).status, 200);
    // An enrolled admin cannot switch it off while it is required.
    await enrolled.agent.get(PAGE);
    const refused = await enrolled.agent.post(`${PAGE}/disable`, { code: codeFor(t, enrolled.secret) });
    assert.equal(refused.status, 403);

    // Once the staff member enrols, the desk opens.
    const { agent: after } = await enrol(t, staff);
    assert.equal((await after.get('/desk')).status, 200);
  });

  it('lets an admin reset a lost 2FA (ending the sessions), audited; never their own, never an admin as staff', async () => {
    const t = use();
    const admin = await buildUser(t, { role: 'admin' });
    const manager = await buildUser(t, { role: 'staff', permissions: ['tickets', 'users'] });
    const staff = await buildUser(t, { role: 'staff' });
    const { agent: staffAgent } = await enrol(t, staff);
    await enrol(t, admin);

    const adminAgent = await agentFor(t, admin);
    await adminAgent.get(`/desk/users/${staff.id}`);
    const reset = await adminAgent.post(`/desk/users/${staff.id}/two-factor/reset`);
    assert.equal(reset.status, 303);
    const row = await t.db.db
      .selectFrom('users')
      .select('two_factor_at')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.two_factor_at, null);
    assert.match((await staffAgent.get('/desk')).location ?? '', /^\/login/, 'their sessions ended');
    assert.ok((await auditActions(t, staff.id)).includes('auth.2fa.reset'));

    const managerAgent = await agentFor(t, manager);
    await managerAgent.get('/desk');
    await managerAgent.post(`/desk/users/${admin.id}/two-factor/reset`);
    const self = await adminAgent.post(`/desk/users/${admin.id}/two-factor/reset`);
    assert.equal(self.status, 303);
    const adminRow = await t.db.db
      .selectFrom('users')
      .select('two_factor_at')
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(
      adminRow.two_factor_at,
      null,
      'neither the staff manager nor the admin themself reset it',
    );
  });

  it('writes staff logins to the audit trail with both factors; customer logins are not audited', async () => {
    const t = use();
    const staff = await buildUser(t, { role: 'staff' });
    const { secret } = await enrol(t, staff);
    const agent = new Agent(t.app);
    await logInWithForm(agent, staff.email);
    await agent.post(STEP, { code: codeFor(t, secret) });
    const entry = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('target_id', '=', String(staff.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(entry.data), { method: 'password', secondFactor: 'totp' });
    assert.equal(Number(entry.actor_id), staff.id);

    const customer = await buildUser(t);
    await logInWithForm(new Agent(t.app), customer.email);
    assert.deepEqual(await auditActions(t, customer.id), []);
  });
});
