import type { FastifyInstance } from 'fastify';
import { pingDatabase } from '../platform/db/database.ts';
import type { WebDeps } from './route-kit.ts';

/** Liveness and readiness for orchestrators: /healthz says the process is up, /readyz that the database answers. */
export async function opsRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ok = await pingDatabase(deps.database);
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'unavailable', database: deps.database.dialect });
  });
}
