import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { User } from '../../src/modules/accounts/index.ts';
import { ticketPath } from '../../src/modules/tickets/index.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { blocking, describeViolations, runAxe } from '../support/axe.ts';
import { browserSkipReason, keepFailureArtifacts, launchBrowser, serve, signIn } from '../support/browser.ts';
import { seedShowcase, type Showcase } from '../support/showcase.ts';

const skip = browserSkipReason();

describe('accessibility of the main pages (axe-core in Chromium)', { skip }, () => {
  let t: TestApp;
  let browser: Browser | undefined;
  let base: string;
  let s: Showcase;

  before(async () => {
    t = await buildTestApp('sqlite');
    s = await seedShowcase(t);
    base = await serve(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  keepFailureArtifacts(() => browser);

  /** Runs axe on each path as the user, in the light and the dark scheme; returns what blocks people. */
  async function audit(user: User | undefined, paths: string[], act?: (page: Page) => Promise<void>) {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser!.newContext({ colorScheme });
      if (user) await signIn(context, t, base, user);
      const page = await context.newPage();
      for (const p of paths) {
        await page.goto(`${base}${p}`);
        await act?.(page);
        const bad = blocking(await runAxe(page));
        if (bad.length) found.push(`${p} (${colorScheme}):\n${describeViolations(bad)}`);
      }
      await context.close();
    }
    return found.join('\n\n');
  }

  it('finds nothing serious on the portal for guests: home, new ticket, a ticket by its link, finding tickets', async () => {
    const guestTicket = s.tickets.find((x) => x.issuer_user_id === null)!;
    assert.equal(
      await audit(undefined, ['/', '/tickets/new', ticketPath(guestTicket), '/tickets', '/login']),
      '',
    );
  });

  it('finds nothing serious on the portal for members: my tickets, new ticket, ticket view, profile', async () => {
    const paths = ['/', '/tickets', '/tickets/new', ticketPath(s.main), '/profile', '/profile/two-factor'];
    assert.equal(await audit(s.customers[0], paths), '');
  });

  it('finds nothing serious on a form showing its errors', async () => {
    const found = await audit(s.customers[0], ['/tickets/new'], async (page) => {
      await page.$eval('form[action^="/tickets?"]', (f) => ((f as HTMLFormElement).noValidate = true));
      await Promise.all([
        page.waitForNavigation(),
        page.click('form[action^="/tickets?"] button[type=submit]'),
      ]);
      assert.ok((await page.locator('[aria-invalid=true]').count()) > 0, 'the form shows its errors');
    });
    assert.equal(found, '');
  });

  it('finds nothing serious in the desk: queue, ticket, taxonomy, settings, preferences, customers', async () => {
    const paths = [
      '/desk',
      '/desk/tickets',
      `/desk/tickets/${s.main.number}`,
      '/desk/categories',
      `/desk/categories/${s.categories.billing}`,
      '/desk/statuses',
      '/desk/settings',
      '/desk/settings/sso',
      '/desk/preferences',
      '/profile',
      `/desk/customers/user/${s.customers[0].id}`,
    ];
    assert.equal(await audit(s.admin, paths), '');
  });

  it('finds nothing serious in the invoice dialog opened from the ticket', async () => {
    const found = await audit(s.agent, [`/desk/tickets/${s.main.number}`], async (page) => {
      await page.locator('[data-invoice]').first().getByRole('link', { name: 'Inspect' }).click();
      await page.locator('dialog[open]').waitFor();
    });
    assert.equal(found, '');
  });
});
