import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { SHOTS, browserSkipReason, keepFailureArtifacts, launchBrowser, serve } from '../support/browser.ts';
import { PASSWORD, buildUser } from '../support/factories.ts';

const skip = browserSkipReason();

describe('guest and agent with JavaScript turned off, in a real browser', { skip }, () => {
  let t: TestApp;
  let browser: Browser | undefined;
  let base: string;

  before(async () => {
    // The proof-of-work captcha needs JavaScript; a site that wants script-free guests turns it off.
    t = await buildTestApp('sqlite', { env: { CAPTCHA: 'off' } });
    base = await serve(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  keepFailureArtifacts(() => browser);

  /** Submits with the named button and waits for the page the server answers with. */
  async function press(page: Page, selector: string) {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }

  it('a guest opens a ticket with a file, an agent answers, notes and updates it, and the guest replies', async () => {
    await buildUser(t, { email: 'sam@example.test', name: 'Sam Staff', role: 'staff' });
    const guestCtx = await browser!.newContext({ javaScriptEnabled: false });
    const agentCtx = await browser!.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1400, height: 1000 },
    });
    const guest = await guestCtx.newPage();
    const agent = await agentCtx.newPage();

    await guest.goto(`${base}/tickets/new`);
    assert.equal(await guest.isVisible('altcha-widget'), false, 'no captcha to solve');
    assert.equal(await guest.isVisible('.md-toolbar'), false, 'the script-only toolbar stays hidden');
    await guest.fill('#f-name', 'Gus Guest');
    await guest.fill('#f-email', 'gus@example.test');
    await guest.fill('#f-subject', 'Server will not start');
    await guest.fill('#f-body', 'It stops with **exit code 3**. Log attached.');
    await guest.setInputFiles('#f-files', {
      name: 'server.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('fatal: port 25565 in use\n'),
    });
    await press(guest, 'form[action^="/tickets?"] button[type=submit]');
    const link = (await guest.textContent('a.ticket-link'))!.trim().replace(t.config.publicUrl, base);
    await guest.goto(link);
    assert.equal(await guest.textContent('.message-body strong'), 'exit code 3');
    assert.match((await guest.textContent('.attachment-list')) ?? '', /server\.log/);
    const number = Number((await guest.textContent('.ticket-number'))!.replace('#', ''));

    await agent.goto(`${base}/login`);
    await agent.fill('#f-email', 'sam@example.test');
    await agent.fill('#f-password', PASSWORD);
    await press(agent, 'main button[type=submit]');
    await agent.goto(`${base}/desk/tickets?tab=new`);
    await press(agent, `a[href="/desk/tickets/${number}"]`);
    await agent.fill('#f-body', 'Another program holds the port. Please close it and try again.');
    await agent.selectOption('#r-statusId', { label: 'In progress' });
    await press(agent, 'button[value=respond]');
    assert.match((await agent.textContent('[role=status]')) ?? '', /response was sent/);
    await agent.fill('#f-body', 'Internal: third report of this today.');
    await press(agent, 'button[value=note]');
    await agent.selectOption('#r-priority', { label: 'Important' });
    await press(agent, 'button[value=update]');
    assert.equal(await agent.locator('.timeline-message.internal').count(), 1);
    assert.match((await agent.textContent('.ticket-head')) ?? '', /Important/);
    await agent.screenshot({ path: path.join(SHOTS, 'nojs-desk-ticket.png'), fullPage: true });

    await guest.reload();
    assert.match((await guest.textContent('.timeline-message.role-staff')) ?? '', /holds the port/);
    assert.match((await guest.textContent('.ticket-head')) ?? '', /In progress/);
    assert.doesNotMatch(await guest.content(), /third report/, 'internal notes stay internal');
    t.clock.advance(60_000);
    await guest.fill('#f-body', 'Closed it, works now. Thank you!');
    await press(guest, `form[action^="/tickets/"] button[type=submit]`);
    assert.match((await guest.textContent('.timeline')) ?? '', /works now/);
    await guest.screenshot({ path: path.join(SHOTS, 'nojs-portal-ticket.png'), fullPage: true });

    await agent.goto(`${base}/desk/tickets?tab=all`);
    const row = agent.locator('.queue tbody tr', { hasText: 'Server will not start' });
    assert.equal(await row.getAttribute('class'), 'unread', 'the guest answer shows as unread');
    // The footer switchers post their form with their Apply button.
    await agent.selectOption('#footer-locale', 'de');
    await press(agent, '#footer-locale ~ button');
    assert.equal(await agent.getAttribute('html', 'lang'), 'de');
    await Promise.all([guestCtx.close(), agentCtx.close()]);
  });
});
