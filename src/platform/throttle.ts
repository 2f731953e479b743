/**
 * A fixed-window counter per key, kept in memory. It limits guessing per account and per address
 * within one process; put a proxy limit in front when running several instances.
 */
export class Throttle {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** True when the key is already over its limit. */
  isBlocked(key: string, now: number): boolean {
    const hit = this.hits.get(key);
    return !!hit && hit.resetAt > now && hit.count >= this.limit;
  }

  /** Counts one hit; returns true when this hit is still within the limit. */
  hit(key: string, now: number): boolean {
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + this.windowMs };
      this.hits.set(key, entry);
    }
    entry.count++;
    if (this.hits.size > 50_000) this.sweep(now);
    return entry.count <= this.limit;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}

/** The throttles that account rules use; one set per app instance. */
export interface Throttles {
  loginPerAccount: Throttle;
  loginPerIp: Throttle;
  resetPerAccount: Throttle;
  resetPerIp: Throttle;
  mailPerIp: Throttle;
}

export function createThrottles(): Throttles {
  return {
    loginPerAccount: new Throttle(5, 15 * 60_000),
    loginPerIp: new Throttle(20, 15 * 60_000),
    resetPerAccount: new Throttle(3, 60 * 60_000),
    resetPerIp: new Throttle(10, 60 * 60_000),
    mailPerIp: new Throttle(10, 60 * 60_000),
  };
}
