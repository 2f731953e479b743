import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { addInternalNote } from '../../src/modules/tickets/index.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { SHOTS, browserSkipReason, keepFailureArtifacts, launchBrowser, serve } from '../support/browser.ts';
import { PASSWORD, buildUser } from '../support/factories.ts';

const skip = browserSkipReason();

describe('the customer portal in a real browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    t = await buildTestApp('sqlite', { env: { CAPTCHA: 'on' } });
    base = await serve(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  keepFailureArtifacts(() => browser);

  async function logIn(page: Page, email: string) {
    await page.goto(`${base}/login`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', PASSWORD);
    await page.click('main button[type=submit]');
    await page.waitForURL(`${base}/`);
  }

  it('lets a guest open a ticket (captcha, draft kept over a reload) and follow it by its link; others get 404', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/tickets/new`);
    await page.fill('#f-name', 'Gwen Guest');
    await page.fill('#f-email', 'gwen@example.test');
    await page.fill('#f-subject', 'Cannot join my server');
    await page.fill('#f-body', 'It says **connection lost** after a minute.');
    await page.waitForTimeout(500);
    await page.reload();
    assert.equal(
      await page.inputValue('#f-body'),
      'It says **connection lost** after a minute.',
      'the draft survives a reload',
    );
    await page.fill('#f-name', 'Gwen Guest');
    await page.fill('#f-email', 'gwen@example.test');
    await page.fill('#f-subject', 'Cannot join my server');
    await page.focus('#f-subject');
    await page.waitForSelector('altcha-widget [data-state=verified]', { timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'portal-new-ticket.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(/\/tickets\?_csrf=/),
      page.click('form[action^="/tickets?"] button[type=submit]'),
    ]);
    const link = (await page.textContent('a.ticket-link'))!.trim();
    assert.match(link, /\/tickets\/[A-Za-z0-9_-]{24}\/cannot-join-my-server$/);
    assert.equal(
      await page.evaluate(() => localStorage.getItem('parley:draft:new-ticket')),
      null,
      'the draft is cleared after sending',
    );

    await page.goto(link.replace(t.config.publicUrl, base));
    assert.equal(await page.textContent('.ticket-head h1 span'), 'Cannot join my server');
    assert.equal(await page.textContent('.message-body strong'), 'connection lost');
    await page.screenshot({ path: path.join(SHOTS, 'portal-ticket.png'), fullPage: true });
    assert.deepEqual(errors, [], 'no script errors or CSP violations');

    const other = await browser.newContext();
    const stranger = await other.newPage();
    await stranger.goto(`${base}/tickets`);
    assert.equal(await stranger.textContent('h1'), 'Find my tickets');
    const key = link.split('/')[4]!;
    const res = await stranger.goto(
      link.replace(t.config.publicUrl, base).replace(
        key,
        key.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    );
    assert.equal(res?.status(), 404);
    await other.close();
    await context.close();
  });

  it('shows a member the Open and Closed tabs, hides a member ticket from others, and refuses replies once locked', async () => {
    const owner = await buildUser(t, { email: 'owner@example.test', name: 'Olga Owner' });
    await buildUser(t, { email: 'other@example.test' });
    const ownerCtx = await browser.newContext();
    const page = await ownerCtx.newPage();
    await logIn(page, 'owner@example.test');
    await page.goto(`${base}/tickets/new`);
    assert.equal(await page.$('#f-name'), null, 'members are known');
    await page.fill('#f-subject', 'Refund please');
    await page.fill('#f-body', 'Bought twice by mistake.');
    await Promise.all([
      page.waitForURL(/\/tickets\/[A-Za-z0-9_-]{24}\/refund-please$/),
      page.click('form[action^="/tickets?"] button[type=submit]'),
    ]);
    const ticketUrl = page.url();
    await page.goto(`${base}/tickets`);
    assert.deepEqual(await page.$$eval('.tab', (as) => as.map((a) => a.textContent)), ['Open', 'Closed']);
    assert.deepEqual(await page.$$eval('.ticket-subject', (s) => s.map((x) => x.textContent)), [
      'Refund please',
    ]);
    await page.screenshot({ path: path.join(SHOTS, 'portal-my-tickets.png'), fullPage: true });

    const otherCtx = await browser.newContext();
    const other = await otherCtx.newPage();
    await logIn(other, 'other@example.test');
    assert.equal((await other.goto(ticketUrl))?.status(), 404);
    await otherCtx.close();

    const key = ticketUrl.split('/')[4]!;
    const staff = await buildUser(t, { role: 'staff' });
    await addInternalNote(t.ctx(actorFromUser(staff)), key, { body: 'INTERNAL: check the payment provider' });
    await t.db.db.updateTable('tickets').set({ locked: 1 }).where('key', '=', key).execute();
    await page.goto(ticketUrl);
    assert.equal((await page.textContent('.locked-notice'))?.trim(), 'This ticket has been locked.');
    assert.equal(await page.$(`form[action="/tickets/${key}/replies"]`), null);
    assert.doesNotMatch((await page.content()) ?? '', /INTERNAL: check/);
    await ownerCtx.close();
    void owner;
  });
});
