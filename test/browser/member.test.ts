import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { updateTicketAsStaff } from '../../src/modules/tickets/index.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { SHOTS, browserSkipReason, keepFailureArtifacts, launchBrowser, serve } from '../support/browser.ts';
import { buildUser } from '../support/factories.ts';
import { buildTicket } from '../support/tickets.ts';

const skip = browserSkipReason();

describe('a member from registration to an answered ticket, in a real browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser | undefined;
  let base: string;

  before(async () => {
    t = await buildTestApp('sqlite');
    base = await serve(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  keepFailureArtifacts(() => browser);

  it('registers, verifies through the mailed link, opens a ticket and sees the staff reply as unread in My tickets', async () => {
    // An earlier guest ticket with the same address joins the account once the address is confirmed.
    await buildTicket(t, {
      subject: 'Asked as a guest',
      guest: { name: 'Mara', email: 'mara@example.test' },
    });
    const context = await browser!.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    await page.goto(`${base}/register`);
    await page.fill('#f-displayName', 'Mara Member');
    await page.fill('#f-email', 'mara@example.test');
    await page.fill('#f-password', 'mara has a long password');
    await page.click('main button[type=submit]');
    assert.match((await page.textContent('h1')) ?? '', /Check your inbox/);

    assert.ok((await t.drainJobs()) >= 1, 'the verification mail leaves through the outbox');
    const link = t.mail.link('mara@example.test', '/verify?token=');
    await page.goto(link.replace(t.config.publicUrl, base));
    assert.match((await page.textContent('h1')) ?? '', /Email confirmed/);

    await page.goto(`${base}/login`);
    await page.fill('#f-email', 'mara@example.test');
    await page.fill('#f-password', 'mara has a long password');
    await Promise.all([page.waitForURL(`${base}/`), page.click('main button[type=submit]')]);
    assert.match((await page.textContent('.topnav')) ?? '', /Mara Member/);

    await page.goto(`${base}/tickets/new`);
    await page.fill('#f-subject', 'My backups stopped');
    await page.fill('#f-body', 'The nightly backup has not run since **Monday**.');
    await Promise.all([
      page.waitForURL(/\/tickets\/[A-Za-z0-9_-]{24}\/my-backups-stopped$/),
      page.click('form[action^="/tickets?"] button[type=submit]'),
    ]);
    assert.equal(await page.textContent('.message-body strong'), 'Monday');
    const key = page.url().split('/')[4]!;

    await page.goto(`${base}/tickets`);
    assert.deepEqual(await page.$$eval('.ticket-subject', (s) => s.map((x) => x.textContent)), [
      'My backups stopped',
      'Asked as a guest',
    ]);
    const unreadSubjects = () =>
      page.$$eval('.ticket-row.unread .ticket-subject', (s) => s.map((x) => x.textContent));
    assert.deepEqual(await unreadSubjects(), ['Asked as a guest'], 'her own new ticket is read');

    const staff = await buildUser(t, { role: 'staff', name: 'Sam Staff' });
    t.clock.advance(60_000);
    await updateTicketAsStaff(t.ctx(actorFromUser(staff)), key, {
      message: { body: 'We restarted the backup service.', internal: false },
      changes: {},
    });
    await page.reload();
    assert.deepEqual(await unreadSubjects(), ['My backups stopped', 'Asked as a guest']);
    const unread = page.locator('.ticket-row.unread').first();
    assert.equal(await unread.locator('.unread-dot .visually-hidden').textContent(), 'New activity');
    await page.screenshot({ path: path.join(SHOTS, 'member-unread.png'), fullPage: true });

    await Promise.all([page.waitForURL(new RegExp(`/tickets/${key}/`)), unread.locator('a').click()]);
    assert.match((await page.textContent('.timeline-message.role-staff')) ?? '', /restarted the backup/);
    await page.goto(`${base}/tickets`);
    assert.deepEqual(await unreadSubjects(), ['Asked as a guest'], 'read once opened');
    assert.deepEqual(errors, [], 'no script errors or CSP violations');
    await context.close();
  });
});
