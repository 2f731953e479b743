import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { issueSetupTokenIfNeeded } from '../../src/modules/accounts/index.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { SHOTS, browserSkipReason, keepFailureArtifacts, launchBrowser, serve } from '../support/browser.ts';

const skip = browserSkipReason();

describe('first run in a real browser', { skip }, () => {
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

  it('goes from the setup link to the desk, logs out and in again, and switches to German', async () => {
    const token = await issueSetupTokenIfNeeded(t.ctx());
    const page = await browser.newPage();
    await page.goto(`${base}/setup?token=${token}`);
    await page.fill('#f-displayName', 'Ada Admin');
    await page.fill('#f-email', 'ada@example.test');
    await page.fill('#f-password', 'a long admin password');
    await page.screenshot({ path: path.join(SHOTS, 'setup.png') });
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/desk`);
    assert.equal(await page.textContent('h1'), 'Desk');
    assert.match((await page.textContent('[role=status]')) ?? '', /first administrator/);
    const nav = await page.$$eval('.desk-nav a', (as) => as.map((a) => a.textContent));
    assert.deepEqual(nav, [
      'Overview',
      'Tickets',
      'Customers',
      'Inbound',
      'Categories',
      'Statuses & priorities',
      'Products',
      'Users',
      'Settings',
      'Outbox',
      'Audit trail',
    ]);
    await page.screenshot({ path: path.join(SHOTS, 'desk-en.png'), fullPage: true });

    await page.click('.desk-user button[type=submit]');
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/login`);
    await page.fill('#f-email', 'ada@example.test');
    await page.fill('#f-password', 'a long admin password');
    await page.click('main button[type=submit]');
    await page.waitForURL(`${base}/desk`);

    // The footer switcher submits on change when JavaScript runs.
    await Promise.all([page.waitForURL(`${base}/desk`), page.selectOption('#footer-locale', 'de')]);
    await page.waitForSelector('html[lang=de]');
    const navDe = await page.$$eval('.desk-nav a', (as) => as.map((a) => a.textContent));
    assert.deepEqual(navDe, [
      'Übersicht',
      'Tickets',
      'Kunden',
      'Eingang',
      'Kategorien',
      'Status & Prioritäten',
      'Produkte',
      'Benutzer',
      'Einstellungen',
      'Postausgang',
      'Protokoll',
    ]);
    await page.screenshot({ path: path.join(SHOTS, 'desk-de.png'), fullPage: true });
    await page.close();
  });

  it('works with JavaScript disabled, and fits a phone screen in dark mode', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      colorScheme: 'dark',
    });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#f-email', 'ada@example.test');
    await page.fill('#f-password', 'a long admin password');
    await page.click('main button[type=submit]');
    await page.waitForURL(`${base}/desk`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(bg, 'rgb(15, 18, 22)', 'dark scheme follows the OS');
    // Without JS the switcher's Apply button is visible and posts the form.
    await page.selectOption('#footer-theme', 'light');
    await page.click('#footer-theme ~ button');
    await page.waitForSelector('html[data-theme=light]');
    const light = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(light, 'rgb(246, 247, 249)', 'the remembered choice wins over the OS');
    await page.screenshot({ path: path.join(SHOTS, 'desk-phone.png'), fullPage: true });
    await context.close();
  });
});
