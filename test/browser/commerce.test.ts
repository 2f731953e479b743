import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { inspectInvoice } from '../../src/modules/commerce/index.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { SHOTS, browserSkipReason, keepFailureArtifacts, launchBrowser, serve } from '../support/browser.ts';
import { PASSWORD, buildUser } from '../support/factories.ts';
import { buildTicket } from '../support/tickets.ts';
import { buildInvoice, ticketNotes } from '../commerce/fixtures.ts';

const skip = browserSkipReason();

describe('commerce panels in a real browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
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

  async function logIn(page: Page, email: string) {
    await page.goto(`${base}/login`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/login')),
      page.click('main button[type=submit]'),
    ]);
  }

  async function scene(email: string) {
    const staff = await buildUser(t, {
      role: 'staff',
      email,
      name: 'Sam Support',
      permissions: ['commerce', 'refunds'],
    });
    const customer = await buildUser(t, { name: 'Zoë Łukasiewicz' });
    const ticket = await buildTicket(t, { issuer: customer, subject: 'Please refund me' });
    const invoice = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email, name: customer.display_name },
      { unitPrice: 5000, title: 'Pro licence' },
    );
    return { staff, customer, ticket, invoice };
  }

  it('opens the invoice in a dialog, refunds, and shows the ticket history line without leaving the page', async () => {
    const { customer, ticket, invoice } = await scene('sam@example.test');
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await logIn(page, 'sam@example.test');
    await page.goto(`${base}/desk/commerce/preview?customer=user:${customer.id}&ticket=${ticket.number}`);
    const url = page.url();
    const row = page.locator(`[data-invoice="${invoice.id}"]`);
    await row.getByRole('link', { name: 'Inspect' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    assert.equal(await dialog.locator('h2').textContent(), `Invoice #${invoice.number}`);
    assert.match((await dialog.locator('.invoice-items').textContent()) ?? '', /Parley Pro.*€50\.00/s);
    await page.screenshot({ path: path.join(SHOTS, 'commerce-invoice-dialog.png') });

    await dialog.getByRole('link', { name: 'Refund' }).click();
    await page.locator('dialog[open] #f-amount').waitFor();
    assert.equal(await page.inputValue('dialog[open] #f-amount'), '50.00');
    await page.fill('dialog[open] #f-amount', '20.00');
    await page.screenshot({ path: path.join(SHOTS, 'commerce-refund-dialog.png') });
    await page.locator('dialog[open] button[type=submit].button-danger').click();
    await page
      .locator('.commerce-notice', { hasText: `Invoice #${invoice.number} refunded €20.00.` })
      .waitFor();
    assert.equal(await page.locator('dialog[open]').count(), 0, 'the dialog closed');
    assert.match((await row.textContent()) ?? '', /Partially refunded/);
    await page
      .locator('#preview-history li', { hasText: `Invoice #${invoice.number} refunded €20.00` })
      .waitFor();
    await page.click('.commerce-tabs [data-tab=expired]');
    await page.locator('.commerce-tabs [data-tab=expired][aria-current=page]').waitFor();
    assert.equal(page.url(), url, 'never left the page');
    await page.screenshot({ path: path.join(SHOTS, 'commerce-after-refund.png'), fullPage: true });

    const en = translator('en');
    assert.deepEqual(
      (await ticketNotes(t, ticket.id)).map((n) => en.t(n.key, n.values)),
      [`Invoice #${invoice.number} refunded €20.00`],
    );
    assert.equal((await inspectInvoice(t.ctx(), invoice.id)).invoice.refunded_minor, 2000);
    assert.deepEqual(errors, [], 'no script errors or CSP violations');
    await context.close();
  });

  it('works without JavaScript: the refund is a page flow that returns to the ticket', async () => {
    const { customer, ticket, invoice } = await scene('nojs@example.test');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, 'nojs@example.test');
    await page.goto(`${base}/desk/commerce/preview?customer=user:${customer.id}&ticket=${ticket.number}`);
    const row = page.locator(`[data-invoice="${invoice.id}"]`);
    await row.locator('summary').click();
    await row.getByRole('link', { name: 'Refund' }).click();
    await page.waitForURL(/\/desk\/invoices\/\d+\/refund/);
    await page.fill('#f-amount', '5');
    await Promise.all([
      page.waitForURL(`${base}/desk/tickets/${ticket.number}`),
      page.click('main form button[type=submit].button-danger'),
    ]);
    assert.equal((await inspectInvoice(t.ctx(), invoice.id)).invoice.refunded_minor, 500);
    await context.close();
  });
});
