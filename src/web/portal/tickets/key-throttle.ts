import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { refuseWhileBlocked } from '../../../platform/http/rate-limit.ts';
import type { Throttle } from '../../../platform/throttle.ts';

/**
 * Guessing capability links: every ticket route of the plugin that names a key counts the lookups
 * that found nothing, per client address, and a client over the limit waits (429, longer each
 * time) before it may look up any key again. Keys hold 144 random bits, so this is about noise and
 * cost, not about the odds.
 */
export function throttleKeyMisses(app: FastifyInstance, misses: Throttle, now: () => number): void {
  const namesKey = (params: unknown) => typeof (params as { key?: unknown }).key === 'string';
  app.addHook('preHandler', async (req, reply) => {
    if (namesKey(req.params)) refuseWhileBlocked(reply, misses, req.ip, now());
  });
  app.addHook('onError', async (req, _reply, err) => {
    if (namesKey(req.params) && err instanceof AppError && err.code === 'NOT_FOUND')
      misses.hit(req.ip, now());
  });
}
