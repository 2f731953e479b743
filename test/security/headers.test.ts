import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { TestApp } from '../support/app.ts';
import { agentFor, buildUser, logInWithForm } from '../support/factories.ts';
import { Agent } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket } from '../support/tickets.ts';
import { MULTIPART, multipartBody } from '../attachments/support.ts';

/** One of each kind of answer: a page, a form, a 404 page, JSON, an API error, a static file. */
const URLS = ['/', '/login', '/tickets/new', '/no-such-page', '/healthz', '/api/v1/me', '/assets/app.css'];

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

async function headersOf(t: TestApp, url: string) {
  return (await t.app.inject({ url })).headers;
}

describeEachDialect('security headers', (use) => {
  it('sends a strict CSP on every kind of answer: scripts only with the nonce, nothing inline', async () => {
    for (const url of URLS) {
      const csp = String((await headersOf(use(), url))['content-security-policy']);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|\*/, url);
      const d = directives(csp);
      const [self, dynamic, nonce] = d.get('script-src') ?? [];
      assert.deepEqual([self, dynamic], ["'self'", "'strict-dynamic'"], `${url}: script-src`);
      assert.match(nonce ?? '', /^'nonce-[0-9a-f]{32}'$/, `${url}: script nonce`);
      assert.deepEqual(d.get('script-src-attr'), ["'none'"], `${url}: no inline event handlers`);
      assert.equal(d.get('style-src')?.[0], "'self'", `${url}: style-src`);
      assert.doesNotMatch(d.get('style-src')!.join(' '), /unsafe/, `${url}: style-src`);
      assert.deepEqual(d.get('default-src'), ["'self'"]);
      assert.deepEqual(d.get('frame-ancestors'), ["'none'"], `${url}: never framed`);
      assert.deepEqual(d.get('object-src'), ["'none'"]);
      assert.deepEqual(d.get('base-uri'), ["'self'"]);
      assert.deepEqual(d.get('form-action'), ["'self'"]);
      assert.deepEqual(d.get('font-src'), ["'self'"]);
    }
  });

  it('gives every page a fresh nonce, and every script tag of the page carries exactly that nonce', async () => {
    const seen = new Set<string>();
    for (const url of ['/', '/login', '/login', '/tickets/new']) {
      const res = await use().app.inject({ url });
      const nonce = /'nonce-([0-9a-f]+)'/.exec(String(res.headers['content-security-policy']))?.[1];
      assert.ok(nonce, url);
      assert.ok(!seen.has(nonce), `${url}: the nonce repeats`);
      seen.add(nonce);
      const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.ok(scripts.length >= 1, `${url}: no script tag`);
      for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `${url}: ${tag}`);
    }
  });

  it('sends a referrer policy, a permissions policy, nosniff and no framing on every answer', async () => {
    for (const url of URLS) {
      const h = await headersOf(use(), url);
      assert.ok(['no-referrer', 'same-origin'].includes(String(h['referrer-policy'])), `${url}: referrer`);
      assert.match(String(h['permissions-policy']), /camera=\(\)/, `${url}: permissions policy`);
      assert.match(String(h['permissions-policy']), /geolocation=\(\).*microphone=\(\).*payment=\(\)/);
      assert.equal(h['x-content-type-options'], 'nosniff', url);
      assert.equal(h['x-frame-options'], 'DENY', url);
      assert.equal(h['strict-transport-security'], undefined, `${url}: no HSTS over plain http`);
    }
  });

  it('renders pages without inline scripts, style elements, style attributes or event handlers', async () => {
    const t = use();
    const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
    const ticket = await buildTicket(t, { subject: 'Rendered for the CSP check' });
    const visitor = new Agent(t.app);
    const pages: [Agent, string][] = [
      [visitor, '/'],
      [visitor, '/login'],
      [visitor, '/register'],
      [visitor, '/tickets/new'],
      [admin, '/desk'],
      [admin, '/desk/tickets'],
      [admin, `/desk/tickets/${ticket.number}`],
      [admin, '/profile'],
    ];
    for (const [agent, url] of pages) {
      const page = await agent.get(url);
      assert.equal(page.status, 200, url);
      for (const script of page.dom.querySelectorAll('script')) {
        assert.match(script.getAttribute('src') ?? '', /^\/assets\//, `${url}: a script with a src`);
        assert.equal(script.innerHTML.trim(), '', `${url}: no inline script`);
      }
      assert.equal(page.dom.querySelectorAll('style').length, 0, `${url}: no <style>`);
      const styled = page.dom.querySelectorAll('*').filter((el) => 'style' in el.attributes);
      assert.deepEqual(
        styled.map((el) => el.tagName),
        [],
        `${url}: no style attributes`,
      );
      const handlers = page.dom
        .querySelectorAll('*')
        .flatMap((el) => Object.keys(el.attributes).filter((a) => /^on/i.test(a)));
      assert.deepEqual(handlers, [], `${url}: no inline event handlers`);
    }
  });
});

/** Every Set-Cookie line an agent receives while it goes through the flows that set cookies. */
async function cookiesOfAJourney(t: TestApp): Promise<string[]> {
  const lines: string[] = [];
  const agent = new Agent(t.app);
  const keep = (res: { headers: Record<string, unknown> }) =>
    lines.push(...[(res.headers['set-cookie'] as string | string[] | undefined) ?? []].flat());
  keep(await agent.get('/login'));
  keep(
    await agent.request({
      method: 'POST',
      url: '/attachments',
      headers: { 'content-type': MULTIPART, 'x-csrf-token': agent.csrf ?? '', accept: 'application/json' },
      payload: multipartBody([
        { name: 'files', filename: 'a.txt', type: 'text/plain', data: Buffer.from('a') },
      ]),
    }),
  );
  const staff = await buildUser(t, { role: 'staff' });
  keep(await logInWithForm(agent, staff.email));
  keep(await agent.get('/'));
  keep(await agent.post('/preferences/locale', { locale: 'de', back: '/' }));
  keep(await agent.post('/preferences/theme', { theme: 'dark', back: '/' }));
  keep(await agent.post('/desk/preferences/timeline-order', { order: 'desc', back: '/desk' }));
  keep(await agent.post('/logout'));
  return lines;
}

describeEachDialect(
  'cookies over https',
  (use) => {
    it('marks every cookie Secure and SameSite=Lax, and all but the theme HttpOnly', async () => {
      const t = use();
      const lines = await cookiesOfAJourney(t);
      const names = new Set(lines.map((l) => l.split('=')[0]));
      for (const name of ['parley_csrf', 'parley_session', 'parley_flash', 'parley_locale', 'parley_theme'])
        assert.ok(names.has(name), `${name} was set in the journey`);
      for (const line of lines) {
        assert.match(line, /;\s*Secure/i, line);
        assert.match(line, /;\s*SameSite=Lax/i, line);
        assert.match(line, /;\s*Path=\//i, line);
        // The theme is read by the page's script before it paints; it holds only "light"/"dark".
        const deletion = /Max-Age=0/i.test(line);
        if (!line.startsWith('parley_theme=') && !deletion) assert.match(line, /;\s*HttpOnly/i, line);
      }
    });

    it('sends HSTS for a year', async () => {
      const h = await headersOf(use(), '/');
      const maxAge = Number(/max-age=(\d+)/.exec(String(h['strict-transport-security']))?.[1]);
      assert.ok(maxAge >= 31_536_000, String(h['strict-transport-security']));
    });
  },
  { env: { PUBLIC_URL: 'https://parley.test' } },
);
