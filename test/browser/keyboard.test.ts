import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { browserSkipReason, keepFailureArtifacts, launchBrowser, serve, signIn } from '../support/browser.ts';
import { seedShowcase, type Showcase } from '../support/showcase.ts';

const skip = browserSkipReason();
const MAX_TABS = 150;

interface Focused {
  id: string;
  tag: string;
  text: string;
  inMain: boolean;
  outlineStyle: string;
  outlineWidth: number;
  outline: string;
  /** The first non-transparent background behind the element: what the ring must stand out from. */
  behind: string;
  onScreen: boolean;
}

function rgb(css: string): [number, number, number] {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return [r ?? 0, g ?? 0, b ?? 0];
}

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    let behind = 'rgb(255, 255, 255)';
    for (let node: Element | null = el.parentElement; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') {
        behind = bg;
        break;
      }
    }
    const box = el.getBoundingClientRect();
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').trim().slice(0, 40),
      inMain: !!el.closest('main'),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      outline: style.outlineColor,
      behind,
      onScreen: box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.width > 0,
    };
  });
}

describe('the desk reply form by keyboard alone, in a real browser', { skip }, () => {
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

  /** Presses Tab until the element matching `done` has focus, checking every stop's focus ring. */
  async function tabTo(page: Page, done: (f: Focused) => boolean, seen: string[]): Promise<Focused> {
    for (let i = 0; i < MAX_TABS; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      const label = `${f.tag}#${f.id} "${f.text}"`;
      assert.ok(f.outlineStyle !== 'none' && f.outlineWidth >= 2, `${label} shows a focus ring`);
      const ratio = contrast(f.outline, f.behind);
      assert.ok(ratio >= 3, `${label}: ring ${f.outline} on ${f.behind} is only ${ratio.toFixed(2)}:1`);
      seen.push(label);
      if (done(f)) return f;
    }
    throw new Error(`not reached in ${MAX_TABS} tabs: ${seen.slice(-5).join(', ')}`);
  }

  for (const [colorScheme, status] of [
    ['light', 'Resolved'],
    ['dark', 'Halted'],
  ] as const) {
    it(`writes, sets the status and sends a reply with the keyboard, focus always visible (${colorScheme})`, async () => {
      const context = await browser!.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      await signIn(context, t, base, s.agent);
      const page = await context.newPage();
      await page.goto(`${base}/desk/tickets/${s.main.number}`);
      const seen: string[] = [];

      await page.keyboard.press('Tab');
      const skipLink = await focused(page);
      assert.equal(skipLink.text, 'Skip to content');
      assert.ok(skipLink.onScreen, 'the skip link appears when focused');
      await page.keyboard.press('Enter');
      const first = await tabTo(page, () => true, seen);
      assert.ok(first.inMain, `after skipping, focus goes into the page, not the menu (${first.text})`);

      await tabTo(page, (f) => f.id === 'f-body', seen);
      const message = `Keyboard reply in ${colorScheme}: **done**.`;
      await page.keyboard.type(message);
      await tabTo(page, (f) => f.id === 'r-statusId', seen);
      // Typing a closed select's option text picks it, as people do with the keyboard.
      await page.keyboard.type(status);
      const picked = await page.$eval(
        '#r-statusId',
        (el) => (el as HTMLSelectElement).selectedOptions[0]?.text,
      );
      assert.ok(picked?.startsWith(status), `picked ${picked}`);
      await tabTo(page, (f) => f.tag === 'button' && f.text === 'Respond', seen);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

      assert.match((await page.textContent('[role=status]')) ?? '', /response was sent/);
      assert.match((await page.textContent('.ticket-head')) ?? '', new RegExp(status));
      const last = page.locator('.timeline-message.role-staff', {
        hasText: `Keyboard reply in ${colorScheme}`,
      });
      assert.equal(await last.locator('.message-body strong').textContent(), 'done');
      await context.close();
    });
  }
});
