import type { FastifyInstance } from 'fastify';
import type { Captcha } from '../../platform/captcha/captcha.ts';
import { Throttle, type Throttles } from '../../platform/throttle.ts';
import { refuseWhileBlocked } from '../../platform/http/rate-limit.ts';

interface CaptchaRouteOptions {
  captcha: Captcha;
  /** The app's throttles; without them (a bare test app) the route keeps its own limit. */
  throttles?: Throttles;
  now?: () => number;
}

/**
 * The captcha widget's challenge URL: a fresh, never-cached challenge on every request, a limited
 * number per client address (so nobody stockpiles challenges to solve in bulk).
 */
export async function captchaRoutes(app: FastifyInstance, opts: CaptchaRouteOptions) {
  const perIp = opts.throttles?.captchaPerIp ?? new Throttle(30, 10 * 60_000);
  const now = opts.now ?? Date.now;
  app.get('/captcha/challenge', async (req, reply) => {
    refuseWhileBlocked(reply, perIp, req.ip, now());
    perIp.hit(req.ip, now());
    reply.header('cache-control', 'no-store');
    return opts.captcha.createChallenge();
  });
}
