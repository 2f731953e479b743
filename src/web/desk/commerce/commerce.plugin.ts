import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../route-kit.ts';
import { deskInvoiceEditRoutes } from './invoice-edit.routes.tsx';
import { deskInvoicePrintRoutes } from './invoice-print.routes.tsx';
import { deskInvoiceRoutes } from './invoice.routes.tsx';
import { deskCommercePreviewRoutes } from './preview.routes.tsx';
import { deskProductRoutes } from './products.routes.tsx';
import { deskPurchaseRoutes } from './purchase.routes.tsx';

/** Commerce in the desk: products, purchase and invoice dialogs and pages, print and PDF. */
export async function deskCommerceRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  await app.register(deskProductRoutes, { deps });
  await app.register(deskPurchaseRoutes, { deps });
  await app.register(deskInvoiceRoutes, { deps });
  await app.register(deskInvoiceEditRoutes, { deps });
  await app.register(deskInvoicePrintRoutes, { deps });
  await app.register(deskCommercePreviewRoutes, { deps });
}
