import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { WebDeps } from '../../web/route-kit.ts';
import { meRoutes } from './me.routes.ts';
import { ticketApiRoutes } from './tickets.routes.ts';
import { attachmentApiRoutes } from './attachments.routes.ts';
import { commerceApiRoutes } from './commerce-api.plugin.ts';
import { taxonomyApiRoutes } from './taxonomy.routes.ts';
import { inboundApiRoutes } from './inbound.routes.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The JSON API under /api/v1, described by the OpenAPI document at /api/openapi.json. */
export async function registerApi(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Parley API',
        version: '1.0.0',
        description: 'Support tickets, as JSON. Authenticate with a personal access token.',
      },
      servers: [{ url: deps.config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Mail servers push with inbound tokens, which belong to no user: outside the user-token hook.
  await app.register(inboundApiRoutes, { deps, prefix: '/v1' });
  await app.register(
    async (v1) => {
      // Every API call needs a token; a read-scoped token may only read. Checked before the body
      // is validated, so nobody without a token learns anything from a 400.
      v1.addHook('preValidation', async (req) => {
        if (req.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
        if (!SAFE.has(req.method) && req.actor.tokenScope === 'read') throw new AppError('FORBIDDEN');
      });
      await v1.register(meRoutes, { deps });
      await v1.register(attachmentApiRoutes, { deps });
      await v1.register(ticketApiRoutes, { deps });
      await v1.register(commerceApiRoutes, { deps });
      await v1.register(taxonomyApiRoutes, { deps });
    },
    { prefix: '/v1' },
  );
}
