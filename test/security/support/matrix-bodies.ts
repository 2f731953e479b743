import type { ActorName, MatrixFixtures } from './matrix-fixtures.ts';

const PRIORITY_OF: Partial<Record<ActorName, number>> = { staffWithout: 2, staffWith: 1, admin: -1 };

/**
 * Valid JSON bodies for the API routes that need one. The API validates a body before the use
 * case checks permissions, so an empty body would show the schema's 400 to everyone with a token
 * and hide what the permission check does.
 */
export function apiBody(name: string, actor: ActorName, fx: MatrixFixtures): unknown {
  const email = fx.ids.ownerEmail!;
  const bodies: Record<string, unknown> = {
    'POST /api/v1/tickets': {
      subject: 'Matrix API ticket',
      body: 'Filed by the matrix',
      categoryId: Number(fx.ids.generalCategory),
    },
    'POST /api/v1/tickets/:ref/messages': { body: 'A matrix reply' },
    // A different priority per actor: a PATCH that changes nothing is refused as such.
    'PATCH /api/v1/tickets/:ref': { priority: PRIORITY_OF[actor] ?? 2 },
    'POST /api/v1/invoices/:id/refunds': { amount: 1, idempotencyKey: 'matrix-refund-key' },
    'PUT /api/v1/invoices/:id/notes': { notes: 'Matrix notes' },
    'PUT /api/v1/invoices/:id/tracking': { on: true },
    'PUT /api/v1/commerce/products/:externalId': { name: 'Fed product', price: 100, currency: 'EUR' },
    'PUT /api/v1/commerce/purchases/:externalId': {
      customer: { email },
      name: 'Fed licence',
      purchasedAt: '2026-01-01T00:00:00.000Z',
    },
    'PUT /api/v1/commerce/invoices/:externalId': {
      customer: { email },
      title: 'Fed invoice',
      status: 'pending',
      currency: 'EUR',
      items: [{ name: 'Fed item', unitPrice: 100, quantity: 1 }],
    },
    'PUT /api/v1/commerce/transactions/:externalId': {
      invoiceExternalId: 'matrix-external-id',
      gateway: 'stripe',
      amount: 100,
      currency: 'EUR',
      status: 'paid',
    },
    'POST /api/v1/categories': { names: { en: 'Matrix API category' } },
    'POST /api/v1/statuses': { names: { en: 'Matrix API status' } },
  };
  return bodies[name] ?? {};
}

/** Form fields for browser routes whose empty form would say nothing about authorisation. */
export function formFields(name: string, actor: ActorName, fx: MatrixFixtures): Record<string, string> {
  if (name === 'POST /login') {
    // Each actor guesses at its own account, so the per-account limit of one never hits another.
    const email = fx.credentials[actor].user?.email ?? `${actor}@example.test`;
    return { email, password: 'not the password' };
  }
  return {};
}

/** Query strings for routes that answer 404 without one (the commerce panels need a customer). */
export function queryOf(url: string, fx: MatrixFixtures): string {
  if (url.startsWith('/desk/commerce/'))
    return `?customer=${encodeURIComponent(fx.ids.ownerRef!)}&ticket=${fx.ids.ticketNumber}`;
  return '';
}
