import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startSession, type User } from '../../src/modules/accounts/index.ts';
import { SESSION_COOKIE } from '../../src/web/request-context.hook.ts';
import type { TestApp } from './app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/**
 * Why browser tests cannot run here, or undefined when they can. On CI a missing browser is a
 * failure, not a skip: .ci/run installs Debian's chromium.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run must install it`);
  return `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Serves the test app on a loopback port and returns its base URL. */
export async function serve(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/** Where a failing journey leaves a screenshot and the HTML of every page it had open. */
export const FAILURES = path.resolve(import.meta.dirname, '../../test-results/failures');

type Holder = Browser | BrowserContext | Page;

function openPages(holder: Holder): Page[] {
  if ('goto' in holder) return holder.isClosed() ? [] : [holder];
  if ('newContext' in holder) return holder.contexts().flatMap((c) => c.pages());
  return holder.pages();
}

function fileStem(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/**
 * Saves a full-page screenshot and the HTML of every page still open under test-results/failures,
 * and returns the files written; a page that cannot be captured any more is skipped.
 */
export async function saveFailureArtifacts(holder: Holder, name: string): Promise<string[]> {
  mkdirSync(FAILURES, { recursive: true });
  const written: string[] = [];
  for (const [i, page] of openPages(holder).entries()) {
    const stem = path.join(FAILURES, `${fileStem(name)}${i ? `-${i + 1}` : ''}`);
    try {
      writeFileSync(`${stem}.html`, `<!-- ${page.url()} -->\n${await page.content()}`);
      written.push(`${stem}.html`);
      await page.screenshot({ path: `${stem}.png`, fullPage: true, timeout: 5_000 });
      written.push(`${stem}.png`);
    } catch {
      // A crashed or navigating page: keep what was written and go on with the others.
    }
  }
  if (written.length) process.stderr.write(`browser journey "${name}" failed; saved ${written.join(', ')}\n`);
  return written;
}

/** Runs a journey step and, when it throws, saves the open pages' screenshots and HTML before rethrowing. */
export async function withFailureArtifacts<T>(
  holder: Holder,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    await saveFailureArtifacts(holder, name);
    throw err;
  }
}

/**
 * Registers an afterEach hook in the current describe: every failed test saves the screenshots and
 * HTML of the browser's open pages, named after the test.
 */
export function keepFailureArtifacts(browser: () => Browser | undefined): void {
  afterEach(async (t) => {
    // Node sets `passed` on the test's context once it has run; the typings do not know it yet.
    const test = t as { passed?: boolean; fullName?: string; name: string };
    const b = browser();
    if (test.passed === false && b) await saveFailureArtifacts(b, test.fullName ?? test.name);
  });
}

/** Logs the browser context in as the user through a real session cookie, without the login form. */
export async function signIn(context: BrowserContext, t: TestApp, base: string, user: User): Promise<void> {
  const raw = await startSession(t.ctx(), user, { method: 'password', userAgent: 'browser' });
  await context.addCookies([{ name: SESSION_COOKIE, value: raw, url: base }]);
}
