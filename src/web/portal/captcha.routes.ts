import type { FastifyInstance } from 'fastify';
import type { Captcha } from '../../platform/captcha/captcha.ts';

/** The captcha widget's challenge URL: a fresh, never-cached challenge on every request. */
export async function captchaRoutes(app: FastifyInstance, { captcha }: { captcha: Captcha }) {
  app.get('/captcha/challenge', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return captcha.createChallenge();
  });
}
