import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'node-html-parser';
import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import { updateUser } from '../../src/modules/accounts/user.repo.ts';
import { getSiteSettings, updateSiteSettings } from '../../src/modules/settings/index.ts';
import { saveSsoSettings, ssoLoginOption, type SsoSettingsInput } from '../../src/modules/sso/index.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { emptyForm } from '../../src/web/ui/Form.tsx';
import type { View } from '../../src/web/ui/view.ts';
import { LoginPage } from '../../src/web/portal/auth.pages.tsx';
import { ssoLoginLink } from '../../src/web/portal/sso.routes.tsx';
import type { TestApp } from '../support/app.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { Agent, type Page } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import { TestIdp } from './support/oidc-idp.ts';

const CLIENT_SECRET = 'idp-client-secret-never-shown-7f3a9c';
const idp = new TestIdp({
  clientId: 'parley-desk',
  clientSecret: CLIENT_SECRET,
  redirectUri: 'http://parley.test/login/sso/callback',
});

before(() => idp.start());
after(() => idp.close());

/** Everything a login needs, as the admin would save it. */
function settings(overrides: Partial<SsoSettingsInput> = {}): SsoSettingsInput {
  return {
    enabled: true,
    issuer: idp.issuer,
    clientId: idp.client.clientId,
    clientSecret: '',
    buttonLabel: 'Acme ID',
    createAccounts: false,
    ...overrides,
  };
}

interface SsoRun {
  agent: Agent;
  /** The answer of the callback. */
  page: Page;
  callback: URL;
}

/** A browser logs in through the provider as `subject`, from /login/sso to Parley's callback. */
async function logInThroughProvider(t: TestApp, subject: string, next?: string): Promise<SsoRun> {
  const agent = await agentFor(t);
  const start = await agent.get(next ? `/login/sso?next=${encodeURIComponent(next)}` : '/login/sso');
  assert.equal(start.status, 303, start.body);
  assert.ok(start.location?.startsWith(`${idp.issuer}/`), `sent to the provider, not ${start.location}`);
  const callback = await idp.logIn(start.location ?? '', subject);
  const page = await agent.get(callback.pathname + callback.search);
  return { agent, page, callback };
}

function sessionCookieSet(page: Page): boolean {
  return [page.headers['set-cookie'] ?? []].flat().some((c) => c.startsWith('parley_session='));
}

/** Not logged in: the profile sends the browser to the login page. */
async function assertNoSession(agent: Agent): Promise<void> {
  const profile = await agent.get('/profile');
  assert.equal(profile.status, 303);
  assert.match(profile.location ?? '', /^\/login\?next=/);
}

async function countRows(t: TestApp, table: 'oidc_identities' | 'oidc_logins'): Promise<number> {
  const row = await t.db.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditRows(t: TestApp, action: string) {
  return t.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}

describeEachDialect('single sign-on through OpenID Connect', (use) => {
  let admin: User;

  before(async () => {
    const t = use();
    admin = await buildUser(t, { role: 'admin', email: 'sso-admin@example.test' });
    const desk = await agentFor(t, admin);
    await desk.get('/desk/settings/sso');
    const saved = await desk.post('/desk/settings/sso', {
      shown: '1',
      enabled: 'on',
      issuer: idp.issuer,
      clientId: idp.client.clientId,
      clientSecret: CLIENT_SECRET,
      buttonLabel: 'Acme ID',
    });
    assert.equal(saved.status, 303, saved.body);
  });

  async function saveAsAdmin(input: SsoSettingsInput): Promise<void> {
    await saveSsoSettings(use().ctx(actorFromUser(admin)), input);
  }

  it('keeps the settings to admins, seals the client secret and never shows it again', async () => {
    const t = use();
    const customer = await agentFor(t, await buildUser(t));
    assert.equal((await customer.get('/desk/settings/sso')).status, 404, 'customers: the desk 404');
    const settingsStaff = await agentFor(t, await buildUser(t, { role: 'staff', permissions: ['settings'] }));
    assert.equal((await settingsStaff.get('/desk/settings/sso')).status, 403, 'staff with `settings`: 403');
    const staffPost = await settingsStaff.post('/desk/settings/sso', {
      shown: '1',
      issuer: 'https://evil.test',
    });
    assert.equal(staffPost.status, 403);

    const rows = await t.db.db.selectFrom('settings').select(['key', 'value']).execute();
    assert.ok(!rows.some((r) => r.value.includes(CLIENT_SECRET)), 'the raw secret is nowhere in the table');
    const sealed = rows.find((r) => r.key === 'oidc_client_secret');
    assert.match(sealed?.value ?? '', /^"v1:[A-Za-z0-9_-]+"$/);
    assert.equal(rows.find((r) => r.key === 'oidc_issuer')?.value, JSON.stringify(idp.issuer));

    const desk = await agentFor(t, admin);
    const page = await desk.get('/desk/settings/sso');
    assert.equal(page.status, 200);
    assert.ok(!page.body.includes(CLIENT_SECRET), 'the form never gets the secret back');
    assert.equal(page.dom.querySelector('input[name="clientSecret"]')?.getAttribute('value'), undefined);
    assert.match(page.dom.querySelector('#f-clientSecret-hint')?.text ?? '', /leave this empty to keep it/i);
    assert.equal(page.dom.querySelector('input[name="issuer"]')?.getAttribute('value'), idp.issuer);
    assert.ok(page.body.includes('http://parley.test/login/sso/callback'), 'shows the redirect URI');
    const settingsPage = await desk.get('/desk/settings');
    assert.ok(settingsPage.dom.querySelector('a[href="/desk/settings/sso"]'), 'linked from the settings');

    const refused = await desk.post('/desk/settings/sso', {
      shown: '1',
      enabled: 'on',
      issuer: 'http://idp.example.test',
      clientId: 'x',
      clientSecret: 'a-new-secret-typed-in',
    });
    assert.equal(refused.status, 400, 'plain http only on loopback');
    assert.ok(refused.dom.querySelector('#f-issuer-error'));
    assert.ok(!refused.body.includes('a-new-secret-typed-in'), 'a refused form does not echo the secret');
    assert.equal(refused.dom.querySelector('input[name="clientId"]')?.getAttribute('value'), 'x');

    const audit = await auditRows(t, 'sso.settings.update');
    assert.equal(audit.length, 1, 'the saved change is audited, the refused ones are not');
    assert.equal(audit[0]!.actor_id, admin.id);
    assert.ok(!audit[0]!.data.includes(CLIENT_SECRET), 'no secret in the audit data');
    const data = JSON.parse(audit[0]!.data) as Record<string, unknown>;
    assert.equal(data.clientSecret, 'changed');
    assert.deepEqual(data.enabled, { from: false, to: true });

    // Saving without a secret keeps the one saved.
    await saveAsAdmin(settings({ buttonLabel: 'Acme ID' }));
    const after = await t.db.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'oidc_client_secret')
      .executeTakeFirstOrThrow();
    assert.equal(after.value, sealed!.value);
  });

  it('links an existing verified account at its first login and starts a session', async () => {
    const t = use();
    const staff = await buildUser(t, { role: 'staff', email: 'alice@example.test', name: 'Alice' });
    idp.accounts.set('alice-sub', { email: 'Alice@Example.TEST', email_verified: true, name: 'Alice A.' });
    const { agent, page } = await logInThroughProvider(t, 'alice-sub');
    assert.equal(page.status, 303, page.body);
    assert.equal(page.location, '/desk', 'staff land on the desk');
    assert.ok(sessionCookieSet(page));
    assert.equal((await agent.get('/desk')).status, 200, 'the session works');

    const identity = await t.db.db
      .selectFrom('oidc_identities')
      .selectAll()
      .where('subject', '=', 'alice-sub')
      .executeTakeFirstOrThrow();
    assert.equal(identity.user_id, staff.id);
    assert.equal(identity.issuer, idp.issuer);
    assert.equal(identity.email, 'alice@example.test');
    const links = await auditRows(t, 'sso.link');
    assert.equal(links.length, 1);
    assert.equal(links[0]!.actor_id, staff.id);
    assert.equal(links[0]!.target_id, String(staff.id));
    assert.equal(JSON.parse(links[0]!.data).created, false);
    assert.equal(await countRows(t, 'oidc_logins'), 0, 'the in-flight login is gone once used');
  });

  it('logs the same provider account in by its subject after its address changed there', async () => {
    const t = use();
    idp.accounts.set('alice-sub', { email: 'alice@new-employer.test', email_verified: true });
    t.clock.advance(60_000);
    const { agent, page } = await logInThroughProvider(t, 'alice-sub', '/profile');
    assert.equal(page.status, 303, page.body);
    assert.equal(page.location, '/profile', 'back to where the login started');
    const profile = await agent.get('/profile');
    assert.equal(profile.status, 200);
    assert.ok(profile.body.includes('alice@example.test'), 'the Parley address stays as it was');

    const identities = await t.db.db.selectFrom('oidc_identities').selectAll().execute();
    assert.equal(identities.length, 1, 'no second link');
    assert.equal(identities[0]!.email, 'alice@new-employer.test', 'the reported address is recorded');
    assert.equal(identities[0]!.last_login_at, t.clock.now());
    assert.equal((await auditRows(t, 'sso.link')).length, 1);
  });

  it('refuses an address the provider does not say is verified', async () => {
    const t = use();
    await buildUser(t, { email: 'bob@example.test' });
    for (const [subject, verified] of [
      ['bob-unverified', false],
      ['bob-string', 'true'],
      ['bob-missing', undefined],
    ] as const) {
      idp.accounts.set(subject, { email: 'bob@example.test', email_verified: verified });
      const { agent, page } = await logInThroughProvider(t, subject);
      assert.equal(page.status, 403, `${subject}: ${page.body.slice(0, 200)}`);
      assert.match(
        page.dom.querySelector('main')?.text ?? '',
        /did not confirm that your email address is verified/,
      );
      assert.ok(!sessionCookieSet(page));
      await assertNoSession(agent);
    }
    assert.equal(await countRows(t, 'oidc_identities'), 1, 'nothing linked');
  });

  it('links only an account whose address Parley has verified too', async () => {
    const t = use();
    const squatter = await buildUser(t, { email: 'carol@example.test' });
    await updateUser(t.db.db, squatter.id, { email_verified_at: null });
    idp.accounts.set('carol-sub', { email: 'carol@example.test', email_verified: true });
    const { agent, page } = await logInThroughProvider(t, 'carol-sub');
    assert.equal(page.status, 403);
    assert.match(page.body, /has not been confirmed yet/);
    await assertNoSession(agent);
    assert.equal(await countRows(t, 'oidc_identities'), 1);
  });

  it('refuses an unknown address unless account creation is on, and then creates a verified customer', async () => {
    const t = use();
    idp.accounts.set('dave-sub', { email: 'dave@example.test', email_verified: true, name: 'Dave D.' });
    const findDave = () =>
      t.db.db.selectFrom('users').selectAll().where('email', '=', 'dave@example.test').executeTakeFirst();

    const off = await logInThroughProvider(t, 'dave-sub');
    assert.equal(off.page.status, 403);
    assert.match(off.page.body, /There is no account with this email address/);
    assert.equal(await findDave(), undefined);

    await saveAsAdmin(settings({ createAccounts: true }));
    const site = await getSiteSettings(t.ctx());
    await updateSiteSettings(t.ctx(actorFromUser(admin)), { ...site, registration: 'closed' });
    const closed = await logInThroughProvider(t, 'dave-sub');
    assert.equal(closed.page.status, 403, 'closed registration wins');
    assert.equal(await findDave(), undefined);
    await updateSiteSettings(t.ctx(actorFromUser(admin)), { ...site, registration: 'open' });

    const on = await logInThroughProvider(t, 'dave-sub');
    assert.equal(on.page.status, 303, on.page.body);
    assert.equal(on.page.location, '/', 'customers land on the portal');
    assert.equal((await on.agent.get('/profile')).status, 200);
    const dave = await findDave();
    assert.ok(dave);
    assert.equal(dave.role, 'customer');
    assert.equal(dave.display_name, 'Dave D.');
    assert.notEqual(dave.email_verified_at, null);
    assert.equal(dave.password_hash, null);
    const link = (await auditRows(t, 'sso.link')).at(-1)!;
    assert.equal(link.target_id, String(dave.id));
    assert.equal(JSON.parse(link.data).created, true);
    await saveAsAdmin(settings({ createAccounts: false }));
  });

  it('refuses a disabled account, linked or not', async () => {
    const t = use();
    const erin = await buildUser(t, { email: 'erin@example.test' });
    idp.accounts.set('erin-sub', { email: 'erin@example.test', email_verified: true });
    assert.equal((await logInThroughProvider(t, 'erin-sub')).page.status, 303);
    await updateUser(t.db.db, erin.id, { disabled_at: t.clock.now() });
    const linked = await logInThroughProvider(t, 'erin-sub');
    assert.equal(linked.page.status, 403);
    assert.match(linked.page.body, /This account has been disabled/);
    await assertNoSession(linked.agent);

    const frank = await buildUser(t, { email: 'frank@example.test' });
    await updateUser(t.db.db, frank.id, { disabled_at: t.clock.now() });
    idp.accounts.set('frank-sub', { email: 'frank@example.test', email_verified: true });
    const unlinked = await logInThroughProvider(t, 'frank-sub');
    assert.equal(unlinked.page.status, 403);
    assert.equal(
      await t.db.db
        .selectFrom('oidc_identities')
        .select('id')
        .where('user_id', '=', frank.id)
        .executeTakeFirst(),
      undefined,
      'a disabled account is not linked',
    );
  });

  it('refuses a forged, foreign, replayed or expired state with 400 and no session', async () => {
    const t = use();
    await buildUser(t, { email: 'gina@example.test' });
    idp.accounts.set('gina-sub', { email: 'gina@example.test', email_verified: true });

    // Someone else's callback URL (login CSRF): this browser never started that login.
    const victim = await agentFor(t);
    const attacker = await agentFor(t);
    const started = await attacker.get('/login/sso');
    const callback = await idp.logIn(started.location!, 'gina-sub');
    const foreign = await victim.get(callback.pathname + callback.search);
    assert.equal(foreign.status, 400);
    assert.match(foreign.body, /invalid, expired or was already used/);
    assert.ok(!sessionCookieSet(foreign));
    await assertNoSession(victim);

    // A state that is not the one the browser holds.
    const forgedUrl = new URL(callback);
    forgedUrl.searchParams.set('state', 'forged-state');
    const forged = await attacker.get(forgedUrl.pathname + forgedUrl.search);
    assert.equal(forged.status, 400);
    assert.ok(!sessionCookieSet(forged));

    // Replayed: the first use works, the second does not, even with the state cookie put back.
    const first = await logInThroughProvider(t, 'gina-sub');
    assert.equal(first.page.status, 303);
    const replayer = await agentFor(t);
    replayer.setCookie('parley_sso', first.callback.searchParams.get('state')!);
    const replay = await replayer.get(first.callback.pathname + first.callback.search);
    assert.equal(replay.status, 400);
    assert.ok(!sessionCookieSet(replay));
    await assertNoSession(replayer);

    // Expired: ten minutes at the provider is the limit; starting another login clears old ones.
    const slow = await agentFor(t);
    const slowStart = await slow.get('/login/sso');
    const slowCallback = await idp.logIn(slowStart.location!, 'gina-sub');
    t.clock.advance(10 * 60_000 + 1);
    const late = await slow.get(slowCallback.pathname + slowCallback.search);
    assert.equal(late.status, 400);
    await assertNoSession(slow);
    assert.ok((await countRows(t, 'oidc_logins')) >= 1, "the victim's and the attacker's logins are left");
    await (await agentFor(t)).get('/login/sso');
    assert.equal(await countRows(t, 'oidc_logins'), 1, 'expired logins are purged when one starts');

    // The provider refused (the person cancelled): 400 with a page, not an error.
    const cancel = await agentFor(t);
    const cancelStart = await cancel.get('/login/sso');
    const state = new URL(cancelStart.location!).searchParams.get('state')!;
    const cancelled = await cancel.get(`/login/sso/callback?error=access_denied&state=${state}`);
    assert.equal(cancelled.status, 400);
    assert.match(cancelled.body, /did not complete the login/);
    assert.ok(!cancelled.body.includes('access_denied'), "the provider's error stays in the log");
    await assertNoSession(cancel);
  });

  it('offers "Log in with …" on the login page only while single sign-on is on', async () => {
    const t = use();
    const link = await ssoLoginLink(t.deps, '/tickets');
    assert.deepEqual(link, { label: 'Acme ID', href: '/login/sso?next=%2Ftickets' });
    const v: View = {
      t: translator('en'),
      locale: 'en',
      siteName: 'Parley',
      locales: ['en', 'de'],
      csrf: 'token',
      theme: 'system',
      path: '/login',
      requestId: 'test',
      assetVersion: 'test',
      cspNonce: '',
    };
    const withSso = parse(await LoginPage({ v, form: emptyForm, next: '/tickets', sso: link }));
    const anchor = withSso.querySelector('a[href="/login/sso?next=%2Ftickets"]');
    assert.equal(anchor?.text.trim(), 'Log in with Acme ID');
    const withoutSso = parse(await LoginPage({ v, form: emptyForm, next: '' }));
    assert.equal(withoutSso.querySelector('a[href^="/login/sso"]'), null);

    await saveAsAdmin(settings({ enabled: false }));
    assert.equal(await ssoLoginOption(t.ctx()), undefined);
    await saveAsAdmin(settings({ buttonLabel: '' }));
    const unlabelled = await ssoLoginLink(t.deps, '');
    const page = parse(await LoginPage({ v, form: emptyForm, next: '', sso: unlabelled }));
    assert.equal(page.querySelector('a[href="/login/sso"]')?.text.trim(), 'Log in with single sign-on');
    await saveAsAdmin(settings());
  });

  it('answers with a page, never a 500, when single sign-on is off or the provider is down', async () => {
    const t = use();
    await saveAsAdmin(settings({ enabled: false }));
    const agent = await agentFor(t);
    const start = await agent.get('/login/sso');
    assert.equal(start.status, 403);
    assert.match(start.body, /Single sign-on is not available/);
    assert.equal((await agent.get('/login/sso/callback?code=x&state=y')).status, 403);

    await saveAsAdmin(settings({ issuer: 'http://127.0.0.1:1' }));
    const down = await agent.get('/login/sso');
    assert.equal(down.status, 502);
    assert.match(down.body, /cannot be reached/);
    await saveAsAdmin(settings());
    assert.equal((await agent.get('/login/sso')).status, 303);
  });
});

describe('single sign-on texts', () => {
  it('has the same keys in English and German', () => {
    const keys = (lang: string) =>
      Object.keys(JSON.parse(readFileSync(`locales/${lang}.sso.json`, 'utf8')) as object).sort();
    assert.deepEqual(keys('de'), keys('en'));
    assert.ok(keys('en').length > 20);
  });
});
