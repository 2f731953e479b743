import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import nodemailer from 'nodemailer';
import { createApiTokenFor, type User } from '../../src/modules/accounts/index.ts';
import { ticketPath } from '../../src/modules/tickets/index.ts';
import type { OutgoingMail } from '../../src/platform/mail/transport.ts';
import { MULTIPART, multipartBody } from '../attachments/support.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { Agent, type Page } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket, generalCategoryId } from '../support/tickets.ts';
import { activeContent, hostileCorpus } from './support/hostile-corpus.ts';
import { assertInert, assertStoredVerbatim, judge } from './support/hostile-checks.ts';

const CORPUS = hostileCorpus();
const GUEST_EMAIL = 'hostile-guest@example.test';

describeEachDialect('hostile input in every text field', (use) => {
  let admin: User;
  let member: User;
  let desk: Agent;

  before(async () => {
    const t = use();
    admin = await buildUser(t, { role: 'admin', name: 'Admin Ada' });
    member = await buildUser(t, { name: 'Member Mia' });
    desk = await agentFor(t, admin);
  });

  it('finds active content in a page that has some, and none in a clean one', async () => {
    const clean = await desk.get('/desk');
    assert.deepEqual(activeContent(clean.body), []);
    const planted = clean.body.replace(
      '</main>',
      '<img src=x onerror=alert(1)><a href=" javascript:x">a</a></main>',
    );
    const found = activeContent(planted);
    assert.ok(
      found.some((f) => f.includes('onerror')),
      found.join('; '),
    );
    assert.ok(
      found.some((f) => f.includes('javascript')),
      found.join('; '),
    );
  });

  it('stores or clearly refuses each payload as a guest subject, body and name, and shows none of them active', async () => {
    const t = use();
    const category = String(await generalCategoryId(t));
    let stored = 0;
    for (const p of CORPUS) {
      const guest = new Agent(t.app);
      const form = {
        subject: p.value,
        body: p.value,
        name: p.value,
        email: GUEST_EMAIL,
        categoryId: category,
      };
      const res = await guest.submit('/tickets/new', '/tickets', form);
      if (judge(res, p, 'new guest ticket') === 'refused') continue;
      stored++;
      const row = await t.db.db
        .selectFrom('tickets')
        .select(['key', 'subject', 'issuer_name'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assertStoredVerbatim(row.subject, p, 'subject');
      assertStoredVerbatim(row.issuer_name, p, 'guest name');
      assertInert((await guest.get(ticketPath(row))).body, `portal ticket page with ${p.label}`);
      assertInert((await desk.get(`/desk/tickets/${row.key}`)).body, `desk ticket page with ${p.label}`);
    }
    assert.ok(stored > CORPUS.length / 2, `only ${stored} of ${CORPUS.length} stored`);
    for (const tab of ['', '?tab=closed'])
      assertInert((await desk.get(`/desk/tickets${tab}`)).body, `desk queue ${tab}`);
  });

  it('keeps every payload in replies as text and renders the thread inert for customer and staff', async () => {
    const t = use();
    const ticket = await buildTicket(t, { issuer: member, subject: 'Hostile replies' });
    const customer = await agentFor(t, member);
    for (const p of CORPUS) {
      const res = await customer.submit(ticketPath(ticket), `/tickets/${ticket.key}/replies`, {
        body: p.value,
      });
      judge(res, p, 'reply');
    }
    assertInert((await customer.get(ticketPath(ticket))).body, 'portal thread');
    assertInert((await desk.get(`/desk/tickets/${ticket.number}`)).body, 'desk thread');
  });

  it('stores or refuses each payload as a display name and shows it inert on the profile and in the desk', async () => {
    const t = use();
    const ticket = await buildTicket(t, { issuer: member, subject: 'Named by a payload' });
    const customer = await agentFor(t, member);
    for (const p of CORPUS) {
      const res = await customer.submit('/profile', '/profile', { displayName: p.value, locale: '' });
      if (judge(res, p, 'display name') === 'refused') continue;
      const row = await t.db.db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', member.id)
        .executeTakeFirstOrThrow();
      assertStoredVerbatim(row.display_name, p, 'display name');
      assertInert((await customer.get('/profile')).body, `profile with ${p.label}`);
      assertInert((await desk.get(`/desk/tickets/${ticket.number}`)).body, `desk ticket of ${p.label}`);
    }
    assertInert((await desk.get('/desk/customers')).body, 'customer list');
  });

  it('stores or refuses each payload as a category name and disclaimer and a status name', async () => {
    const t = use();
    for (const p of CORPUS) {
      const cat = await desk.submit('/desk/categories/new', '/desk/categories', {
        'names.en': p.value,
        'disclaimers.en': p.value,
      });
      judge(cat, p, 'category');
      const status = await desk.submit('/desk/statuses/new', '/desk/statuses', { 'names.en': p.value });
      judge(status, p, 'status');
    }
    const ticket = await buildTicket(t, { subject: 'Shows every label' });
    for (const page of ['/desk/categories', '/desk/statuses', `/desk/tickets/${ticket.number}`])
      assertInert((await desk.get(page)).body, page);
    assertInert((await new Agent(t.app).get('/tickets/new')).body, 'new ticket form with disclaimers');
  });

  it('keeps file names to one safe segment and shows them inert', async () => {
    const t = use();
    const ticket = await buildTicket(t, { issuer: member, subject: 'Hostile file names' });
    const customer = await agentFor(t, member);
    const ids: string[] = [];
    for (const p of CORPUS) {
      const res = await upload(customer, p.value);
      if (judge(res, p, 'upload') === 'refused') continue;
      const file = JSON.parse(res.body) as { id: string; name: string; url: string };
      assert.doesNotMatch(
        file.name,
        // eslint-disable-next-line no-control-regex -- control characters are what must not survive
        /[/\\\u0000-\u001f\u202a-\u202e\u2066-\u2069]/,
        `${p.label}: ${file.name}`,
      );
      const download = await customer.get(file.url);
      assert.equal(download.status, 200, `${p.label}: download`);
      assert.doesNotMatch(String(download.headers['content-disposition']), /[\r\n]/);
      ids.push(file.id);
    }
    for (let i = 0; i < ids.length; i += 10) {
      const reply = await customer.submit(ticketPath(ticket), `/tickets/${ticket.key}/replies`, {
        body: 'files',
        attachmentIds: ids.slice(i, i + 10),
      });
      assert.equal(reply.status, 303);
    }
    assertInert((await customer.get(ticketPath(ticket))).body, 'portal files');
    assertInert((await desk.get(`/desk/tickets/${ticket.number}`)).body, 'desk files');
  });

  it('stores or refuses each payload through the API and sends mail that stays inert', async () => {
    const t = use();
    const token = await createApiTokenFor(t.ctx(), member, 'hostile', 'write');
    const categoryId = await generalCategoryId(t);
    for (const p of CORPUS) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ subject: p.value, body: p.value, categoryId }),
      });
      const page = { status: res.statusCode, headers: res.headers, body: res.body } as Page;
      if (judge(page, p, 'API ticket') === 'stored') {
        const created = JSON.parse(res.body) as { subject: string };
        assertStoredVerbatim(created.subject, p, 'API subject');
      }
    }
    await t.drainJobs();
    assert.ok(t.mail.sent.length > 0, 'the guest tickets above sent mail');
    for (const mail of t.mail.sent) {
      // What would go over SMTP: nodemailer folds a line break in a header value into a space.
      const head = (await rawMime(mail)).split('\r\n\r\n')[0]!;
      assert.doesNotMatch(head, /^Injected-Header:/im, 'no header injection through a subject');
      assert.equal(head.match(/^Subject:/gim)?.length, 1);
      if (mail.html) assertInert(mail.html, `mail "${mail.subject.slice(0, 40)}"`);
    }
  });
});

const mime = nodemailer.createTransport({ streamTransport: true, buffer: true });

async function rawMime(mail: OutgoingMail): Promise<string> {
  const info = await mime.sendMail({ ...mail, to: mail.to });
  return (info.message as Buffer).toString();
}

function upload(agent: Agent, filename: string): Promise<Page> {
  return agent.request({
    method: 'POST',
    url: '/attachments',
    headers: { 'content-type': MULTIPART, 'x-csrf-token': agent.csrf ?? '', accept: 'application/json' },
    payload: multipartBody([{ name: 'files', filename, type: 'text/plain', data: Buffer.from('hostile\n') }]),
  });
}
