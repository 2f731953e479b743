import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { createCategory } from '../../src/modules/taxonomy/index.ts';
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

const skip = browserSkipReason();

describe(
  'a category translated in the desk and read by a German customer, in a real browser',
  { skip },
  () => {
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

    /** The German name in the category list, and the disclaimer shown once the category is chosen. */
    async function portalSees(context: BrowserContext, categoryId: number) {
      const page = await context.newPage();
      await page.goto(`${base}/tickets/new`);
      assert.equal(await page.getAttribute('html', 'lang'), 'de');
      const option = await page.textContent(`#f-categoryId option[value="${categoryId}"]`);
      await page.selectOption('#f-categoryId', String(categoryId));
      const box = page.locator(`[data-disclaimer-for="${categoryId}"]`);
      await box.waitFor({ state: 'visible' });
      return { page, option, disclaimer: (await box.innerHTML()).trim() };
    }

    it('saves the German name and disclaimer, previews them, and shows both to German readers', async () => {
      const admin = await buildUser(t, { role: 'admin' });
      const billing = await createCategory(t.ctx(actorFromUser(admin)), { names: { en: 'Billing' } });
      const context = await browser!.newContext();
      await signIn(context, t, base, admin);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

      await page.goto(`${base}/desk/categories/${billing.id}`);
      const preview = page.locator('[data-preview-locale=de]');
      assert.match((await preview.textContent()) ?? '', /Billing/, 'German falls back to English before');
      await page.fill('#f-names-de', 'Rechnungen');
      await page.fill('#f-disclaimers-en', 'Please give your **invoice number**.');
      await page.fill('#f-disclaimers-de', 'Bitte nennen Sie Ihre **Rechnungsnummer**.');
      await Promise.all([
        page.waitForURL(`${base}/desk/categories/${billing.id}`),
        page.click('form[action^="/desk/categories/"] button[type=submit]'),
      ]);
      assert.match((await page.textContent('[role=status]')) ?? '', /saved/i);
      assert.equal(await preview.locator('.preview-name').textContent(), 'Rechnungen');
      assert.equal(await preview.locator('.preview-disclaimer strong').textContent(), 'Rechnungsnummer');
      assert.equal(await preview.getAttribute('lang'), 'de');
      await page.screenshot({ path: path.join(SHOTS, 'category-preview.png'), fullPage: true });
      assert.deepEqual(errors, [], 'no script errors or CSP violations');

      // A German browser (Accept-Language) and an English browser that chose German in the footer.
      const german = await browser!.newContext({ locale: 'de-DE' });
      const seen = await portalSees(german, billing.id);
      assert.equal(seen.option, 'Rechnungen');
      assert.match(seen.disclaimer, /Bitte nennen Sie Ihre <strong>Rechnungsnummer<\/strong>\./);
      await seen.page.screenshot({ path: path.join(SHOTS, 'category-portal-de.png'), fullPage: true });
      const chose = await browser!.newContext({ locale: 'en-GB' });
      await chose.addCookies([{ name: 'parley_locale', value: 'de', url: base }]);
      const alsoSeen = await portalSees(chose, billing.id);
      assert.equal(alsoSeen.option, 'Rechnungen');
      assert.match(alsoSeen.disclaimer, /Rechnungsnummer/);

      const english = await browser!.newContext({ locale: 'en-US' });
      const en = await english.newPage();
      await en.goto(`${base}/tickets/new`);
      assert.equal(await en.textContent(`#f-categoryId option[value="${billing.id}"]`), 'Billing');
      await Promise.all([german.close(), chose.close(), english.close(), context.close()]);
    });
  },
);
