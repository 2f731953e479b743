// `npm run screenshots`: regenerates docs/screenshots/*.png from a throwaway app with realistic
// demo content, served on a loopback port and photographed in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { User } from '../src/modules/accounts/index.ts';
import { ticketPath } from '../src/modules/tickets/index.ts';
import { buildTestApp, type TestApp } from '../test/support/app.ts';
import {
  browserSkipReason,
  launchBrowser,
  serve,
  signIn,
  withFailureArtifacts,
} from '../test/support/browser.ts';
import { seedShowcase, type Showcase } from '../test/support/showcase.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'docs/screenshots');
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

interface Scene {
  t: TestApp;
  s: Showcase;
  base: string;
  browser: Browser;
}

async function open(scene: Scene, user: User | undefined, url: string, opts: BrowserContextOptions = {}) {
  const context = await scene.browser.newContext({ viewport: DESKTOP, locale: 'en-US', ...opts });
  if (user) await signIn(context, scene.t, scene.base, user);
  const page = await context.newPage();
  await page.goto(`${scene.base}${url}`);
  return page;
}

async function shoot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  const file = path.join(OUT, `${name}.png`);
  // No focus ring from filling in a form: show the page as it reads.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false, animations: 'disabled' });
  process.stdout.write(`  ${path.relative(ROOT, file)}\n`);
  await page.context().close();
}

async function portal(scene: Scene): Promise<void> {
  const { s } = scene;
  const page = await open(scene, undefined, '/tickets/new');
  await page.fill('#f-name', 'Marie Lefèvre');
  await page.fill('#f-email', 'marie@example.com');
  await page.selectOption('#f-categoryId', String(s.categories.billing));
  await page.fill('#f-subject', 'Invoice #1042 shows the wrong VAT');
  await page.fill('#f-body', 'Hello,\n\nmy invoice lists **19 %** VAT, but I am a business in France.\n');
  await shoot(page, 'portal-new-ticket', { fullPage: true });
  await shoot(await open(scene, s.customers[0], ticketPath(s.main)), 'portal-ticket', { fullPage: true });
}

async function desk(scene: Scene): Promise<void> {
  const { s } = scene;
  await shoot(await open(scene, s.agent, '/desk/tickets?tab=all'), 'desk-queue');
  await shoot(await open(scene, s.agent, `/desk/tickets/${s.main.number}`), 'desk-ticket', {
    fullPage: true,
  });

  const panels = await open(scene, s.agent, `/desk/tickets/${s.main.number}`);
  const file = path.join(OUT, 'desk-purchases-panel.png');
  await panels.locator('#commerce-purchases').screenshot({ path: file, animations: 'disabled' });
  process.stdout.write(`  ${path.relative(ROOT, file)}\n`);
  await panels.context().close();

  const dialog = await open(scene, s.agent, `/desk/tickets/${s.main.number}`);
  // The paid invoice: it has a payment among its transactions.
  const paid = dialog.locator('[data-invoice]', { has: dialog.locator('.badge-invoice-paid') });
  await paid.getByRole('link', { name: 'Inspect' }).click();
  await dialog.locator('dialog[open]').waitFor();
  await shoot(dialog, 'desk-invoice-dialog');
}

async function darkAndPhone(scene: Scene): Promise<void> {
  const { s } = scene;
  const dark = { colorScheme: 'dark' as const };
  await shoot(await open(scene, s.agent, `/desk/tickets/${s.main.number}`, dark), 'dark-desk-ticket');
  await shoot(await open(scene, s.customers[0], ticketPath(s.main), dark), 'dark-portal-ticket');
  const phone = { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  await shoot(await open(scene, s.customers[0], ticketPath(s.main), phone), 'phone-portal-ticket');
  await shoot(await open(scene, s.agent, '/desk/tickets?tab=all', { ...phone, ...dark }), 'phone-desk-queue');
}

async function main(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) throw new Error(`cannot take screenshots: ${skip}`);
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-client.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  mkdirSync(OUT, { recursive: true });
  const t = await buildTestApp('sqlite', { env: { CAPTCHA: 'off' } });
  const browser = await launchBrowser();
  try {
    const s = await seedShowcase(t);
    // Let some time pass since the last activity, so the pages read "25 minutes ago".
    t.clock.advance(25 * 60_000);
    const scene = { t, s, base: await serve(t), browser };
    process.stdout.write(`Screenshots into ${path.relative(ROOT, OUT)}/:\n`);
    await withFailureArtifacts(browser, 'screenshots', async () => {
      await portal(scene);
      await desk(scene);
      await darkAndPhone(scene);
    });
  } finally {
    await browser.close();
    await t.close();
  }
}

await main();
