import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import { updateTicketAsStaff, type Ticket } from '../../src/modules/tickets/index.ts';
import type { TestApp } from '../support/app.ts';
import { Agent } from '../support/http.ts';
import { agentFor } from '../support/factories.ts';
import { buildTicket, generalCategoryId } from '../support/tickets.ts';
import { buildCustomer, buildStaff } from './helpers.ts';
import { describeWithSmtp, type SmtpSink } from './support.ts';

function unsubscribePath(sink: SmtpSink, address: string): string {
  const header = sink.last(address).headers.get('list-unsubscribe')!;
  return new URL(/^<(.+)>$/.exec(header)![1]!).pathname;
}

async function staffAnswers(t: TestApp, staff: User, ticket: Ticket, body = 'An answer.') {
  await updateTicketAsStaff(t.ctx(actorFromUser(staff)), String(ticket.number), {
    message: { body, internal: false },
    changes: {},
  });
  await t.drainJobs();
}

/** The one-click POST of RFC 8058 as a mail provider sends it: no cookie, no CSRF token. */
function oneClick(t: TestApp, path: string) {
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
}

describeWithSmtp('unsubscribing and notification settings', (use) => {
  it('unsubscribes a member in one click, without logging in, and lets them undo it on the page', async () => {
    const { t, sink } = use();
    const staff = await buildStaff(t, { follow: false });
    const member = await buildCustomer(t, { email: 'olga@example.test' });
    const ticket = await buildTicket(t, { issuer: member });
    await t.drainJobs();
    await staffAnswers(t, staff, ticket);
    const path = unsubscribePath(sink, member.email);

    const stranger = new Agent(t.app);
    const ask = await stranger.get(path);
    assert.equal(ask.status, 200);
    assert.match(ask.dom.querySelector('h1')!.text, /Unsubscribe/);
    assert.match(ask.body, /Staff answer/);
    assert.match(ask.body, /olga@example\.test/);
    assert.ok(ask.dom.querySelector(`form[action="${path}"] button`), 'asks before acting');

    const res = await oneClick(t, path);
    assert.equal(res.statusCode, 200);
    const count = sink.to(member.email).length;
    await staffAnswers(t, staff, ticket);
    assert.equal(sink.to(member.email).length, count, 'no more staff answers');

    const page = await stranger.post(path);
    const undo = page.dom.querySelector(`form[action="${path}/resubscribe"]`);
    assert.ok(undo);
    assert.equal((await stranger.post(`${path}/resubscribe`)).status, 200);
    await staffAnswers(t, staff, ticket);
    assert.equal(sink.to(member.email).length, count + 1, 'answers come again');
  });

  it('unsubscribes a guest by address', async () => {
    const { t, sink } = use();
    await buildTicket(t, { guest: { name: 'Gil', email: 'gil@example.test' } });
    await t.drainJobs();
    const path = unsubscribePath(sink, 'gil@example.test');
    assert.equal((await oneClick(t, path)).statusCode, 200);
    const row = await t.db.db
      .selectFrom('notification_addresses')
      .selectAll()
      .where('email', '=', 'gil@example.test')
      .executeTakeFirstOrThrow();
    assert.equal(row.created, 0);
    assert.equal(row.staff_reply, 1, 'only that kind of mail stops');
    const before = sink.to('gil@example.test').length;
    await buildTicket(t, { guest: { name: 'Gil', email: 'gil@example.test' } });
    await t.drainJobs();
    assert.equal(sink.to('gil@example.test').length, before);
  });

  it('stops a follower’s mails for the category of the link', async () => {
    const { t, sink } = use();
    const follower = await buildStaff(t, { email: 'flo@example.test' });
    await buildTicket(t);
    await t.drainJobs();
    assert.equal((await oneClick(t, unsubscribePath(sink, follower.email))).statusCode, 200);
    const follows = await t.db.db
      .selectFrom('notification_categories')
      .select('category_id')
      .where('user_id', '=', follower.id)
      .execute();
    assert.deepEqual(follows, []);
  });

  it('refuses a forged or damaged link, and still wants a CSRF token everywhere else', async () => {
    const { t, sink } = use();
    const path = unsubscribePath(sink, 'gil@example.test');
    const forged = `${path.slice(0, -3)}AAA`;
    assert.equal((await new Agent(t.app).get(forged)).status, 410);
    assert.equal((await oneClick(t, forged)).statusCode, 410);
    assert.equal((await oneClick(t, `${path}/resubscribe`)).statusCode, 403);
  });

  it('lets a customer choose their mails on a page linked from the profile', async () => {
    const { t } = use();
    const member = await buildCustomer(t, { email: 'pia@example.test' });
    const agent = await agentFor(t, member);
    const profile = await agent.get('/profile');
    assert.ok(profile.dom.querySelector('a[href="/profile/notifications"]'));
    const page = await agent.get('/profile/notifications');
    assert.ok(page.dom.querySelector('input[name="staffReply"][checked]'));
    assert.equal(page.dom.querySelector('input[name="digest"]'), null, 'the staff choices are for staff');
    const saved = await agent.post('/profile/notifications', { created: 'on' });
    assert.equal(saved.status, 303);
    const again = await agent.get('/profile/notifications');
    assert.equal(again.dom.querySelector('input[name="staffReply"][checked]'), null);
    assert.ok(again.dom.querySelector('input[name="created"][checked]'));
    assert.equal((await new Agent(t.app).get('/profile/notifications')).status, 303, 'log in first');
  });

  it('lets staff choose categories, replies, assignments and the digest hour', async () => {
    const { t } = use();
    const staff = await buildStaff(t, { email: 'sam@example.test', follow: false });
    const agent = await agentFor(t, staff);
    const general = String(await generalCategoryId(t));
    const page = await agent.get('/profile/notifications');
    assert.ok(page.dom.querySelector(`input[name="categoryIds"][value="${general}"]`));
    assert.match(page.body, /Time zone: UTC/);
    await agent.post('/profile/notifications', {
      customerReply: 'on',
      digest: 'on',
      digestHour: '6',
      categoryIds: [general, '999999'],
    });
    const prefs = await t.db.db
      .selectFrom('notification_prefs')
      .selectAll()
      .where('user_id', '=', staff.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [prefs.customer_reply, prefs.assignment, prefs.digest, prefs.digest_hour, prefs.staff_reply],
      [1, 0, 1, 6, 0],
    );
    const follows = await t.db.db
      .selectFrom('notification_categories')
      .select('category_id')
      .where('user_id', '=', staff.id)
      .execute();
    assert.deepEqual(
      follows.map((f) => String(f.category_id)),
      [general],
      'unknown categories are dropped',
    );
    const bad = await agent.post('/profile/notifications', { digestHour: '25' });
    assert.equal(bad.status, 400);
  });
});
