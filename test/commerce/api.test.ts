import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createApiTokenFor, type User } from '../../src/modules/accounts/index.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import type { TestApp } from '../support/app.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket } from '../support/tickets.ts';
import { buildAgent, buildInvoice, buildPurchase, snapshot, ticketNotes } from './fixtures.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const en = translator('en');

async function tokenFor(t: TestApp, user: User, scope: 'read' | 'write' | 'admin' = 'write') {
  const token = await createApiTokenFor(t.ctx(), user, 'test', scope);
  return (method: Method, url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
}

describeEachDialect('the commerce API', (use) => {
  it('lets a shop push products, invoices, transactions and purchases by external id, twice without duplicates', async () => {
    const t = use();
    const admin = await buildUser(t, { role: 'admin' });
    const call = await tokenFor(t, admin, 'admin');
    const product = { name: 'Parley Pro', price: 4900, currency: 'EUR' };
    assert.equal((await call('PUT', '/api/v1/commerce/products/pro', product)).statusCode, 201);
    const again = await call('PUT', '/api/v1/commerce/products/pro', { ...product, price: 5900 });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().price, 5900);
    const invoice = {
      customer: { email: 'Buyer@Example.test', name: 'Дмитрий Иванов' },
      title: 'Order 77',
      status: 'paid',
      currency: 'EUR',
      items: [{ name: 'Parley Pro', unitPrice: 4900, quantity: 2 }],
      tax: 1862,
      createdAt: '2026-01-02T10:00:00.000Z',
    };
    const created = await call('PUT', '/api/v1/commerce/invoices/order-77', invoice);
    assert.equal(created.statusCode, 201);
    assert.deepEqual(
      [created.json().total, created.json().customer.key],
      [11662, 'email:buyer@example.test'],
    );
    assert.equal((await call('PUT', '/api/v1/commerce/invoices/order-77', invoice)).statusCode, 200);
    const tx = {
      invoiceExternalId: 'order-77',
      gateway: 'stripe',
      amount: 11662,
      currency: 'EUR',
      status: 'paid',
      reference: 'ch_1',
    };
    assert.equal((await call('PUT', '/api/v1/commerce/transactions/ch_1', tx)).statusCode, 201);
    assert.equal((await call('PUT', '/api/v1/commerce/transactions/ch_1', tx)).statusCode, 200);
    const mismatch = await call('PUT', '/api/v1/commerce/transactions/ch_2', { ...tx, currency: 'USD' });
    assert.equal(mismatch.statusCode, 400);
    assert.equal(mismatch.json().error.code, 'CURRENCY_MISMATCH');
    const purchase = {
      customer: { email: 'buyer@example.test' },
      productExternalId: 'pro',
      invoiceExternalId: 'order-77',
      name: 'Parley Pro',
      purchasedAt: '2026-01-02T10:00:00.000Z',
    };
    assert.equal((await call('PUT', '/api/v1/commerce/purchases/p-77', purchase)).statusCode, 201);
    assert.equal((await call('PUT', '/api/v1/commerce/purchases/p-77', purchase)).statusCode, 200);
    const counts = await Promise.all(
      (['products', 'invoices', 'transactions', 'purchases', 'invoice_items'] as const).map(async (table) =>
        Number(
          (await t.db.db.selectFrom(table).select(t.db.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
        ),
      ),
    );
    assert.deepEqual(counts, [1, 1, 1, 1, 1]);
    const badRow = await call('PUT', '/api/v1/commerce/purchases/p-78', {
      ...purchase,
      productExternalId: 'nope',
    });
    assert.equal(badRow.statusCode, 400);
    assert.equal(badRow.json().error.fields.productExternalId, 'There is no product with this external id.');
  });

  it('keeps the shop feed to admin tokens: a staff token gets 404', async () => {
    const t = use();
    const { user } = await buildAgent(t);
    const call = await tokenFor(t, user, 'write');
    const res = await call('PUT', '/api/v1/commerce/products/pro', { name: 'X', price: 1, currency: 'EUR' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'NOT_FOUND');
  });

  it('gives staff tokens every desk action, from a ticket: list, refund twice with one key, cancel, reinstate, mark paid, resend, delete, PDF', async () => {
    const t = use();
    const customer = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: customer });
    const { user } = await buildAgent(t);
    const call = await tokenFor(t, user, 'write');
    const paid = await buildInvoice(t, { userId: customer.id, email: customer.email }, { unitPrice: 5000 });
    const pending = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email },
      { status: 'pending' },
    );
    const purchase = await buildPurchase(t, { userId: customer.id, email: customer.email }, { name: 'Pro' });

    const invoices = await call('GET', `/api/v1/customers/user:${customer.id}/invoices`);
    assert.equal(invoices.statusCode, 200);
    assert.deepEqual(
      invoices
        .json()
        .items.map((i: { id: number }) => i.id)
        .sort(),
      [paid.id, pending.id].sort(),
    );
    const purchases = await call('GET', `/api/v1/customers/${customer.id}/purchases?tab=active`);
    assert.deepEqual([purchases.json().counts.active, purchases.json().items[0].name], [1, 'Pro']);

    const body = { amount: 2000, idempotencyKey: 'api-refund-0001', ticket: ticket.number };
    const first = await call('POST', `/api/v1/invoices/${paid.id}/refunds`, body);
    assert.equal(first.statusCode, 201);
    assert.equal(first.json().invoice.status, 'partially_refunded');
    const second = await call('POST', `/api/v1/invoices/${paid.id}/refunds`, body);
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().replayed, true);
    const tooMuch = await call('POST', `/api/v1/invoices/${paid.id}/refunds`, {
      amount: 3001,
      idempotencyKey: 'api-refund-0002',
    });
    assert.equal(tooMuch.statusCode, 409);
    assert.equal(tooMuch.json().error.message, 'That is more than is left to refund: at most €30.00.');

    assert.equal(
      (
        await call('POST', `/api/v1/purchases/${purchase.id}/cancel?ticket=${ticket.number}`, {
          reason: 'dup',
        })
      ).json().record.state,
      'canceled',
    );
    assert.equal(
      (await call('POST', `/api/v1/purchases/${purchase.id}/reinstate`, { ticket: ticket.number })).json()
        .record.state,
      'active',
    );
    const reinstateActive = await call('POST', `/api/v1/purchases/${purchase.id}/reinstate`);
    assert.equal(reinstateActive.json().error.code, 'PURCHASE_NOT_CANCELED');
    assert.equal(
      (await call('POST', `/api/v1/invoices/${pending.id}/mark-paid`, { ticket: ticket.number })).json()
        .record.status,
      'paid',
    );
    assert.equal((await call('POST', `/api/v1/invoices/${pending.id}/resend`)).statusCode, 200);
    const refusedDelete = await call('DELETE', `/api/v1/invoices/${pending.id}`);
    assert.equal(refusedDelete.statusCode, 409);
    assert.equal(refusedDelete.json().error.code, 'INVOICE_NOT_DELETABLE');
    const third = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email },
      { status: 'pending' },
    );
    assert.equal(
      (await call('POST', `/api/v1/invoices/${third.id}/cancel`)).json().record.status,
      'canceled',
    );
    assert.equal(
      (await call('DELETE', `/api/v1/invoices/${third.id}?ticket=${ticket.number}`)).statusCode,
      204,
    );
    assert.equal((await call('GET', `/api/v1/invoices/${third.id}`)).statusCode, 404);

    const pdf = await call('GET', `/api/v1/invoices/${paid.id}.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.body.slice(0, 5), '%PDF-');
    assert.deepEqual(
      (await ticketNotes(t, ticket.id)).map((n) => en.t(n.key, n.values)),
      [
        `Invoice #${paid.number} refunded €20.00`,
        `Purchase #${purchase.id} (Pro) canceled: dup`,
        `Purchase #${purchase.id} (Pro) reinstated`,
        `Invoice #${pending.number} marked paid (€50.00)`,
        `Invoice #${third.number} deleted`,
      ],
    );
  });

  it('answers 404 without permission, as for a customer that does not exist, and writes nothing', async () => {
    const t = use();
    const customer = await buildUser(t);
    const paid = await buildInvoice(t, { userId: customer.id, email: customer.email });
    const purchase = await buildPurchase(t, { userId: customer.id, email: customer.email });
    const callers = [
      await tokenFor(t, customer, 'write'),
      await tokenFor(t, (await buildAgent(t, [])).user, 'write'),
    ];
    const commerceOnly = await tokenFor(t, (await buildAgent(t, ['commerce'])).user, 'write');
    const before = await snapshot(t);
    for (const call of callers) {
      assert.equal((await call('GET', `/api/v1/customers/user:${customer.id}/invoices`)).statusCode, 404);
      assert.equal((await call('POST', `/api/v1/purchases/${purchase.id}/cancel`)).statusCode, 404);
      assert.equal((await call('GET', `/api/v1/invoices/${paid.id}.pdf`)).statusCode, 404);
    }
    const refund = await commerceOnly('POST', `/api/v1/invoices/${paid.id}/refunds`, {
      amount: 100,
      idempotencyKey: 'no-refunds-perm',
    });
    assert.equal(refund.statusCode, 404);
    const unknown = await commerceOnly('GET', '/api/v1/customers/user:999999/invoices');
    assert.deepEqual(unknown.json(), refund.json(), 'the same answer as a missing customer');
    const reader = await tokenFor(t, (await buildAgent(t)).user, 'read');
    assert.equal((await reader('GET', `/api/v1/invoices/${paid.id}`)).statusCode, 200);
    assert.equal(
      (
        await reader('POST', `/api/v1/invoices/${paid.id}/refunds`, {
          amount: 1,
          idempotencyKey: 'read-scope-1',
        })
      ).statusCode,
      403,
    );
    assert.deepEqual({ ...(await snapshot(t)), audit: before.audit }, before);
  });

  it('documents the commerce endpoints in the OpenAPI document', async () => {
    const t = use();
    const doc = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, object> };
    for (const path of [
      '/api/v1/customers/{ref}/purchases',
      '/api/v1/customers/{ref}/invoices',
      '/api/v1/purchases/{id}/cancel',
      '/api/v1/purchases/{id}/reinstate',
      '/api/v1/invoices/{id}/refunds',
      '/api/v1/invoices/{id}/cancel',
      '/api/v1/invoices/{id}/mark-paid',
      '/api/v1/invoices/{id}/resend',
      '/api/v1/invoices/{id}',
      '/api/v1/invoices/{id}.pdf',
      '/api/v1/commerce/invoices/{externalId}',
    ])
      assert.ok(doc.paths[path], path);
  });
});
