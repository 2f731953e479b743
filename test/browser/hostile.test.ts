import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import { createCategory, createStatus } from '../../src/modules/taxonomy/index.ts';
import { openTicket, replyToTicket, ticketPath, type Ticket } from '../../src/modules/tickets/index.ts';
import { anonymous } from '../../src/platform/context.ts';
import { MULTIPART, multipartBody } from '../attachments/support.ts';
import { hostileCorpus, type Payload } from '../security/support/hostile-corpus.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { browserSkipReason, keepFailureArtifacts, launchBrowser, serve, signIn } from '../support/browser.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { buildTicket, generalCategoryId } from '../support/tickets.ts';

const skip = browserSkipReason();
/** The payloads a browser could be fooled by; SQL and traversal strings are only text to it. */
const PAYLOADS = hostileCorpus().filter((p) => p.kind === 'xss' || p.kind === 'unicode');

/** Stores the payload wherever it fits (a refused value is the hostile-input test's business). */
async function attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch {
    return undefined;
  }
}

/** One guest ticket per payload (subject, body and name), under payload-named categories and statuses. */
async function storePayloads(t: TestApp, admin: User, member: User) {
  const ctx = t.ctx(actorFromUser(admin));
  const general = await generalCategoryId(t);
  const tickets: Ticket[] = [];
  for (const p of PAYLOADS) {
    const category = await attempt(() =>
      createCategory(ctx, { names: { en: p.value }, disclaimers: { en: p.value } }),
    );
    const status = await attempt(() => createStatus(ctx, { names: { en: p.value } }));
    const ticket = await attempt(() =>
      openTicket(t.ctx(anonymous), {
        subject: p.value,
        body: p.value,
        categoryId: category?.id ?? general,
        guest: { name: p.value.length <= 80 ? p.value : 'Guest', email: 'guest@example.test' },
        source: 'web',
      }),
    );
    if (!ticket) continue;
    if (status)
      await t.db.db
        .updateTable('tickets')
        .set({ status_id: status.id })
        .where('id', '=', ticket.id)
        .execute();
    tickets.push(ticket);
  }
  const thread = await buildTicket(t, { issuer: member, subject: 'Every payload as a reply' });
  const memberCtx = t.ctx(actorFromUser(member));
  for (const p of PAYLOADS) await attempt(() => replyToTicket(memberCtx, thread.key, { body: p.value }));
  await attachHostileFiles(t, member, thread, PAYLOADS);
  return { tickets, thread };
}

/** Files named by the payloads, uploaded and posted on the thread through the real routes. */
async function attachHostileFiles(t: TestApp, member: User, thread: Ticket, payloads: Payload[]) {
  const agent = await agentFor(t, member);
  const ids: string[] = [];
  for (const p of payloads) {
    const res = await agent.request({
      method: 'POST',
      url: '/attachments',
      headers: { 'content-type': MULTIPART, 'x-csrf-token': agent.csrf ?? '', accept: 'application/json' },
      payload: multipartBody([
        { name: 'files', filename: p.value, type: 'text/plain', data: Buffer.from('x\n') },
      ]),
    });
    if (res.status === 201) ids.push((JSON.parse(res.body) as { id: string }).id);
  }
  await agent.get(ticketPath(thread));
  for (let i = 0; i < ids.length; i += 10)
    await agent.post(`/tickets/${thread.key}/replies`, {
      body: 'files',
      attachmentIds: ids.slice(i, i + 10),
    });
}

/**
 * Opens each page and reports anything a payload made happen: a dialog, a script error, a console
 * error (a CSP violation is one), a request to another host, or an event-handler attribute in the
 * DOM the browser actually built.
 */
async function visit(context: BrowserContext, base: string, paths: string[]): Promise<string[]> {
  const page: Page = await context.newPage();
  const fired: string[] = [];
  let at = '';
  page.on('dialog', (d) => {
    fired.push(`${at}: dialog "${d.message()}"`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => fired.push(`${at}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && fired.push(`${at}: console ${m.text()}`));
  page.on(
    'request',
    (r) =>
      !r.url().startsWith(base) && !r.url().startsWith('blob:') && fired.push(`${at}: request ${r.url()}`),
  );
  for (const path of paths) {
    at = path;
    const res = await page.goto(`${base}${path}`);
    assert.ok(res && res.status() < 400, `${path}: ${res?.status()}`);
    const handlers = await page.$$eval('*', (els) =>
      els.flatMap((el) =>
        el
          .getAttributeNames()
          .filter((n) => n.toLowerCase().startsWith('on'))
          .map((n) => `${el.tagName}[${n}]`),
      ),
    );
    for (const h of handlers) fired.push(`${path}: ${h}`);
  }
  await page.close();
  return fired;
}

describe('hostile payloads in a real browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: User;
  let member: User;
  let stored: Awaited<ReturnType<typeof storePayloads>>;

  before(async () => {
    t = await buildTestApp('sqlite');
    admin = await buildUser(t, { role: 'admin', name: 'Admin Ada' });
    member = await buildUser(t, { name: "<img src=x onerror=alert('member-name')>" });
    stored = await storePayloads(t, admin, member);
    base = await serve(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  keepFailureArtifacts(() => browser);

  it('stored enough payloads to mean something', () => {
    assert.ok(
      stored.tickets.length > PAYLOADS.length * 0.8,
      `${stored.tickets.length} of ${PAYLOADS.length}`,
    );
  });

  it('notices a payload that does run (or that only the CSP stopped)', async () => {
    // A page that renders payloads unescaped, served under the app's own CSP.
    const csp = String((await t.app.inject({ url: '/' })).headers['content-security-policy']);
    const context = await browser.newContext();
    await context.route(`${base}/test/unsafe`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        headers: { 'content-security-policy': csp },
        body: '<!doctype html><title>x</title><img src=/nothing onerror=alert(1)><script>alert(2)</script>',
      }),
    );
    const fired = await visit(context, base, ['/test/unsafe']);
    assert.ok(
      fired.some((f) => f.includes('IMG[onerror]')),
      fired.join('\n'),
    );
    assert.ok(
      fired.some((f) => f.includes('console')),
      fired.join('\n'),
    );
  });

  it('runs no payload on the portal ticket pages, the thread with files, or the new-ticket form', async () => {
    const guest = await browser.newContext();
    const paths = ['/tickets/new', ...stored.tickets.map(ticketPath)];
    assert.deepEqual(await visit(guest, base, paths), []);
    const customer = await browser.newContext();
    await signIn(customer, t, base, member);
    assert.deepEqual(await visit(customer, base, [ticketPath(stored.thread), '/tickets', '/profile']), []);
  });

  it('runs no payload on the desk queue, ticket pages, customers and taxonomy pages', async () => {
    const desk = await browser.newContext();
    await signIn(desk, t, base, admin);
    const paths = [
      '/desk/tickets',
      '/desk/tickets?tab=all',
      `/desk/tickets/${stored.thread.number}`,
      ...stored.tickets.map((tk) => `/desk/tickets/${tk.number}`),
      '/desk/customers',
      '/desk/categories',
      '/desk/statuses',
    ];
    assert.deepEqual(await visit(desk, base, paths), []);
  });
});
