import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { logIfUnexpected, sendJsonError, toAppError } from '../../platform/http/error-handler.ts';
import type { WebDeps } from '../../web/route-kit.ts';
import { commerceFeedApiRoutes } from './commerce-feed.routes.ts';
import { commerceInvoiceApiRoutes } from './commerce-invoices.routes.ts';
import { commerceStaffApiRoutes } from './commerce.routes.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Commerce over JSON. Without the permission the answer is 404, the same as for a record that
 * does not exist, so the API does not reveal who is a customer. A read-scoped token trying to
 * write still gets 403.
 */
export async function commerceApiRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  app.setErrorHandler(async (error, req, reply) => {
    const err = toAppError(error);
    logIfUnexpected(req, error, err);
    const readOnlyWrite =
      req.actor?.kind === 'user' && req.actor.tokenScope === 'read' && !SAFE.has(req.method);
    return sendJsonError(
      req,
      reply,
      err.code === 'FORBIDDEN' && !readOnlyWrite ? new AppError('NOT_FOUND') : err,
    );
  });
  await app.register(commerceStaffApiRoutes, { deps });
  await app.register(commerceInvoiceApiRoutes, { deps });
  await app.register(commerceFeedApiRoutes, { deps });
}
