import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { createCaptcha } from '../../src/platform/captcha/captcha.ts';
import { anonymous } from '../../src/platform/context.ts';
import type { AppDeps } from '../../src/platform/http/request-context.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { createStorage } from '../../src/platform/storage/storage.ts';
import { createThrottles } from '../../src/platform/throttle.ts';
import { attachmentRoutes } from '../../src/web/attachments/attachments.routes.ts';
import { multipartOptions } from '../../src/web/attachments/multipart.ts';
import { readUploadForm } from '../../src/web/attachments/upload-form.ts';
import { AttachmentPicker } from '../../src/web/ui/Attachments.tsx';
import type { View } from '../../src/web/ui/view.ts';
import { testConfig } from '../support/app.ts';
import { SHOTS, browserSkipReason, keepFailureArtifacts, launchBrowser } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const skip = browserSkipReason();
const ROOT = path.resolve(import.meta.dirname, '../..');
const PUBLIC = path.join(ROOT, 'dist/public');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'";

const view: View = {
  t: translator('en'),
  locale: 'en',
  locales: ['en', 'de'],
  siteName: 'Parley',
  csrf: '',
  theme: 'system',
  path: '/',
  requestId: 'test',
  assetVersion: 'test',
  cspNonce: '',
};

async function page(): Promise<string> {
  const limits = {
    maxFileBytes: 25 * 1024 * 1024,
    maxMessageBytes: 50 * 1024 * 1024,
    maxFiles: 10,
    types: ['image/png', 'text/plain'],
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="csrf-token" content="">
<meta name="htmx-config" content='{"includeIndicatorStyles":false}'>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<form method="post" action="/submit" enctype="multipart/form-data" class="stack">
<label for="f-body">Message</label>
<textarea id="f-body" name="body" rows="6"></textarea>
${await AttachmentPicker({ v: view, limits })}
<button type="submit">Send</button>
</form>
</body>
</html>`;
}

/** A bare app: the page, the bundled assets, the real attachment routes and a form that reports what it got. */
async function buildApp(database: TestDatabase): Promise<FastifyInstance> {
  const config = testConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'parley-browser-att-')) });
  const deps: AppDeps = {
    config,
    database,
    throttles: createThrottles(),
    now: Date.now,
    captcha: createCaptcha({ secret: config.appSecret, enabled: false }),
    pokeWorker: () => undefined,
    storage: createStorage(config),
  };
  const app = Fastify();
  await app.register(cookie);
  await app.register(multipart, multipartOptions(config));
  app.decorateRequest('actor', null as never);
  app.decorateRequest('t', null as never);
  app.decorateRequest('locale', 'en');
  app.addHook('onRequest', async (req, reply) => {
    req.actor = anonymous;
    req.t = translator('en');
    reply.header('content-security-policy', CSP);
  });
  await app.register(attachmentRoutes, { deps });
  app.get('/', async (_req, reply) => reply.type('text/html').send(await page()));
  for (const file of ['app.js', 'app.css'])
    app.get(`/assets/${file}`, async (_req, reply) =>
      reply
        .type(file.endsWith('.js') ? 'text/javascript' : 'text/css')
        .send(readFileSync(path.join(PUBLIC, file))),
    );
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  app.post('/submit', async (req, reply) => {
    const form = await readUploadForm(req, reply, deps);
    return reply.send({
      body: form.fields.body ?? '',
      uploadIds: form.uploadIds,
      error: form.error?.code ?? null,
    });
  });
  return app;
}

describe('attachments in a real browser', { skip }, () => {
  let app: FastifyInstance;
  let database: TestDatabase;
  let browser: Browser;
  let base: string;

  before(async () => {
    // npm test builds the bundle first; build it here when it is missing or older than the upload script.
    const bundle = path.join(PUBLIC, 'app.js');
    if (!existsSync(bundle) || !readFileSync(bundle, 'utf8').includes('data-upload-list'))
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-client.ts'], { cwd: ROOT });
    database = await createTestDatabase('sqlite');
    app = await buildApp(database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.destroy();
  });
  keepFailureArtifacts(() => browser);

  it('uploads a pasted screenshot, writes its Markdown at the cursor and submits its id', async () => {
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (e) => problems.push(e.message));
    tab.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
    await tab.goto(`${base}/`);
    await tab.fill('#f-body', 'Before. After.');
    await tab.evaluate(() =>
      (document.querySelector('#f-body') as HTMLTextAreaElement).setSelectionRange(8, 8),
    );
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2e86de' } })
      .png()
      .toBuffer();
    await tab.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      const area = document.querySelector('#f-body')!;
      area.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, png.toString('base64'));
    await tab.waitForFunction(() =>
      /!\[image\.png\]\(\/attachments\/[\w-]{22}\/image\.png\)/.test(
        (document.querySelector('#f-body') as HTMLTextAreaElement).value,
      ),
    );
    const text = await tab.inputValue('#f-body');
    assert.match(text, /^Before. !\[image\.png\]\(\/attachments\/([\w-]{22})\/image\.png\)After\.$/);
    const id = /\/attachments\/([\w-]{22})\//.exec(text)![1]!;
    assert.equal(await tab.getAttribute('input[name=attachmentIds]', 'value'), id);

    const row = await database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.content_type, 'image/png');
    assert.equal(row.size, png.length);
    assert.match(row.owner_key, /^g:[0-9a-f]{64}$/, 'a guest upload, owned through the uploader cookie');
    const fetched = await tab.evaluate(
      async (url) => (await fetch(url)).status,
      `/attachments/${id}/image.png`,
    );
    assert.equal(fetched, 200, 'the uploader can see their pending upload');
    await tab.screenshot({ path: path.join(SHOTS, 'attachments-pasted.png') });

    await Promise.all([tab.waitForURL(`${base}/submit`), tab.click('button[type=submit]')]);
    const sent = JSON.parse((await tab.textContent('body')) ?? '{}');
    assert.deepEqual(sent.uploadIds, [id], 'the form submits the pending upload id');
    assert.match(sent.body, /!\[image\.png\]/);
    assert.deepEqual(problems, [], 'no CSP violations or script errors');
    await tab.close();
  });

  it('sends chosen files with the form when JavaScript is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(`${base}/`);
    await tab.fill('#f-body', 'No script here.');
    await tab.setInputFiles('#f-files', [
      { name: 'one.txt', mimeType: 'text/plain', buffer: Buffer.from('first file\n') },
      { name: 'two.log', mimeType: 'text/plain', buffer: Buffer.from('second file\n') },
    ]);
    await Promise.all([tab.waitForURL(`${base}/submit`), tab.click('button[type=submit]')]);
    const sent = JSON.parse((await tab.textContent('body')) ?? '{}');
    assert.equal(sent.error, null);
    assert.equal(sent.body, 'No script here.');
    assert.equal(sent.uploadIds.length, 2);
    const names = await database.db
      .selectFrom('attachments')
      .select('name')
      .where('id', 'in', sent.uploadIds)
      .orderBy('name')
      .execute();
    assert.deepEqual(
      names.map((n) => n.name),
      ['one.txt', 'two.log'],
    );
    await context.close();
  });
});
