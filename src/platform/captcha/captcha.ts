import { CappedMap, createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { createHmac } from 'node:crypto';

export interface Captcha {
  readonly enabled: boolean;
  /** A fresh challenge as JSON for the widget's challenge URL. */
  createChallenge(): Promise<unknown>;
  /** True when the payload (the widget's form value, a base64 string) is a valid, unexpired, never-before-used solution. Always true when disabled. Never throws on garbage input: returns false. */
  verify(payload: unknown): Promise<boolean>;
}

const ALGORITHM = 'SHA-256';
const TTL_MS = 10 * 60_000;
/**
 * SHA-256 rounds per attempt. The solver tries counters from 0 up to a secret one drawn from
 * [COUNTER_MIN, COUNTER_MAX], so a browser computes on average cost × 300 digests, spread over its
 * workers: about a second on a 2-core machine in Chromium at this cost.
 */
const DEFAULT_COST = 1_000;
const COUNTER_MIN = 200;
const COUNTER_MAX = 400;
/** Longest payload we bother to decode; a genuine one is under 1 KiB. */
const MAX_PAYLOAD_CHARS = 4_096;
/** Spent challenges remembered at once; beyond this the oldest is forgotten early. */
const MAX_SPENT = 50_000;

interface Payload {
  challenge: Challenge & { signature: string };
  solution: { counter: number; derivedKey: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The decoded widget payload when it has the expected shape, else undefined. */
function decodePayload(payload: unknown): Payload | undefined {
  if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD_CHARS) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(payload)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(decoded) || !isRecord(decoded.challenge) || !isRecord(decoded.solution)) return undefined;
  const { parameters, signature } = decoded.challenge;
  const { counter, derivedKey } = decoded.solution;
  if (!isRecord(parameters) || typeof signature !== 'string') return undefined;
  if (parameters.algorithm !== ALGORITHM || typeof parameters.nonce !== 'string') return undefined;
  if (!isRecord(parameters.data) || typeof parameters.data.expires !== 'number') return undefined;
  if (typeof counter !== 'number' || typeof derivedKey !== 'string') return undefined;
  return decoded as unknown as Payload;
}

/** A proof-of-work captcha (ALTCHA) that signs its challenges with a key derived from the app secret. */
export function createCaptcha(options: {
  secret: string;
  enabled: boolean;
  now?: () => number;
  cost?: number;
}): Captcha {
  const now = options.now ?? Date.now;
  const cost = options.cost ?? DEFAULT_COST;
  // A key of its own, so challenge signatures say nothing about the app secret.
  const signatureKey = createHmac('sha256', options.secret).update('altcha').digest('hex');
  // Replay protection: the nonce of every accepted challenge until it expires. In memory, so a
  // restart forgets them and several processes do not share them; the expiry bounds the damage.
  const spent = new CappedMap<string, number>({ maxSize: MAX_SPENT });

  function forgetExpired(at: number): void {
    for (const [nonce, expires] of spent) {
      if (expires >= at) break;
      spent.delete(nonce);
    }
  }

  return {
    enabled: options.enabled,

    async createChallenge() {
      return createChallenge({
        algorithm: ALGORITHM,
        cost,
        counter: randomInt(COUNTER_MAX, COUNTER_MIN),
        deriveKey,
        // Two signed expiries: `expiresAt` is what the widget and altcha-lib compare with the wall
        // clock; `data.expires` is ours, compared with the injected clock so tests can fake time.
        expiresAt: new Date(Date.now() + TTL_MS),
        data: { expires: now() + TTL_MS },
        hmacSignatureSecret: signatureKey,
      });
    },

    async verify(payload) {
      if (!options.enabled) return true;
      const decoded = decodePayload(payload);
      if (!decoded) return false;
      const at = now();
      const expires = decoded.challenge.parameters.data?.expires as number;
      if (expires < at) return false;
      try {
        // Without a key signature altcha-lib re-derives the key from the counter (`cost` digests,
        // about a millisecond), so a solution is checked whole, counter included.
        const result = await verifySolution({
          challenge: decoded.challenge,
          solution: decoded.solution,
          deriveKey,
          hmacSignatureSecret: signatureKey,
        });
        if (!result.verified) return false;
      } catch {
        return false;
      }
      forgetExpired(at);
      // Synchronous after the await, so of two concurrent submissions of one payload only one wins.
      return spent.setIfAbsent(decoded.challenge.parameters.nonce, expires);
    },
  };
}
