import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createCaptcha } from '../../src/platform/captcha/captcha.ts';
import { translator, type Locale } from '../../src/platform/i18n/i18n.ts';
import { captchaRoutes } from '../../src/web/portal/captcha.routes.ts';
import { CaptchaField } from '../../src/web/ui/Captcha.tsx';
import type { View } from '../../src/web/ui/view.ts';
import { SHOTS, browserSkipReason, keepFailureArtifacts, launchBrowser } from '../support/browser.ts';

const skip = browserSkipReason();
const ROOT = path.resolve(import.meta.dirname, '../..');
const PUBLIC = path.join(ROOT, 'dist/public');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self' blob:";

function view(locale: Locale): View {
  return {
    t: translator(locale),
    locale,
    siteName: 'Parley',
    locales: ['en', 'de'],
    csrf: '',
    theme: 'system',
    path: '/',
    requestId: 'test',
    assetVersion: 'test',
    cspNonce: '',
  };
}

async function page(locale: Locale): Promise<string> {
  const field = await CaptchaField({ v: view(locale) });
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="htmx-config" content='{"includeIndicatorStyles":false}'>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<form method="post" action="/submit">
<label for="subject">Subject</label> <input id="subject" name="subject">
${field}
<button type="submit">Send</button>
</form>
</body>
</html>`;
}

/** A bare app: the form, the bundled assets, the challenge route and a POST that verifies. */
async function buildApp(): Promise<FastifyInstance> {
  const captcha = createCaptcha({ secret: 'browser-test-secret-browser-test-secret', enabled: true });
  const app = Fastify();
  await app.register(formbody);
  app.addHook('onSend', async (_req, reply) => {
    reply.header('content-security-policy', CSP);
  });
  await app.register(captchaRoutes, { captcha });
  app.get<{ Querystring: { lang?: string } }>('/', async (req, reply) =>
    reply.type('text/html').send(await page(req.query.lang === 'de' ? 'de' : 'en')),
  );
  app.get('/assets/app.js', async (_req, reply) =>
    reply.type('text/javascript').send(readFileSync(path.join(PUBLIC, 'app.js'))),
  );
  app.get('/assets/app.css', async (_req, reply) =>
    reply.type('text/css').send(readFileSync(path.join(PUBLIC, 'app.css'))),
  );
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  app.post('/submit', async (req, reply) => {
    const body = req.body as Record<string, string>;
    return reply.type('text/plain').send((await captcha.verify(body.altcha)) ? 'ok' : 'fail');
  });
  return app;
}

describe('captcha in a real browser', { skip }, () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  before(async () => {
    // npm test builds the bundle first; build it here only when this file runs alone.
    if (!existsSync(path.join(PUBLIC, 'app.js')))
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-client.ts'], { cwd: ROOT });
    app = await buildApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  keepFailureArtifacts(() => browser);

  it('solves the challenge under a strict CSP and the server verifies it once', async (t) => {
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.goto(`${base}/`);
    await tab.waitForSelector('altcha-widget input[type=checkbox]');
    assert.equal(await tab.textContent('altcha-widget label'), 'I am human');

    const started = Date.now();
    await tab.focus('#subject');
    await tab.waitForSelector('altcha-widget [data-state=verified]', { timeout: 30_000 });
    const wall = Date.now() - started;
    const payload = await tab.inputValue('input[name=altcha]');
    const solution = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')).solution;
    t.diagnostic(`solved in Chromium: ${solution.time} ms of proof of work, ${wall} ms until verified`);
    await tab.screenshot({ path: path.join(SHOTS, 'captcha-verified.png') });

    await tab.fill('#subject', 'Hello');
    await Promise.all([tab.waitForURL(`${base}/submit`), tab.click('button[type=submit]')]);
    assert.equal(await tab.textContent('body'), 'ok');
    assert.deepEqual(problems, [], 'no CSP violations or script errors');

    const replay = await app.inject({
      method: 'POST',
      url: '/submit',
      payload: new URLSearchParams({ altcha: payload }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(replay.body, 'fail', 'the same solution cannot be used twice');
    await tab.close();
  });

  it('speaks German from the catalog', async () => {
    const tab = await browser.newPage();
    await tab.goto(`${base}/?lang=de`);
    await tab.waitForSelector('altcha-widget input[type=checkbox]');
    assert.equal(await tab.textContent('altcha-widget label'), 'Ich bin ein Mensch');
    await tab.close();
  });
});
