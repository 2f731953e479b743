import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { MAX_RAW_BYTES, receivePushedMail } from '../../modules/inbound/index.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { refuseWhileBlocked } from '../../platform/http/rate-limit.ts';
import type { WebDeps } from '../../web/route-kit.ts';
import { ErrorSchema } from './schemas.ts';

function bearer(req: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}

/**
 * POST /api/v1/inbound/email: a mail server or provider pushes one raw RFC 822 mail
 * (`Content-Type: message/rfc822`), authenticated by an inbound token. 202 once the mail is stored;
 * the pipeline runs as a job. Registered outside the user-token API: these tokens belong to no user.
 */
export async function inboundApiRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  app.addContentTypeParser(
    'message/rfc822',
    { parseAs: 'buffer', bodyLimit: MAX_RAW_BYTES },
    (_req, body, done) => done(null, body),
  );
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/inbound/email',
    {
      bodyLimit: MAX_RAW_BYTES,
      // A client that keeps sending inbound tokens that match nothing is refused before its next
      // mail is even read (the same per-client count as user tokens).
      onRequest: async (req, reply) =>
        refuseWhileBlocked(reply, deps.throttles.tokenPerIp, req.ip, deps.now()),
      schema: {
        summary: 'Push one received mail (raw RFC 822) into the inbound pipeline',
        tags: ['inbound'],
        security: [{ bearer: [] }],
        response: {
          202: Type.Object({ id: Type.Integer(), duplicate: Type.Boolean() }),
          400: ErrorSchema,
          401: ErrorSchema,
          413: ErrorSchema,
          415: ErrorSchema,
          429: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      let result;
      try {
        result = await receivePushedMail(ctxOf(req, deps), bearer(req), req.body);
      } catch (err) {
        if (err instanceof AppError && err.code === 'INVALID_TOKEN')
          deps.throttles.tokenPerIp.hit(req.ip, deps.now());
        throw err;
      }
      deps.pokeWorker();
      return reply.code(202).send(result);
    },
  );
}
