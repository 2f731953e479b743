import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  base32Decode,
  base32Encode,
  hotp,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
  totp,
  totpStep,
  verifyTotp,
} from '../../src/platform/totp.ts';

// RFC 4226 appendix D and RFC 6238 appendix B use this ASCII secret for HMAC-SHA1.
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  it('matches the RFC 4226 HOTP test values for counters 0 to 9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    assert.deepEqual(
      expected.map((_, counter) => hotp(RFC_KEY, counter)),
      expected,
    );
  });

  it('matches the RFC 6238 SHA-1 test values (8 digits, 30-second steps)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors)
      assert.equal(totp(RFC_KEY, seconds * 1000, { digits: 8 }), code, String(seconds));
  });

  it('round-trips base32 and encodes the RFC secret as authenticator apps expect', () => {
    assert.equal(base32Encode(RFC_KEY), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.deepEqual(base32Decode('gezd gnbv-gy3t qojq gezdgnbvgy3tqojq'), RFC_KEY);
    assert.equal(base32Decode('not base32!'), undefined);
    const secret = newTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/, '160 bits');
    assert.equal(base32Decode(secret)!.length, 20);
  });

  it('accepts the current code and one step of drift either way, nothing further', () => {
    const secret = base32Encode(RFC_KEY);
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    for (const drift of [-1, 0, 1])
      assert.equal(verifyTotp(secret, hotp(RFC_KEY, step + drift), now), step + drift);
    for (const drift of [-2, 2])
      assert.equal(verifyTotp(secret, hotp(RFC_KEY, step + drift), now), undefined);
    assert.equal(verifyTotp(secret, '12345', now), undefined, 'wrong length');
    assert.equal(verifyTotp(secret, 'abcdef', now), undefined, 'not digits');
  });

  it('refuses a code from a step already used, so a seen code cannot be replayed', () => {
    const secret = base32Encode(RFC_KEY);
    const now = 1_700_000_000_000;
    const code = totp(RFC_KEY, now);
    const used = verifyTotp(secret, code, now);
    assert.ok(used !== undefined);
    assert.equal(verifyTotp(secret, code, now, { lastUsedStep: used }), undefined);
    assert.equal(
      verifyTotp(secret, hotp(RFC_KEY, used - 1), now, { lastUsedStep: used }),
      undefined,
      'nor an older one',
    );
  });

  it('builds an otpauth URI with the issuer, account and secret', () => {
    const uri = otpauthUri('Parley', 'ada@example.test', 'GEZDGNBV');
    assert.match(uri, /^otpauth:\/\/totp\/Parley%3Aada%40example\.test\?/);
    const params = new URL(uri).searchParams;
    assert.equal(params.get('secret'), 'GEZDGNBV');
    assert.equal(params.get('issuer'), 'Parley');
    assert.equal(params.get('period'), '30');
  });

  it('makes ten distinct recovery codes and stores them as keyed hashes that ignore case and dashes', () => {
    const codes = newRecoveryCodes();
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const stored = recoveryCodeHash('secret-one', codes[0]!);
    assert.equal(recoveryCodeHash('secret-one', codes[0]!.toUpperCase().replace('-', ' ')), stored);
    assert.notEqual(recoveryCodeHash('secret-two', codes[0]!), stored, 'keyed with the app secret');
    assert.ok(!stored.includes(codes[0]!.replace('-', '')));
  });
});
