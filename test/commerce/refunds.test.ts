import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  inspectInvoice,
  localProvider,
  refundInvoice,
  useCommerceProvider,
} from '../../src/modules/commerce/index.ts';
import { tx } from '../../src/platform/db/tx.ts';
import { AppError } from '../../src/platform/errors.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket } from '../support/tickets.ts';
import { buildAgent, buildInvoice, snapshot, ticketNotes } from './fixtures.ts';

const code = (c: string) => (err: unknown) => err instanceof AppError && err.code === c;

describeEachDialect('refunds', (use) => {
  it('refunds part, then the rest: partially refunded, then refunded, each with a transaction and a ticket line', async () => {
    const t = use();
    const customer = await buildUser(t, { name: 'Zoë Łukasiewicz' });
    const ticket = await buildTicket(t, { issuer: customer });
    const { ctx } = await buildAgent(t);
    const invoice = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email },
      { unitPrice: 5000 },
    );

    const first = await refundInvoice(ctx, invoice.id, {
      amount: 2000,
      idempotencyKey: 'refund-key-0001',
      ticketNumber: ticket.number,
    });
    assert.equal(first.replayed, false);
    assert.equal(first.invoice.status, 'partially_refunded');
    assert.equal(first.invoice.refunded_minor, 2000);
    assert.equal(first.transaction.kind, 'refund');
    assert.equal(first.transaction.status, 'partially_refunded');
    assert.equal(first.transaction.gateway, 'stripe', 'refunded through the gateway that took the payment');

    const second = await refundInvoice(ctx, invoice.id, {
      amount: 3000,
      currency: 'EUR',
      idempotencyKey: 'refund-key-0002',
      ticketNumber: ticket.number,
    });
    assert.equal(second.invoice.status, 'refunded');
    assert.equal(second.invoice.refunded_minor, 5000);

    const detail = await inspectInvoice(ctx, invoice.id);
    assert.deepEqual(
      detail.transactions.map((x) => [x.kind, x.amount_minor, x.status]),
      [
        ['payment', 5000, 'paid'],
        ['refund', 2000, 'partially_refunded'],
        ['refund', 3000, 'refunded'],
      ],
    );
    assert.equal(detail.refundable, 0);
    assert.equal(detail.can.refund, false);
    const en = translator('en');
    assert.deepEqual(
      (await ticketNotes(t, ticket.id)).map((n) => en.t(n.key, n.values)),
      [`Invoice #${invoice.number} refunded €20.00`, `Invoice #${invoice.number} refunded €30.00`],
    );
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'commerce.invoice.refund')
      .execute();
    assert.equal(audit.length, 2);
    assert.equal(audit[0]!.target_id, String(invoice.id));
  });

  it('refunds once when the same refund is submitted twice, one after the other or at the same time', async () => {
    const t = use();
    const { ctx } = await buildAgent(t);
    const invoice = await buildInvoice(t, { email: 'double@example.test' }, { unitPrice: 4000 });
    const input = { amount: 1000, idempotencyKey: 'double-submit-1' };
    const a = await refundInvoice(ctx, invoice.id, input);
    const b = await refundInvoice(ctx, invoice.id, input);
    assert.equal(a.replayed, false);
    assert.equal(b.replayed, true);
    assert.equal(b.transaction.id, a.transaction.id);

    const input2 = { amount: 500, idempotencyKey: 'double-submit-2' };
    const results = await Promise.all([
      refundInvoice(ctx, invoice.id, input2),
      refundInvoice(ctx, invoice.id, input2),
    ]);
    assert.deepEqual(results.map((r) => r.replayed).sort(), [false, true]);
    const after = await inspectInvoice(ctx, invoice.id);
    assert.equal(after.invoice.refunded_minor, 1500);
    assert.equal(after.transactions.filter((x) => x.kind === 'refund').length, 2);
  });

  it('refuses a reused key for a different refund', async () => {
    const t = use();
    const { ctx } = await buildAgent(t);
    const invoice = await buildInvoice(t, { email: 'reuse@example.test' });
    await refundInvoice(ctx, invoice.id, { amount: 100, idempotencyKey: 'reused-key-1' });
    const before = await snapshot(t);
    await assert.rejects(
      refundInvoice(ctx, invoice.id, { amount: 200, idempotencyKey: 'reused-key-1' }),
      code('IDEMPOTENCY_KEY_REUSED'),
    );
    assert.deepEqual(await snapshot(t), before);
  });

  it('refuses, writing nothing: more than is left, an unpaid invoice, zero or negative, another currency', async () => {
    const t = use();
    const customer = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: customer });
    const { ctx } = await buildAgent(t);
    const paid = await buildInvoice(t, { userId: customer.id, email: customer.email }, { unitPrice: 5000 });
    await refundInvoice(ctx, paid.id, { amount: 4000, idempotencyKey: 'setup-refund-1' });
    const pending = await buildInvoice(t, { email: customer.email }, { status: 'pending' });
    const before = await snapshot(t);
    const ticketNumber = ticket.number;

    await assert.rejects(
      refundInvoice(ctx, paid.id, { amount: 1001, idempotencyKey: 'too-much-0001', ticketNumber }),
      (err) => {
        assert.ok(err instanceof AppError && err.code === 'REFUND_TOO_LARGE');
        assert.equal(err.params.left, '€10.00');
        return true;
      },
    );
    await assert.rejects(
      refundInvoice(ctx, pending.id, { amount: 100, idempotencyKey: 'unpaid-00001', ticketNumber }),
      code('INVOICE_NOT_PAID'),
    );
    for (const amount of [0, -100, 1.5])
      await assert.rejects(
        refundInvoice(ctx, paid.id, { amount, idempotencyKey: `bad-amount-${amount}`, ticketNumber }),
        (err) => {
          assert.ok(err instanceof AppError && err.code === 'VALIDATION');
          assert.equal(err.fields.amount, 'commerce.error.amountPositive');
          return true;
        },
      );
    await assert.rejects(
      refundInvoice(ctx, paid.id, {
        amount: 100,
        currency: 'USD',
        idempotencyKey: 'currency-0001',
        ticketNumber,
      }),
      code('CURRENCY_MISMATCH'),
    );
    assert.deepEqual(await snapshot(t), before);
  });

  it('needs the refunds permission on top of commerce; without it nothing is written', async () => {
    const t = use();
    const { ctx } = await buildAgent(t, ['commerce']);
    const invoice = await buildInvoice(t, { email: 'perm@example.test' });
    const before = await snapshot(t);
    await assert.rejects(
      refundInvoice(ctx, invoice.id, { amount: 100, idempotencyKey: 'no-permission-1' }),
      code('FORBIDDEN'),
    );
    const customer = await buildUser(t);
    await assert.rejects(
      refundInvoice(t.ctx({ kind: 'anonymous' }), invoice.id, {
        amount: 100,
        idempotencyKey: 'anonymous-001',
      }),
      code('UNAUTHENTICATED'),
    );
    const { actorFromUser } = await import('../../src/modules/accounts/index.ts');
    await assert.rejects(
      refundInvoice(t.ctx(actorFromUser(customer)), invoice.id, {
        amount: 100,
        idempotencyKey: 'customer-0001',
      }),
      code('FORBIDDEN'),
    );
    const after = await snapshot(t);
    assert.deepEqual({ ...after, audit: before.audit }, before, 'only the new account was recorded');
  });

  it('writes the ticket line in the same transaction: an unknown ticket or a later failure leaves nothing', async () => {
    const t = use();
    const customer = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: customer });
    const { ctx } = await buildAgent(t);
    const invoice = await buildInvoice(t, { userId: customer.id, email: customer.email });
    const before = await snapshot(t);
    await assert.rejects(
      refundInvoice(ctx, invoice.id, {
        amount: 100,
        idempotencyKey: 'no-such-ticket',
        ticketNumber: 999_999,
      }),
      code('NOT_FOUND'),
    );
    assert.deepEqual(await snapshot(t), before);

    await assert.rejects(
      tx(t.db.db, async (trx) => {
        await refundInvoice({ ...ctx, db: trx }, invoice.id, {
          amount: 100,
          idempotencyKey: 'rolled-back-1',
          ticketNumber: ticket.number,
        });
        assert.equal(
          (
            await trx
              .selectFrom('ticket_events')
              .select('id')
              .where('ticket_id', '=', ticket.id)
              .where('kind', '=', 'note')
              .execute()
          ).length,
          1,
        );
        throw new Error('later step failed');
      }),
      /later step failed/,
    );
    assert.deepEqual(await snapshot(t), before);
  });

  it('goes through the provider with the idempotency key, and a declined refund writes nothing', async () => {
    const t = use();
    const { ctx } = await buildAgent(t);
    const invoice = await buildInvoice(t, { email: 'gateway@example.test' });
    const seen: string[] = [];
    const previous = useCommerceProvider({
      ...localProvider,
      name: 'test-gateway',
      refund: async (_c, r) => {
        seen.push(`${r.idempotencyKey}:${r.amountMinor}:${r.transactions.length}`);
        if (r.amountMinor === 13) throw new AppError('PROVIDER_DECLINED');
        return { reference: `re_${r.idempotencyKey}` };
      },
    });
    try {
      const before = await snapshot(t);
      await assert.rejects(
        refundInvoice(ctx, invoice.id, { amount: 13, idempotencyKey: 'declined-0001' }),
        code('PROVIDER_DECLINED'),
      );
      assert.deepEqual(await snapshot(t), before);
      const ok = await refundInvoice(ctx, invoice.id, { amount: 200, idempotencyKey: 'accepted-0001' });
      assert.equal(ok.transaction.reference, 're_accepted-0001');
      assert.deepEqual(seen, ['declined-0001:13:1', 'accepted-0001:200:1']);
    } finally {
      useCommerceProvider(previous);
    }
  });
});
