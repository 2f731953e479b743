import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { User } from '../../src/modules/accounts/index.ts';
import { ticketPath } from '../../src/modules/tickets/index.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  SHOTS,
  browserSkipReason,
  keepFailureArtifacts,
  launchBrowser,
  serve,
  signIn,
} from '../support/browser.ts';
import { seedShowcase, type Showcase } from '../support/showcase.ts';

const skip = browserSkipReason();
const PHONE = { width: 390, height: 844 };
const DARK_BACKGROUND = 'rgb(15, 18, 22)';

describe('portal and desk on a phone in the dark scheme, in a real browser', { skip }, () => {
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

  /** How far the page scrolls sideways (0 when it fits), and the page's background colour. */
  async function measure(page: Page) {
    return page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      background: getComputedStyle(document.documentElement).backgroundColor,
    }));
  }

  /** Visits each path as the user in English and German; returns the paths that scroll sideways. */
  async function tour(user: User | undefined, paths: string[], shots: Record<string, string> = {}) {
    const problems: string[] = [];
    for (const locale of ['en-US', 'de-DE']) {
      const context = await browser!.newContext({ viewport: PHONE, colorScheme: 'dark', locale });
      if (user) await signIn(context, t, base, user);
      const page = await context.newPage();
      for (const p of paths) {
        await page.goto(`${base}${p}`);
        const { overflow, background } = await measure(page);
        if (overflow > 0) problems.push(`${locale} ${p}: ${overflow}px too wide`);
        assert.equal(background, DARK_BACKGROUND, `${p} follows the dark scheme`);
        if (locale === 'en-US' && shots[p])
          await page.screenshot({ path: path.join(SHOTS, shots[p]), fullPage: true });
      }
      await context.close();
    }
    return problems;
  }

  it('fits the portal into 390 px without sideways scrolling, for guests and members', async () => {
    const guestTicket = s.tickets.find((x) => x.issuer_user_id === null)!;
    const problems = [
      ...(await tour(undefined, [
        '/',
        '/tickets/new',
        ticketPath(guestTicket),
        '/tickets',
        '/login',
        '/register',
      ])),
      ...(await tour(s.customers[0], ['/', '/tickets/new', ticketPath(s.main), '/tickets', '/profile'], {
        [ticketPath(s.main)]: 'phone-portal-ticket.png',
      })),
    ];
    assert.deepEqual(problems, []);
  });

  it('fits the desk into 390 px: queue, ticket with its reply form and commerce panels, admin pages', async () => {
    const problems = await tour(
      s.admin,
      [
        '/desk',
        '/desk/tickets',
        '/desk/tickets?tab=all&priority=1',
        `/desk/tickets/${s.main.number}`,
        '/desk/customers',
        `/desk/customers/user/${s.customers[0].id}`,
        '/desk/categories',
        `/desk/categories/${s.categories.billing}`,
        '/desk/statuses',
        '/desk/settings',
        '/desk/preferences',
        '/desk/users',
        '/desk/products',
      ],
      {
        '/desk/tickets': 'phone-desk-queue.png',
        [`/desk/tickets/${s.main.number}`]: 'phone-desk-ticket.png',
      },
    );
    assert.deepEqual(problems, []);
  });

  it('keeps the desk menu usable on a phone: it scrolls by itself and the current section is marked', async () => {
    const context = await browser!.newContext({ viewport: PHONE, colorScheme: 'dark' });
    await signIn(context, t, base, s.admin);
    const page = await context.newPage();
    await page.goto(`${base}/desk/settings`);
    const nav = await page.$eval('.desk-nav', (el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      overflowX: getComputedStyle(el).overflowX,
    }));
    assert.deepEqual(nav, { scrolls: true, overflowX: 'auto' });
    const current = page.locator('.desk-nav a[aria-current=page]');
    assert.equal(await current.textContent(), 'Settings');
    await current.scrollIntoViewIfNeeded();
    assert.ok(await current.isVisible());
    await context.close();
  });
});
