import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import Fastify from 'fastify';
import { parse } from 'node-html-parser';
import { createCaptcha } from '../src/platform/captcha/captcha.ts';
import { translator, type Locale } from '../src/platform/i18n/i18n.ts';
import { CaptchaField } from '../src/web/ui/Captcha.tsx';
import type { View } from '../src/web/ui/view.ts';
import { captchaRoutes } from '../src/web/portal/captcha.routes.ts';
import { FakeClock } from './support/clock.ts';

const SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** Solves a challenge the way the widget does and encodes its form value. */
async function solve(challenge: unknown): Promise<string> {
  const c = challenge as Challenge;
  const solution = await solveChallenge({ challenge: c, deriveKey });
  assert.ok(solution, 'the challenge is solvable');
  const payload = { challenge: { parameters: c.parameters, signature: c.signature }, solution };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

function decode(payload: string): Record<string, any> {
  return JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64');
}

describe('captcha', () => {
  it('accepts a solved challenge once and rejects its replay', async () => {
    const captcha = createCaptcha({ secret: SECRET, enabled: true, cost: 1 });
    const payload = await solve(await captcha.createChallenge());
    assert.equal(await captcha.verify(payload), true);
    assert.equal(await captcha.verify(payload), false);
  });

  it('accepts only one of two concurrent submissions of the same payload', async () => {
    const captcha = createCaptcha({ secret: SECRET, enabled: true, cost: 1 });
    const payload = await solve(await captcha.createChallenge());
    const results = await Promise.all([captcha.verify(payload), captcha.verify(payload)]);
    assert.deepEqual(results.sort(), [false, true]);
  });

  it('signs with a key derived from the secret, so another secret rejects the payload', async () => {
    const payload = await solve(
      await createCaptcha({ secret: SECRET, enabled: true, cost: 1 }).createChallenge(),
    );
    const other = createCaptcha({ secret: `${SECRET}-other`, enabled: true, cost: 1 });
    assert.equal(await other.verify(payload), false);
    assert.doesNotMatch(JSON.stringify(decode(payload)), new RegExp(SECRET));
  });

  it('rejects garbage without throwing', async () => {
    const captcha = createCaptcha({ secret: SECRET, enabled: true, cost: 1 });
    const garbage: unknown[] = [
      '',
      'abc',
      'not base64 at all!',
      '%%%===',
      undefined,
      null,
      42,
      ['a'],
      { challenge: {} },
      encode('just a string'),
      encode({}),
      encode({ challenge: null, solution: null }),
      encode({ challenge: { parameters: {}, signature: 'x' }, solution: { counter: 1, derivedKey: 'ab' } }),
      'A'.repeat(100_000),
    ];
    for (const value of garbage) {
      assert.equal(await captcha.verify(value), false, `rejects ${String(value).slice(0, 40)}`);
    }
  });

  it('rejects a payload whose signature or solution was tampered with', async () => {
    const captcha = createCaptcha({ secret: SECRET, enabled: true, cost: 1 });
    const good = decode(await solve(await captcha.createChallenge()));

    const wrongSignature = structuredClone(good);
    wrongSignature.challenge.signature = '0'.repeat(64);
    assert.equal(await captcha.verify(encode(wrongSignature)), false);

    const otherCounter = structuredClone(good);
    otherCounter.solution.counter += 1;
    assert.equal(await captcha.verify(encode(otherCounter)), false);

    const otherKey = structuredClone(good);
    otherKey.solution.derivedKey = 'ab'.repeat(32);
    assert.equal(await captcha.verify(encode(otherKey)), false);

    const easierChallenge = structuredClone(good);
    easierChallenge.challenge.parameters.keyPrefix = '00';
    assert.equal(await captcha.verify(encode(easierChallenge)), false);

    const longerLife = structuredClone(good);
    longerLife.challenge.parameters.data.expires += 3_600_000;
    assert.equal(await captcha.verify(encode(longerLife)), false);

    assert.equal(await captcha.verify(encode(good)), true, 'the untouched payload still passes');
  });

  it('rejects a solution after the challenge expired on the injected clock', async () => {
    const clock = new FakeClock(Date.now());
    const captcha = createCaptcha({ secret: SECRET, enabled: true, cost: 1, now: clock.now });
    const late = await solve(await captcha.createChallenge());
    const inTime = await solve(await captcha.createChallenge());
    clock.advance(9 * 60_000);
    assert.equal(await captcha.verify(inTime), true, 'valid for ten minutes');
    clock.advance(2 * 60_000);
    assert.equal(await captcha.verify(late), false);
  });

  it('honours a fake clock far from the wall clock', async () => {
    const clock = new FakeClock();
    const captcha = createCaptcha({ secret: SECRET, enabled: true, cost: 1, now: clock.now });
    assert.equal(await captcha.verify(await solve(await captcha.createChallenge())), true);
  });

  it('accepts anything when disabled', async () => {
    const captcha = createCaptcha({ secret: SECRET, enabled: false });
    assert.equal(captcha.enabled, false);
    assert.equal(await captcha.verify(undefined), true);
    assert.equal(await captcha.verify('garbage'), true);
  });

  it('serves a fresh challenge as JSON that must not be cached', async () => {
    const app = Fastify();
    await app.register(captchaRoutes, { captcha: createCaptcha({ secret: SECRET, enabled: true }) });
    const res = await app.inject('/captcha/challenge');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json();
    assert.equal(body.parameters.algorithm, 'SHA-256');
    assert.equal(typeof body.signature, 'string');
    assert.ok(body.parameters.expiresAt > Date.now() / 1000, 'the widget learns when it expires');
    const again = (await app.inject('/captcha/challenge')).json();
    assert.notEqual(again.parameters.nonce, body.parameters.nonce);
    await app.close();
  });

  it('renders the widget with texts from the catalog and the error wired for screen readers', async () => {
    const v = { t: translator('de'), locale: 'de' as Locale, csrf: '', path: '/' } as View;
    const html = parse(await CaptchaField({ v, error: 'captcha.required' }));
    const widget = html.querySelector('altcha-widget');
    assert.ok(widget);
    assert.equal(widget.getAttribute('challenge'), '/captcha/challenge');
    assert.equal(widget.getAttribute('name'), 'altcha');
    assert.equal(widget.getAttribute('language'), 'de');
    const strings = JSON.parse(widget.getAttribute('data-strings') ?? '{}');
    assert.equal(strings.label, 'Ich bin ein Mensch');
    assert.deepEqual(
      Object.entries(strings).filter(([, text]) => String(text).startsWith('captcha.')),
      [],
      'every widget text is in the catalog',
    );
    assert.match(html.querySelector('noscript')?.textContent ?? '', /JavaScript/);
    const group = html.querySelector('[role=group]');
    assert.equal(group?.getAttribute('aria-describedby'), 'f-altcha-error');
    assert.equal(
      html.querySelector('#f-altcha-error')?.textContent,
      'Bitte bestätigen Sie, dass Sie ein Mensch sind.',
    );
  });
});
