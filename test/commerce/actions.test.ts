import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  cancelInvoice,
  cancelPurchase,
  customerRefOf,
  deleteInvoice,
  inspectInvoice,
  inspectPurchase,
  listInvoicesForCustomer,
  listPurchasesForCustomer,
  markInvoicePaid,
  refundInvoice,
  reinstatePurchase,
  resendInvoice,
  setInvoiceTracking,
  updateInvoiceDetails,
  updateInvoiceNotes,
} from '../../src/modules/commerce/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket } from '../support/tickets.ts';
import { asUser, buildAgent, buildInvoice, buildPurchase, snapshot, ticketNotes } from './fixtures.ts';

const code = (c: string) => (err: unknown) => err instanceof AppError && err.code === c;
const en = translator('en');
const DAY = 86_400_000;

describeEachDialect('commerce actions', (use) => {
  it('cancels a purchase with a reason and reinstates it, each with a ticket line, an audit row and purchase history', async () => {
    const t = use();
    const customer = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: customer });
    const { ctx } = await buildAgent(t, ['commerce'], 'Sam Support');
    const purchase = await buildPurchase(
      t,
      { userId: customer.id, email: customer.email },
      { name: 'Parley Pro' },
    );
    const canceled = await cancelPurchase(ctx, purchase.id, {
      reason: 'Bought twice',
      ticketNumber: ticket.number,
    });
    assert.equal(canceled.changed, true);
    assert.equal(canceled.value.state, 'canceled');
    assert.equal(canceled.value.cancel_reason, 'Bought twice');
    const again = await cancelPurchase(ctx, purchase.id, {
      reason: 'Bought twice',
      ticketNumber: ticket.number,
    });
    assert.equal(again.changed, false, 'a second submit changes nothing');
    const back = await reinstatePurchase(ctx, purchase.id, { ticketNumber: ticket.number });
    assert.equal(back.value.state, 'active');
    assert.equal(back.value.cancel_reason, null);
    assert.deepEqual(
      (await ticketNotes(t, ticket.id)).map((n) => en.t(n.key, n.values)),
      [
        `Purchase #${purchase.id} (Parley Pro) canceled: Bought twice`,
        `Purchase #${purchase.id} (Parley Pro) reinstated`,
      ],
    );
    const detail = await inspectPurchase(ctx, purchase.id);
    assert.deepEqual(
      detail.history.map((e) => [e.action, e.actor_name, e.ticket_number]),
      [
        ['purchase.reinstate', 'Sam Support', ticket.number],
        ['purchase.cancel', 'Sam Support', ticket.number],
      ],
    );
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'commerce.purchase.%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['commerce.purchase.cancel', 'commerce.purchase.reinstate'],
    );
  });

  it('refuses to reinstate a purchase that is not canceled, writing nothing', async () => {
    const t = use();
    const { ctx } = await buildAgent(t, ['commerce']);
    const purchase = await buildPurchase(t, { email: 'active@example.test' });
    const before = await snapshot(t);
    await assert.rejects(reinstatePurchase(ctx, purchase.id, {}), code('PURCHASE_NOT_CANCELED'));
    assert.deepEqual(await snapshot(t), before);
  });

  it('lists purchases in Active, Expired and Canceled tabs with counts, newest first, matching account and address', async () => {
    const t = use();
    const customer = await buildUser(t, { email: 'mara@example.test', name: 'Mara' });
    const { ctx } = await buildAgent(t, ['commerce']);
    const now = t.clock.now();
    const old = await buildPurchase(
      t,
      { userId: customer.id, email: customer.email },
      { name: 'Old', purchasedAt: now - 10 * DAY },
    );
    const asGuest = await buildPurchase(
      t,
      { email: 'MARA@example.test' },
      { name: 'As guest', purchasedAt: now - 5 * DAY },
    );
    await buildPurchase(
      t,
      { userId: customer.id, email: customer.email },
      { name: 'Lapsed', purchasedAt: now - 400 * DAY, expiresAt: now - DAY },
    );
    await buildPurchase(
      t,
      { userId: customer.id, email: customer.email },
      { name: 'Stopped', state: 'canceled' },
    );
    await buildPurchase(t, { email: 'someone-else@example.test' }, { name: 'Not hers' });
    const ref = customerRefOf({ issuer_user_id: customer.id, issuer_email: customer.email });
    const active = await listPurchasesForCustomer(ctx, { customer: ref });
    assert.deepEqual(active.counts, { active: 2, expired: 1, canceled: 1 });
    assert.deepEqual(
      active.rows.map((p) => p.id),
      [asGuest.id, old.id],
    );
    assert.equal(active.customer.name, 'Mara');
    assert.deepEqual(
      (await listPurchasesForCustomer(ctx, { customer: ref, tab: 'expired' })).rows.map((p) => [
        p.name,
        p.effective_state,
      ]),
      [['Lapsed', 'expired']],
    );
    const byAddress = await listPurchasesForCustomer(ctx, { customer: 'email:mara@example.test' });
    assert.deepEqual(byAddress.counts, active.counts, 'an address finds the account that owns it');
    const paged = await listPurchasesForCustomer(ctx, { customer: ref, limit: 1 });
    assert.ok(paged.next);
    assert.deepEqual(
      (await listPurchasesForCustomer(ctx, { customer: ref, limit: 1, cursor: paged.next })).rows.map(
        (p) => p.id,
      ),
      [old.id],
    );
    await assert.rejects(listPurchasesForCustomer(ctx, { customer: 'user:999999' }), code('NOT_FOUND'));
  });

  it('marks an invoice paid with a manual payment, once', async () => {
    const t = use();
    const customer = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: customer });
    const { ctx } = await buildAgent(t, ['commerce']);
    const invoice = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email },
      { status: 'pending', unitPrice: 1999 },
    );
    const paid = await markInvoicePaid(ctx, invoice.id, { ticketNumber: ticket.number });
    assert.equal(paid.value.status, 'paid');
    assert.equal(paid.value.paid_at, t.clock.now());
    assert.equal((await markInvoicePaid(ctx, invoice.id, { ticketNumber: ticket.number })).changed, false);
    const d = await inspectInvoice(ctx, invoice.id);
    assert.deepEqual(
      d.transactions.map((x) => [x.gateway, x.amount_minor, x.status]),
      [['manual', 1999, 'paid']],
    );
    assert.deepEqual(
      (await ticketNotes(t, ticket.id)).map((n) => en.t(n.key, n.values)),
      [`Invoice #${invoice.number} marked paid (€19.99)`],
    );
  });

  it('cancels a pending invoice but not a paid one', async () => {
    const t = use();
    const { ctx } = await buildAgent(t, ['commerce']);
    const pending = await buildInvoice(t, { email: 'c@example.test' }, { status: 'pending' });
    const paid = await buildInvoice(t, { email: 'c@example.test' });
    assert.equal((await cancelInvoice(ctx, pending.id, {})).value.status, 'canceled');
    assert.equal((await cancelInvoice(ctx, pending.id, {})).changed, false);
    const before = await snapshot(t);
    await assert.rejects(cancelInvoice(ctx, paid.id, {}), code('INVOICE_STATE'));
    assert.deepEqual(await snapshot(t), before);
  });

  it('deletes only pending or canceled invoices; deleting a paid one writes nothing', async () => {
    const t = use();
    const customer = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: customer });
    const { ctx } = await buildAgent(t, ['commerce']);
    const paid = await buildInvoice(t, { userId: customer.id, email: customer.email });
    const pending = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email },
      { status: 'pending' },
    );
    const before = await snapshot(t);
    await assert.rejects(
      deleteInvoice(ctx, paid.id, { ticketNumber: ticket.number }),
      code('INVOICE_NOT_DELETABLE'),
    );
    assert.deepEqual(await snapshot(t), before);
    await deleteInvoice(ctx, pending.id, { ticketNumber: ticket.number });
    await assert.rejects(inspectInvoice(ctx, pending.id), code('NOT_FOUND'));
    assert.deepEqual(
      (await ticketNotes(t, ticket.id)).map((n) => en.t(n.key, n.values)),
      [`Invoice #${pending.number} deleted`],
    );
  });

  it('resends the invoice to the customer by mail through the outbox, in their language', async () => {
    const t = use();
    const customer = await buildUser(t, { email: 'jurgen@example.test', name: 'Jürgen' });
    await t.db.db.updateTable('users').set({ locale: 'de' }).where('id', '=', customer.id).execute();
    const { ctx } = await buildAgent(t, ['commerce']);
    const invoice = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email, name: 'Jürgen Groß' },
      { unitPrice: 123456, title: 'Jahreslizenz' },
    );
    await resendInvoice(ctx, invoice.id, {});
    await t.drainJobs();
    const mail = t.mail.last('jurgen@example.test');
    assert.equal(mail.subject, `Rechnung #${invoice.number}: Jahreslizenz`);
    assert.match(mail.text, /Gesamt: 1\.234,56\u00a0€/);
    assert.match(mail.text, /Parley Pro: 1 × 1\.234,56/);
  });

  it('mails staff who track an invoice when its status changes, but not the one who changed it', async () => {
    const t = use();
    const tracker = await buildAgent(t, ['commerce'], 'Tina Tracker');
    const other = await buildAgent(t, ['commerce', 'refunds'], 'Otto Other');
    const invoice = await buildInvoice(t, { email: 'trk@example.test' }, { status: 'pending' });
    assert.equal((await setInvoiceTracking(tracker.ctx, invoice.id, { on: true })).changed, true);
    assert.equal((await setInvoiceTracking(tracker.ctx, invoice.id, { on: true })).changed, false);
    await setInvoiceTracking(other.ctx, invoice.id, { on: true });
    assert.equal((await inspectInvoice(tracker.ctx, invoice.id)).tracking, true);
    await markInvoicePaid(other.ctx, invoice.id, {});
    await updateInvoiceNotes(other.ctx, invoice.id, { notes: 'no status change' });
    await t.drainJobs();
    assert.equal(t.mail.to(tracker.user.email).length, 1);
    assert.match(
      t.mail.last(tracker.user.email).subject,
      new RegExp(`Invoice #${invoice.number} is now Paid`),
    );
    assert.match(t.mail.last(tracker.user.email).text, /from Pending to Paid \(by Otto Other\)/);
    assert.equal(t.mail.to(other.user.email).length, 0);
    await setInvoiceTracking(tracker.ctx, invoice.id, { on: false });
    assert.equal((await inspectInvoice(tracker.ctx, invoice.id)).tracking, false);
    await refundInvoice(other.ctx, invoice.id, { amount: 100, idempotencyKey: 'after-untracking' });
    await t.drainJobs();
    assert.equal(t.mail.to(tracker.user.email).length, 1, 'no mail once untracked');
  });

  it('edits notes and details; line items only while pending', async () => {
    const t = use();
    const { ctx } = await buildAgent(t, ['commerce']);
    const pending = await buildInvoice(t, { email: 'edit@example.test' }, { status: 'pending' });
    const notes = await updateInvoiceNotes(ctx, pending.id, { notes: '  Called the customer.  ' });
    assert.equal(notes.value.notes, 'Called the customer.');
    const edited = await updateInvoiceDetails(ctx, pending.id, {
      title: 'Renamed',
      billingAddress: 'Hauptstraße 1\n10115 Berlin',
      poNumber: 'PO-7',
      notes: 'x',
      dueAt: null,
      items: [
        { name: 'A', unitPrice: 1000, quantity: 2 },
        { name: 'B', unitPrice: 500, quantity: 1 },
      ],
      tax: 475,
    });
    assert.deepEqual(
      [edited.subtotal_minor, edited.tax_minor, edited.total_minor, edited.po_number],
      [2500, 475, 2975, 'PO-7'],
    );
    const paid = await buildInvoice(t, { email: 'edit@example.test' });
    const before = await snapshot(t);
    await assert.rejects(
      updateInvoiceDetails(ctx, paid.id, {
        title: 'x',
        billingAddress: '',
        poNumber: '',
        notes: '',
        dueAt: null,
        items: [{ name: 'x', unitPrice: 1, quantity: 1 }],
      }),
      code('INVOICE_STATE'),
    );
    assert.deepEqual(await snapshot(t), before);
  });

  it('denies staff without the commerce permission, and customers, everything', async () => {
    const t = use();
    const customer = await buildUser(t);
    const { ctx: plain } = await buildAgent(t, []);
    const invoice = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email },
      { status: 'pending' },
    );
    const purchase = await buildPurchase(t, { userId: customer.id, email: customer.email });
    const before = await snapshot(t);
    for (const c of [plain, asUser(t, customer)]) {
      await assert.rejects(
        listInvoicesForCustomer(c, { customer: `user:${customer.id}` }),
        code('FORBIDDEN'),
      );
      await assert.rejects(inspectInvoice(c, invoice.id), code('FORBIDDEN'));
      await assert.rejects(markInvoicePaid(c, invoice.id, {}), code('FORBIDDEN'));
      await assert.rejects(cancelPurchase(c, purchase.id, {}), code('FORBIDDEN'));
      await assert.rejects(deleteInvoice(c, invoice.id, {}), code('FORBIDDEN'));
    }
    assert.deepEqual(await snapshot(t), before);
  });
});
