import type { FastifyReply } from 'fastify';
import { AppError } from '../errors.ts';
import type { Throttle } from '../throttle.ts';

/** Refuses with 429 RATE_LIMITED and a Retry-After header while the key is over its limit. */
export function refuseWhileBlocked(reply: FastifyReply, throttle: Throttle, key: string, now: number): void {
  const wait = throttle.retryAfterMs(key, now);
  if (wait <= 0) return;
  reply.header('retry-after', String(Math.ceil(wait / 1000)));
  throw new AppError('RATE_LIMITED');
}
