import type { FastifyInstance } from 'fastify';
import { isStaff } from '../../modules/accounts/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { WebDeps } from '../route-kit.ts';
import { deskHomeRoutes } from './home.routes.tsx';
import { deskUserRoutes } from './users.routes.tsx';
import { deskSettingsRoutes } from './settings.routes.tsx';
import { deskOutboxRoutes } from './outbox.routes.tsx';
import { deskAuditRoutes } from './audit.routes.tsx';
import { deskCommerceRoutes } from './commerce/commerce.plugin.ts';
import { deskQueueRoutes } from './tickets/queue.routes.tsx';
import { deskTicketRoutes } from './tickets/ticket.routes.tsx';
import { deskPreferenceRoutes } from './tickets/preferences.routes.tsx';
import { deskCustomerRoutes } from './tickets/customers.routes.tsx';
import { deskCategoryRoutes } from './categories.routes.tsx';
import { deskStatusRoutes } from './statuses.routes.tsx';
import { deskInboundRoutes } from './inbound.routes.tsx';
import { deskInboundSettingsRoutes } from './inbound-settings.routes.tsx';
import { deskSsoSettingsRoutes } from './sso-settings.routes.tsx';

/** The staff surface. Anonymous visitors are sent to log in; customers get the same 404 as a missing page. */
export async function deskPlugin(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  app.addHook('preHandler', async (req) => {
    if (req.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!isStaff(req.actor)) throw new AppError('NOT_FOUND');
  });
  await app.register(deskHomeRoutes, { deps });
  await app.register(deskUserRoutes, { deps });
  await app.register(deskSettingsRoutes, { deps });
  await app.register(deskOutboxRoutes, { deps });
  await app.register(deskAuditRoutes, { deps });
  await app.register(deskCommerceRoutes, { deps });
  await app.register(deskQueueRoutes, { deps });
  await app.register(deskTicketRoutes, { deps });
  await app.register(deskPreferenceRoutes, { deps });
  await app.register(deskCustomerRoutes, { deps });
  await app.register(deskCategoryRoutes, { deps });
  await app.register(deskStatusRoutes, { deps });
  await app.register(deskInboundRoutes, { deps });
  await app.register(deskInboundSettingsRoutes, { deps });
  await app.register(deskSsoSettingsRoutes, { deps });
}
