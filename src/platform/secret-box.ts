import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A key for one purpose, derived from the app secret, so the secret itself never encrypts data. */
function keyFor(appSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'parley', purpose, 32));
}

/** AES-256-GCM: `v1:` + base64url(iv ‖ tag ‖ ciphertext). A fresh 96-bit IV every time. */
export function sealSecret(appSecret: string, purpose: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(appSecret, purpose), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The plain text of a sealed secret; throws when it was tampered with or the app secret changed. */
export function openSecret(appSecret: string, purpose: string, sealed: string): string {
  if (!sealed.startsWith('v1:')) throw new Error('unknown secret format');
  const data = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(appSecret, purpose), data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * The plain text of a sealed secret, or undefined when it cannot be opened (tampered with, or sealed
 * under an APP_SECRET that has since changed): for callers that treat that as "no secret".
 */
export function openSecretIfValid(appSecret: string, purpose: string, sealed: string): string | undefined {
  try {
    return openSecret(appSecret, purpose, sealed);
  } catch {
    return undefined;
  }
}
