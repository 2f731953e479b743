import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { createCategory } from '../../src/modules/taxonomy/index.ts';
import { ticketPath, updateTicketAsStaff, type Ticket } from '../../src/modules/tickets/index.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  SHOTS,
  browserSkipReason,
  keepFailureArtifacts,
  launchBrowser,
  serve,
  signIn,
} from '../support/browser.ts';
import { buildUser } from '../support/factories.ts';
import { buildTicket } from '../support/tickets.ts';

const skip = browserSkipReason();

/** Pastes a PNG into the reply textarea the way a browser does for a copied screenshot. */
async function pasteScreenshot(page: Page): Promise<void> {
  const png = await sharp({ create: { width: 80, height: 40, channels: 3, background: '#c0392b' } })
    .png()
    .toBuffer();
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
    document
      .querySelector('#f-body')!
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}

describe('an agent at work in the desk, in a real browser', { skip }, () => {
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

  async function scene() {
    const admin = await buildUser(t, { role: 'admin' });
    const agent = await buildUser(t, { role: 'staff', name: 'Sam Staff' });
    const customer = await buildUser(t, { name: 'Cora Customer' });
    const billing = await createCategory(t.ctx(actorFromUser(admin)), { names: { en: 'Billing' } });
    await buildTicket(t, { issuer: customer, subject: 'Crash on start' });
    const tickets: Ticket[] = [];
    for (const subject of ['Refund for order 1001', 'Invoice PDF is blank']) {
      t.clock.advance(60_000);
      const ticket = await buildTicket(t, { issuer: customer, subject });
      await updateTicketAsStaff(t.ctx(actorFromUser(admin)), ticket.key, {
        changes: { categoryId: billing.id, ...(subject.startsWith('Invoice') ? { priority: 1 } : {}) },
      });
      tickets.push(ticket);
    }
    return { agent, customer, target: tickets[1]! };
  }

  it('filters the queue, pastes a screenshot into a reply, gets the draft back after a reload and sends it', async () => {
    const { agent, customer, target } = await scene();
    const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 } });
    await signIn(context, t, base, agent);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    await page.goto(`${base}/desk/tickets?tab=all`);
    assert.equal(await page.locator('.queue tbody tr').count(), 3);
    await page.click('.filters-panel summary');
    await page.selectOption('#q-category', { label: 'Billing' });
    await page.selectOption('#q-priority', { label: 'Important' });
    await Promise.all([page.waitForURL(/priority=1/), page.click('.queue-filters button[type=submit]')]);
    assert.deepEqual(await page.$$eval('.queue-subject', (a) => a.map((x) => x.textContent)), [
      'Invoice PDF is blank',
    ]);
    assert.equal(await page.inputValue('#q-priority'), '1', 'the filters stay as chosen');
    await Promise.all([
      page.waitForURL(`${base}/desk/tickets/${target.number}`),
      page.click('.queue-subject'),
    ]);

    await page.fill('#f-body', 'Thanks! This is what the PDF looks like here: ');
    await page.focus('#f-body');
    await page.keyboard.press('End');
    await pasteScreenshot(page);
    await page.waitForFunction(() =>
      /!\[screenshot\.png\]\(\/attachments\/[\w-]{22}\/screenshot\.png\)/.test(
        (document.querySelector('#f-body') as HTMLTextAreaElement).value,
      ),
    );
    await page.keyboard.type('\nCould you send yours?');
    const draftKey = `parley:draft:desk-reply-${target.number}`;
    await page.waitForFunction((k) => localStorage.getItem(k)?.endsWith('yours?'), draftKey);
    const typed = await page.inputValue('#f-body');
    const id = /\/attachments\/([\w-]{22})\//.exec(typed)![1]!;

    await page.reload();
    assert.equal(await page.inputValue('#f-body'), typed, 'the draft, image included, is back');
    assert.equal(
      await page.locator(`input[name=attachmentIds][value="${id}"]:checked`).count(),
      1,
      'the pasted file is still attached',
    );
    await page.screenshot({ path: path.join(SHOTS, 'desk-draft-restored.png'), fullPage: true });

    await page.selectOption('#r-statusId', { label: 'In progress' });
    await Promise.all([
      page.waitForURL(`${base}/desk/tickets/${target.number}`),
      page.click('button[value=respond]'),
    ]);
    assert.match((await page.textContent('[role=status]')) ?? '', /response was sent/);
    const reply = page.locator('.timeline-message.role-staff').last();
    assert.equal(
      await reply.locator('.message-body img').getAttribute('src'),
      `/attachments/${id}/screenshot.png`,
    );
    assert.match((await page.textContent('.ticket-head')) ?? '', /In progress/);
    const left = await page.evaluate(
      (k) => [localStorage.getItem(k), localStorage.getItem(k.replace('draft:', 'draft-files:'))],
      draftKey,
    );
    assert.deepEqual(left, [null, null], 'the draft and its files are forgotten once sent');
    assert.deepEqual(errors, [], 'no script errors or CSP violations');

    const customerCtx = await browser!.newContext();
    await signIn(customerCtx, t, base, customer);
    const cust = await customerCtx.newPage();
    await cust.goto(`${base}${ticketPath(target)}`);
    const image = await cust.evaluate(async (src) => {
      const res = await fetch(src);
      return [res.status, res.headers.get('content-type')];
    }, `/attachments/${id}/screenshot.png`);
    assert.deepEqual(image, [200, 'image/png'], 'the customer sees the screenshot');
    await customerCtx.close();
    await context.close();
  });
});
