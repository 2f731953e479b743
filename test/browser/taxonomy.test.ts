import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { startSession } from '../../src/modules/accounts/index.ts';
import { createStatus, type StatusDetail } from '../../src/modules/taxonomy/index.ts';
import { ticketPath, type Ticket } from '../../src/modules/tickets/index.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { SHOTS, browserSkipReason, keepFailureArtifacts, launchBrowser, serve } from '../support/browser.ts';
import { buildUser } from '../support/factories.ts';
import { buildTicket } from '../support/tickets.ts';
import { adminCtx } from '../taxonomy/support.ts';

const skip = browserSkipReason();

describe('label colours in a real browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let status: StatusDetail;
  let ticket: Ticket;

  before(async () => {
    t = await buildTestApp('sqlite');
    base = await serve(t);
    browser = await launchBrowser();
    const { ctx } = await adminCtx(t);
    status = await createStatus(ctx, {
      names: { en: 'Escalated', de: 'Eskaliert' },
      colors: {
        light: { background: '#fde68a', text: '#111111' },
        dark: { background: '#451a03', text: '#fef3c7' },
      },
    });
    ticket = await buildTicket(t, { subject: 'Crash on start' });
    await t.db.db.updateTable('tickets').set({ status_id: status.id }).where('id', '=', ticket.id).execute();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  keepFailureArtifacts(() => browser);

  /** The label's computed background and text colour on the ticket page. */
  async function labelColours(context: BrowserContext) {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}${ticketPath(ticket)}`);
    const read = (selector: string) =>
      page.$eval(selector, (el) => {
        const s = getComputedStyle(el);
        return [s.backgroundColor, s.color];
      });
    const result = {
      status: await read(`.ticket-head .label.status-${status.id}`),
      priority: await read('.ticket-head .label.priority-0'),
      page,
    };
    assert.deepEqual(errors, [], 'no CSP violations');
    return result;
  }

  it('paints a status label with its dark-scheme colours when the system is dark', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const { status: colours, priority, page } = await labelColours(context);
    assert.deepEqual(colours, ['rgb(69, 26, 3)', 'rgb(254, 243, 199)']);
    assert.deepEqual(
      priority,
      ['rgb(114, 114, 114)', 'rgb(255, 255, 255)'],
      'priorities come from the database too',
    );
    await page.screenshot({ path: path.join(SHOTS, 'taxonomy-dark-labels.png') });
    await context.close();
  });

  it('uses the light colours in a light system, and the chosen theme over the system', async () => {
    const light = await browser.newContext({ colorScheme: 'light' });
    assert.deepEqual((await labelColours(light)).status, ['rgb(253, 230, 138)', 'rgb(17, 17, 17)']);
    await light.close();
    const forcedLight = await browser.newContext({ colorScheme: 'dark' });
    await forcedLight.addCookies([{ name: 'parley_theme', value: 'light', url: base }]);
    assert.deepEqual((await labelColours(forcedLight)).status, ['rgb(253, 230, 138)', 'rgb(17, 17, 17)']);
    await forcedLight.close();
    const forcedDark = await browser.newContext({ colorScheme: 'light' });
    await forcedDark.addCookies([{ name: 'parley_theme', value: 'dark', url: base }]);
    assert.deepEqual((await labelColours(forcedDark)).status, ['rgb(69, 26, 3)', 'rgb(254, 243, 199)']);
    await forcedDark.close();
  });

  it('previews a colour change live in both schemes without inline styles, and follows the contrast', async () => {
    const admin = await buildUser(t, { role: 'admin' });
    const context = await browser.newContext({ colorScheme: 'light' });
    await context.addCookies([
      {
        name: 'parley_session',
        value: await startSession(t.ctx(), admin, { method: 'password', userAgent: 'browser' }),
        url: base,
      },
    ]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/desk/statuses/${status.id}`);
    const darkLabel = `.label-scheme-dark .label.status-${status.id}`;
    const background = (selector: string) =>
      page.$eval(selector, (el) => getComputedStyle(el).backgroundColor);
    assert.equal(await background(darkLabel), 'rgb(69, 26, 3)', 'the dark preview in a light desk');
    await page.fill('#f-colors-dark-background', '#00ff00');
    assert.equal(await background(darkLabel), 'rgb(0, 255, 0)');
    assert.match((await page.textContent('[data-contrast="dark"]')) ?? '', /below 4\.5:1.*black/);
    await page.click('[data-use-suggestion="dark"]');
    assert.equal(await page.inputValue('#f-colors-dark-text'), '#000000');
    assert.match((await page.textContent('[data-contrast="dark"]')) ?? '', /easy to read/);
    assert.equal(await page.$eval(darkLabel, (el) => getComputedStyle(el).color), 'rgb(0, 0, 0)');
    await page.screenshot({ path: path.join(SHOTS, 'taxonomy-status-form.png'), fullPage: true });
    await page.goto(`${base}/desk/statuses`);
    await page.screenshot({ path: path.join(SHOTS, 'taxonomy-statuses.png'), fullPage: true });
    await page.goto(`${base}/desk/categories/${ticket.category_id}`);
    await page.screenshot({ path: path.join(SHOTS, 'taxonomy-category-form.png'), fullPage: true });
    assert.deepEqual(errors, [], 'no script errors or CSP violations');
    await context.close();
  });
});
