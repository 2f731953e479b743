import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Agent, text } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';

describeEachDialect('error pages and ops endpoints', (use) => {
  // Must run first: routes can only be added before the app's first request.
  it('renders a 500 with a request id and nothing about the cause', async () => {
    const t = use();
    t.app.get('/test-boom', async () => {
      throw new Error('secret database detail at /srv/parley');
    });
    const page = await new Agent(t.app).get('/test-boom');
    assert.equal(page.status, 500);
    assert.doesNotMatch(page.body, /secret database detail|\/srv\/parley|at .*\.ts:\d+/);
    assert.match(text(page, 'code'), /^[0-9a-f-]{36}$/);
  });

  it('renders a localised 404 page', async () => {
    const t = use();
    const en = await new Agent(t.app).get('/nope');
    assert.equal(en.status, 404);
    assert.equal(text(en, 'h1'), 'Page not found');
    const de = await new Agent(t.app, { 'accept-language': 'de-DE,de;q=0.9' }).get('/nope');
    assert.equal(text(de, 'h1'), 'Seite nicht gefunden');
  });

  it('answers /healthz and /readyz', async () => {
    const t = use();
    assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
    const ready = await t.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().database, t.db.dialect);
  });

  it('sends security headers and a strict CSP', async () => {
    const t = use();
    const res = await t.app.inject('/');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('switches language and theme from the footer and remembers them', async () => {
    const t = use();
    const agent = new Agent(t.app);
    await agent.get('/login');
    const res = await agent.post('/preferences/locale', { locale: 'de', back: '/login' });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/login');
    const page = await agent.get('/login');
    assert.equal(text(page, 'h1'), 'Anmelden');
    await agent.post('/preferences/theme', { theme: 'dark', back: '//evil.example' });
    const dark = await agent.get('/');
    assert.equal(dark.dom.querySelector('html')?.getAttribute('data-theme'), 'dark');
    const back = await agent.post('/preferences/locale', { locale: 'en', back: '//evil.example/x' });
    assert.equal(back.location, '/', 'never redirects off-site');
  });

  it('refuses a form body over the size limit with 413', async () => {
    const t = use();
    const agent = new Agent(t.app);
    await agent.get('/login');
    const res = await agent.post('/login', {
      email: 'a@example.test',
      password: 'x'.repeat(t.config.bodyLimit + 10),
    });
    assert.equal(res.status, 413);
    assert.match(text(res, 'main'), /too large/);
  });
});
