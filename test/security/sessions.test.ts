import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createApiTokenFor, startSession, type User } from '../../src/modules/accounts/index.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import type { TestApp } from '../support/app.ts';
import { agentFor, buildUser, logInWithForm } from '../support/factories.ts';
import { Agent, type Page } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';

/** An agent with a real session of the user, and the raw cookie value a thief could copy. */
async function loggedIn(t: TestApp, user: User): Promise<{ agent: Agent; raw: string }> {
  const raw = await startSession(t.ctx(), user, { method: 'password', userAgent: 'sessions-test' });
  const agent = new Agent(t.app);
  agent.setCookie('parley_session', raw);
  await agent.get('/');
  return { agent, raw };
}

/** The session cookie a response sets. */
function sessionSetBy(page: Page): string | undefined {
  const lines = [page.headers['set-cookie'] ?? []].flat();
  return lines.map((l) => /^parley_session=([^;]*)/.exec(l)?.[1]).find((v) => v !== undefined);
}

/** A fresh agent that presents only the given session cookie, as a thief with a copy would. */
function replay(t: TestApp, raw: string): Agent {
  const thief = new Agent(t.app);
  thief.setCookie('parley_session', raw);
  return thief;
}

const LOGIN = /^\/login\?next=/;

describeEachDialect('sessions', (use) => {
  it('issues a new session id at login and ends the session that was open before', async () => {
    const t = use();
    const first = await buildUser(t);
    const second = await buildUser(t);
    const { agent, raw: before } = await loggedIn(t, first);
    const login = await logInWithForm(agent, second.email);
    assert.equal(login.status, 303);
    const after = sessionSetBy(login);
    assert.ok(after && after !== before, 'a new session id');
    assert.match((await replay(t, before).get('/profile')).location ?? '', LOGIN, 'the old session is gone');
    assert.equal((await agent.get('/profile')).status, 200);
  });

  it('replaces a planted session cookie at login instead of adopting it', async () => {
    const t = use();
    const user = await buildUser(t);
    const agent = new Agent(t.app);
    agent.setCookie('parley_session', 'planted-by-an-attacker-0123456789');
    const login = await logInWithForm(agent, user.email);
    const now = sessionSetBy(login);
    assert.ok(now && now !== 'planted-by-an-attacker-0123456789');
    assert.match(
      (await replay(t, 'planted-by-an-attacker-0123456789').get('/profile')).location ?? '',
      LOGIN,
    );
  });

  it('ends every session of a user whose role or permissions an admin changes', async () => {
    const t = use();
    const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
    const staff = await buildUser(t, { role: 'staff' });
    const staffAgent = await agentFor(t, staff);
    const token = await createApiTokenFor(t.ctx(), staff, 'script', 'write');
    assert.equal((await staffAgent.get('/desk')).status, 200);
    const res = await admin.submit(`/desk/users/${staff.id}`, `/desk/users/${staff.id}/access`, {
      role: 'staff',
      permissions: ['categories'],
    });
    assert.equal(res.status, 303);
    assert.match(
      (await staffAgent.get('/desk')).location ?? '',
      LOGIN,
      'the old session ended with the change',
    );
    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.statusCode, 200, 'tokens stay, and carry the rights the account has now');
    const unchanged = await agentFor(t, staff);
    await admin.submit(`/desk/users/${staff.id}`, `/desk/users/${staff.id}/access`, {
      role: 'staff',
      permissions: ['categories'],
    });
    assert.equal((await unchanged.get('/desk')).status, 200, 'saving the same rights ends nothing');
  });

  it('ends the session on the server at logout, so a copied cookie stops working', async () => {
    const t = use();
    const user = await buildUser(t);
    const { agent, raw } = await loggedIn(t, user);
    assert.equal((await replay(t, raw).get('/profile')).status, 200, 'the copy works while logged in');
    await agent.get('/');
    assert.equal((await agent.post('/logout')).status, 303);
    assert.match((await replay(t, raw).get('/profile')).location ?? '', LOGIN);
    const row = await t.db.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', sha256(raw))
      .executeTakeFirst();
    assert.equal(row, undefined, 'the session row is deleted');
  });

  it('"log out other sessions" ends the others on the server and keeps this one', async () => {
    const t = use();
    const user = await buildUser(t);
    const here = await agentFor(t, user);
    const { raw: elsewhere } = await loggedIn(t, user);
    await here.get('/profile');
    assert.equal((await here.post('/profile/sessions/end-others')).status, 303);
    assert.equal((await here.get('/profile')).status, 200, 'this session goes on');
    assert.match((await replay(t, elsewhere).get('/profile')).location ?? '', LOGIN);
  });

  it('stores only a hash of the session id, and expires a session after 30 idle days', async () => {
    const t = use();
    const user = await buildUser(t);
    const { agent, raw } = await loggedIn(t, user);
    const rows = await t.db.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    assert.ok(rows.every((r) => r.id !== raw));
    assert.ok(rows.some((r) => r.id === sha256(raw)));
    t.clock.advance(31 * 24 * 3600_000);
    assert.match((await agent.get('/profile')).location ?? '', LOGIN);
  });
});
