import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { actorFromUser, createApiTokenFor } from '../../src/modules/accounts/index.ts';
import { createInboundToken } from '../../src/modules/inbound/index.ts';
import { ticketPath } from '../../src/modules/tickets/index.ts';
import { randomToken } from '../../src/platform/crypto.ts';
import { Throttle } from '../../src/platform/throttle.ts';
import type { TestApp } from '../support/app.ts';
import { PASSWORD, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket } from '../support/tickets.ts';
import { fetchCsrf, type Csrf } from './support/matrix-client.ts';

const MIN = 60_000;

describe('growing throttle windows', () => {
  it('doubles the wait each time a key uses up its window, up to the cap', () => {
    const th = new Throttle(2, 10 * MIN, 40 * MIN);
    let now = 0;
    const exhaust = () => {
      assert.equal(th.hit('k', now), true);
      assert.equal(th.hit('k', now), true);
      assert.equal(th.isBlocked('k', now), true);
      return th.retryAfterMs('k', now);
    };
    assert.equal(exhaust(), 10 * MIN);
    now += 10 * MIN;
    assert.equal(exhaust(), 20 * MIN, 'second window twice as long');
    now += 20 * MIN;
    assert.equal(exhaust(), 40 * MIN);
    now += 40 * MIN;
    assert.equal(exhaust(), 40 * MIN, 'capped');
  });

  it('starts over after a quiet window', () => {
    const th = new Throttle(2, 10 * MIN);
    th.hit('k', 0);
    th.hit('k', 0);
    assert.equal(th.hit('k', 10 * MIN), true, 'a new window after the first');
    assert.equal(th.retryAfterMs('k', 10 * MIN), 0);
    th.hit('k', 10 * MIN);
    // Ended at the limit, then nothing for a whole (doubled) window: no strike is kept.
    th.hit('k', 70 * MIN);
    th.hit('k', 70 * MIN);
    assert.equal(th.retryAfterMs('k', 70 * MIN), 10 * MIN);
  });
});

/** Posts a browser form from the given address, with a valid CSRF token. */
function postForm(t: TestApp, csrf: Csrf, url: string, fields: Record<string, string>, ip: string) {
  return t.app.inject({
    method: 'POST',
    url,
    remoteAddress: ip,
    headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
  });
}

describeEachDialect('brute-force limits', (use) => {
  let csrf: Csrf;
  before(async () => {
    csrf = await fetchCsrf(use());
  });

  it('makes password guessing on one account wait longer each round, even with the right password', async () => {
    const t = use();
    const user = await buildUser(t);
    const guess = (password: string, ip = '192.0.2.10') =>
      postForm(t, csrf, '/login', { email: user.email, password }, ip);
    for (let i = 0; i < 5; i++) assert.equal((await guess(`wrong ${i}`)).statusCode, 401);
    assert.equal((await guess(PASSWORD)).statusCode, 429);
    assert.equal((await guess(PASSWORD, '192.0.2.11')).statusCode, 429, 'per account, whatever the address');
    t.clock.advance(15 * MIN);
    for (let i = 0; i < 5; i++) assert.equal((await guess(`again ${i}`)).statusCode, 401);
    t.clock.advance(16 * MIN);
    assert.equal((await guess(PASSWORD)).statusCode, 429, 'the second round waits 30 minutes');
    t.clock.advance(15 * MIN);
    assert.equal((await guess(PASSWORD)).statusCode, 303);
  });

  it('limits login attempts per address across accounts', async () => {
    const t = use();
    const ip = '192.0.2.20';
    for (let i = 0; i < 20; i++) {
      const res = await postForm(t, csrf, '/login', { email: `nobody${i}@example.test`, password: 'x' }, ip);
      assert.equal(res.statusCode, 401);
    }
    const user = await buildUser(t);
    const res = await postForm(t, csrf, '/login', { email: user.email, password: PASSWORD }, ip);
    assert.equal(res.statusCode, 429);
  });

  it('limits password-reset requests per address', async () => {
    const t = use();
    const ip = '192.0.2.30';
    for (let i = 0; i < 10; i++)
      assert.equal((await postForm(t, csrf, '/reset', { email: `r${i}@example.test` }, ip)).statusCode, 200);
    assert.equal((await postForm(t, csrf, '/reset', { email: 'r@example.test' }, ip)).statusCode, 429);
    assert.equal(
      (await postForm(t, csrf, '/reset', { email: 'r@example.test' }, '192.0.2.31')).statusCode,
      200,
    );
  });

  it('limits "find my tickets" per address', async () => {
    const t = use();
    const ip = '192.0.2.40';
    for (let i = 0; i < 10; i++)
      assert.equal(
        (await postForm(t, csrf, '/tickets/find', { email: `f${i}@example.test` }, ip)).statusCode,
        200,
      );
    assert.equal((await postForm(t, csrf, '/tickets/find', { email: 'f@example.test' }, ip)).statusCode, 429);
  });

  it('stops a client guessing ticket keys, with a Retry-After that grows, and spares everyone else', async () => {
    const t = use();
    const ticket = await buildTicket(t, { subject: 'Guess me' });
    const ip = '192.0.2.50';
    const look = (path: string, from = ip) => t.app.inject({ url: path, remoteAddress: from });
    for (let i = 0; i < 30; i++) assert.equal((await look(`/tickets/${randomToken(18)}/x`)).statusCode, 404);
    const blocked = await look(ticketPath(ticket));
    assert.equal(blocked.statusCode, 429, 'even the right key waits, so the answer tells nothing');
    assert.equal(blocked.headers['retry-after'], String(15 * 60));
    assert.equal(
      (await look(ticketPath(ticket), '192.0.2.51')).statusCode,
      200,
      'another client is not affected',
    );
    t.clock.advance(15 * MIN);
    assert.equal((await look(ticketPath(ticket))).statusCode, 200);
    for (let i = 0; i < 30; i++) await look(`/tickets/${randomToken(18)}`);
    assert.equal((await look(ticketPath(ticket))).headers['retry-after'], String(30 * 60), 'twice as long');
  });

  it('limits captcha challenges per address', async () => {
    const t = use();
    const ip = '192.0.2.60';
    for (let i = 0; i < 30; i++)
      assert.equal((await t.app.inject({ url: '/captcha/challenge', remoteAddress: ip })).statusCode, 200);
    const res = await t.app.inject({ url: '/captcha/challenge', remoteAddress: ip });
    assert.equal(res.statusCode, 429);
    assert.ok(Number(res.headers['retry-after']) > 0);
  });

  it('refuses a client that keeps sending invalid API tokens, before looking its tokens up', async () => {
    const t = use();
    const user = await buildUser(t);
    const good = await createApiTokenFor(t.ctx(), user, 'script', 'read');
    const ip = '192.0.2.70';
    const me = (token: string, from = ip) =>
      t.app.inject({ url: '/api/v1/me', remoteAddress: from, headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 20; i++) assert.equal((await me(`prl_${randomToken(32)}`)).statusCode, 401);
    const blocked = await me(good);
    assert.equal(blocked.statusCode, 429, 'a valid token waits too while its client is blocked');
    assert.equal(blocked.json().error.code, 'RATE_LIMITED');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal((await me(good, '192.0.2.71')).statusCode, 200, 'other clients go on');
  });

  it('refuses a client that keeps pushing mail with invalid inbound tokens, and stores none of it', async () => {
    const t = use();
    const admin = await buildUser(t, { role: 'admin' });
    const good = await createInboundToken(t.ctx(actorFromUser(admin)), 'mx');
    const ip = '192.0.2.80';
    const push = (token: string, from = ip) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/inbound/email',
        remoteAddress: from,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' },
        payload:
          'From: a@example.test\r\nTo: s@example.test\r\nSubject: Hi\r\nMessage-ID: <x@example.test>\r\n\r\nHello\r\n',
      });
    for (let i = 0; i < 20; i++) assert.equal((await push(`guess${i}`)).statusCode, 401);
    const blocked = await push(good);
    assert.equal(blocked.statusCode, 429, 'a valid token waits too while its client is blocked');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal((await t.db.db.selectFrom('inbound_mails').select('id').execute()).length, 0);
    assert.equal((await push(good, '192.0.2.81')).statusCode, 202, 'other clients go on');
  });
});
