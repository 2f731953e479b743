interface Entry {
  count: number;
  resetAt: number;
  /** How many windows in a row this key ended at its limit; each one doubles the next window. */
  strikes: number;
}

/**
 * A counter per key with a growing window, kept in memory. A key gets `limit` hits per window;
 * when it uses them all, its next window is twice as long (up to `maxWindowMs`), so someone
 * guessing without pause waits 15 minutes, then 30, then an hour… A key that stays under its
 * limit for a whole window starts over. It limits guessing per account and per address within one
 * process; put a proxy limit in front when running several instances.
 */
export class Throttle {
  private readonly hits = new Map<string, Entry>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly maxWindowMs = windowMs * 16,
  ) {}

  /** True when the key is already over its limit. */
  isBlocked(key: string, now: number): boolean {
    const hit = this.hits.get(key);
    return !!hit && hit.resetAt > now && hit.count >= this.limit;
  }

  /** Milliseconds until a blocked key may try again; 0 when it is not blocked. */
  retryAfterMs(key: string, now: number): number {
    return this.isBlocked(key, now) ? this.hits.get(key)!.resetAt - now : 0;
  }

  /** Counts one hit; returns true when this hit is still within the limit. */
  hit(key: string, now: number): boolean {
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      const strikes = entry ? this.strikesAfter(entry, now) : 0;
      entry = { count: 0, resetAt: now + this.windowFor(strikes), strikes };
      this.hits.set(key, entry);
    }
    entry.count++;
    if (this.hits.size > 50_000) this.sweep(now);
    return entry.count <= this.limit;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private windowFor(strikes: number): number {
    return Math.min(this.windowMs * 2 ** Math.min(strikes, 30), this.maxWindowMs);
  }

  /** A window that ended at the limit is a strike; a quiet window (or a long pause) clears them. */
  private strikesAfter(previous: Entry, now: number): number {
    const quietSince = now - previous.resetAt;
    if (previous.count < this.limit || quietSince >= this.windowFor(previous.strikes)) return 0;
    return previous.strikes + 1;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.hits) if (entry.resetAt + this.maxWindowMs <= now) this.hits.delete(key);
  }
}

/** The throttles that account rules and public lookups use; one set per app instance. */
export interface Throttles {
  loginPerAccount: Throttle;
  loginPerIp: Throttle;
  resetPerAccount: Throttle;
  resetPerIp: Throttle;
  mailPerIp: Throttle;
  /** Ticket keys that matched nothing, per client: guessing capability links. */
  guestKeyPerIp: Throttle;
  /** Captcha challenges handed out, per client. */
  captchaPerIp: Throttle;
  /** Bearer tokens that matched nothing, per client. */
  tokenPerIp: Throttle;
}

export function createThrottles(): Throttles {
  return {
    loginPerAccount: new Throttle(5, 15 * 60_000),
    loginPerIp: new Throttle(20, 15 * 60_000),
    resetPerAccount: new Throttle(3, 60 * 60_000),
    resetPerIp: new Throttle(10, 60 * 60_000),
    mailPerIp: new Throttle(10, 60 * 60_000),
    guestKeyPerIp: new Throttle(30, 15 * 60_000),
    captchaPerIp: new Throttle(30, 10 * 60_000),
    tokenPerIp: new Throttle(20, 15 * 60_000),
  };
}
