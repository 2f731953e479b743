import { createHmac, randomBytes } from 'node:crypto';
import { hmac, safeEqual } from './crypto.ts';

/** RFC 4648 base32, the alphabet authenticator apps expect for secrets. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces, dashes and padding; undefined for anything else. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return undefined;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new TOTP secret: 160 random bits (the RFC 4226 recommendation), base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** HOTP (RFC 4226): HMAC-SHA1 of the counter, dynamically truncated to `digits` decimal digits. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export interface TotpOptions {
  stepSeconds?: number;
  digits?: number;
}

/** The time step of a moment (RFC 6238: seconds since the epoch divided by the step). */
export function totpStep(nowMs: number, stepSeconds = 30): number {
  return Math.floor(nowMs / 1000 / stepSeconds);
}

/** TOTP (RFC 6238) with HMAC-SHA1: the HOTP of the current time step. */
export function totp(key: Buffer, nowMs: number, opts: TotpOptions = {}): string {
  return hotp(key, totpStep(nowMs, opts.stepSeconds), opts.digits);
}

/**
 * Checks a code against the secret, allowing one step of clock drift either way. Returns the
 * step that matched, or undefined. A step at or before `lastUsedStep` never matches, so a code
 * (or an older one) cannot be replayed; the caller stores the returned step.
 */
export function verifyTotp(
  secret: string,
  code: string,
  nowMs: number,
  opts: TotpOptions & { window?: number; lastUsedStep?: number } = {},
): number | undefined {
  const key = base32Decode(secret);
  const digits = opts.digits ?? 6;
  const typed = code.replace(/\s/g, '');
  if (!key || key.length === 0 || !new RegExp(`^\\d{${digits}}$`).test(typed)) return undefined;
  const now = totpStep(nowMs, opts.stepSeconds);
  const window = opts.window ?? 1;
  for (let step = now - window; step <= now + window; step++) {
    if (opts.lastUsedStep !== undefined && step <= opts.lastUsedStep) continue;
    if (safeEqual(hotp(key, step, digits), typed)) return step;
  }
  return undefined;
}

/** The `otpauth://` URI authenticator apps read (from a QR code or pasted). */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** Ten one-time recovery codes of 50 random bits each, as `xxxxx-xxxxx`. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const code = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/**
 * How a recovery code is stored: an HMAC with the app secret of its normalised form, so a copy
 * of the database alone cannot be searched for codes.
 */
export function recoveryCodeHash(appSecret: string, code: string): string {
  return hmac(appSecret, `recovery:${code.toLowerCase().replace(/[\s-]/g, '')}`);
}
