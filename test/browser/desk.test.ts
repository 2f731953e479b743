import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { SHOTS, browserSkipReason, keepFailureArtifacts, launchBrowser, serve } from '../support/browser.ts';
import { PASSWORD, buildUser } from '../support/factories.ts';
import { buildTicket } from '../support/tickets.ts';

const skip = browserSkipReason();

describe('an agent and a customer side by side', { skip }, () => {
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

  async function logIn(page: Page, email: string, landing: string) {
    await page.goto(`${base}/login`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForURL(`${base}${landing}`), page.click('main button[type=submit]')]);
  }

  it('answers with a status change and an internal note; the customer sees the answer but not the note', async () => {
    const customer = await buildUser(t, { email: 'cora@example.test', name: 'Cora Customer' });
    await buildUser(t, { email: 'sam@example.test', name: 'Sam Staff', role: 'staff' });
    const ticket = await buildTicket(t, { issuer: customer, subject: 'Mods do not load' });
    const agentCtx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const customerCtx = await browser.newContext();
    const agent = await agentCtx.newPage();
    const cust = await customerCtx.newPage();
    await logIn(agent, 'sam@example.test', '/desk');
    await logIn(cust, 'cora@example.test', '/');

    await agent.goto(`${base}/desk/tickets?tab=new`);
    await Promise.all([
      agent.waitForURL(`${base}/desk/tickets/${ticket.number}`),
      agent.click(`a[href="/desk/tickets/${ticket.number}"]`),
    ]);
    await agent.fill('#f-body', 'Please check the **mods** folder.');
    await agent.selectOption('#r-statusId', { label: 'In progress' });
    await Promise.all([
      agent.waitForURL(`${base}/desk/tickets/${ticket.number}`),
      agent.click('button[value=respond]'),
    ]);
    assert.match((await agent.textContent('[role=status]')) ?? '', /response was sent/);
    await agent.fill('#f-body', 'Internal: probably the 1.19 loader bug');
    await Promise.all([
      agent.waitForURL(`${base}/desk/tickets/${ticket.number}`),
      agent.click('button[value=note]'),
    ]);
    assert.equal(await agent.locator('.timeline-message.internal').count(), 1);
    await agent.screenshot({ path: path.join(SHOTS, 'desk-ticket.png'), fullPage: true });

    await cust.goto(`${base}/tickets`);
    assert.equal(await cust.locator('.ticket-row.unread').count(), 1, 'the answer shows as unread');
    await cust.click('.ticket-row a');
    assert.equal(await cust.textContent('.timeline-message.role-staff .message-body strong'), 'mods');
    assert.doesNotMatch(await cust.content(), /loader bug/);
    assert.match((await cust.textContent('.ticket-head')) ?? '', /In progress/);
    await cust.screenshot({ path: path.join(SHOTS, 'customer-ticket.png'), fullPage: true });

    await agentCtx.close();
    await customerCtx.close();
  });
});
