import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parse } from 'node-html-parser';
import { inspectInvoice, inspectPurchase } from '../../src/modules/commerce/index.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { text } from '../support/http.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket } from '../support/tickets.ts';
import { buildAgent, buildInvoice, buildPurchase, snapshot, ticketNotes } from './fixtures.ts';

const HX = { 'hx-request': 'true' };
const en = translator('en');

describeEachDialect('commerce in the desk', (use) => {
  async function scene() {
    const t = use();
    const customer = await buildUser(t, { name: 'Zoë Łukasiewicz' });
    const ticket = await buildTicket(t, { issuer: customer });
    const agent = await buildAgent(t);
    const invoice = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email },
      { unitPrice: 5000, title: 'Pro licence' },
    );
    const purchase = await buildPurchase(
      t,
      { userId: customer.id, email: customer.email },
      { name: 'Parley Pro' },
    );
    const browser = await agentFor(t, agent.user);
    const q = `ticket=${ticket.number}&customer=user:${customer.id}`;
    return { t, customer, ticket, agent, invoice, purchase, browser, q };
  }

  it('shows the purchases with tabs and counts and the invoices with their actions', async () => {
    const { invoice, purchase, browser, q } = await scene();
    const page = await browser.get(`/desk/commerce/preview?${q}`);
    assert.equal(page.status, 200);
    assert.equal(text(page, '#commerce-purchases-title'), 'Zoë Łukasiewicz’s purchases');
    assert.deepEqual(
      page.dom.querySelectorAll('.commerce-tabs .tab').map((a) => a.text.trim()),
      ['Active (1)', 'Expired (0)', 'Canceled (0)'],
    );
    assert.equal(text(page, `[data-purchase="${purchase.id}"] strong`), 'Parley Pro');
    const row = page.dom.querySelector(`[data-invoice="${invoice.id}"]`)!;
    assert.equal(row.querySelector('strong')!.text, `#${invoice.number}: Pro licence`);
    assert.match(row.text, /€50\.00/);
    const links = row
      .querySelectorAll('a')
      .map((a) => [a.text.trim(), a.getAttribute('hx-get') ? 'dialog' : a.getAttribute('target')]);
    assert.deepEqual(links, [
      ['Inspect', 'dialog'],
      ['Refund', 'dialog'],
      ['Resend', 'dialog'],
      ['Print', '_blank'],
      ['Download PDF', '_blank'],
      ['Edit', '_blank'],
    ]);
  });

  it('refunds without JavaScript as a page flow that returns to the ticket, once even when posted twice', async () => {
    const { t, ticket, invoice, browser, q } = await scene();
    const back = `/desk/tickets/${ticket.number}`;
    const page = await browser.get(
      `/desk/invoices/${invoice.id}/refund?${q}&back=${encodeURIComponent(back)}`,
    );
    assert.equal(page.status, 200);
    assert.ok(page.dom.querySelector('html'), 'a whole page');
    const form = page.dom.querySelector(`form[action="/desk/invoices/${invoice.id}/refund"]`)!;
    assert.equal(form.getAttribute('hx-post'), undefined, 'no htmx outside the panels');
    const fields = Object.fromEntries(
      form.querySelectorAll('input').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
    );
    assert.equal(fields.amount, '50.00');
    assert.equal(fields.back, back);
    const posted = await browser.post(`/desk/invoices/${invoice.id}/refund`, { ...fields, amount: '20' });
    assert.equal(posted.status, 303);
    assert.equal(posted.location, back);
    const again = await browser.post(`/desk/invoices/${invoice.id}/refund`, { ...fields, amount: '20' });
    assert.equal(again.status, 303);
    const d = await inspectInvoice(t.ctx(), invoice.id);
    assert.equal(d.invoice.refunded_minor, 2000);
    assert.equal(d.invoice.status, 'partially_refunded');
    assert.deepEqual(
      (await ticketNotes(t, ticket.id)).map((n) => en.t(n.key, n.values)),
      [`Invoice #${invoice.number} refunded €20.00`],
    );
  });

  it('shows a refusal on the page with its status and nothing written', async () => {
    const { t, invoice, browser, q } = await scene();
    const page = await browser.get(`/desk/invoices/${invoice.id}/refund?${q}`);
    const before = await snapshot(t);
    const fields = Object.fromEntries(
      page.dom
        .querySelectorAll('form[action$="/refund"] input')
        .map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
    );
    const tooMuch = await browser.post(`/desk/invoices/${invoice.id}/refund`, { ...fields, amount: '50.01' });
    assert.equal(tooMuch.status, 409);
    assert.equal(text(tooMuch, '.alert-error'), 'That is more than is left to refund: at most €50.00.');
    assert.equal(
      tooMuch.dom.querySelector('#f-amount')!.getAttribute('value'),
      '50.01',
      'the typed amount stays',
    );
    const garbage = await browser.post(`/desk/invoices/${invoice.id}/refund`, { ...fields, amount: 'lots' });
    assert.equal(garbage.status, 400);
    assert.equal(text(garbage, '.field-error'), 'Enter an amount such as 12.50.');
    assert.deepEqual(await snapshot(t), before);
  });

  it('opens actions as dialogs with htmx and answers a post with the refreshed panels', async () => {
    const { t, ticket, invoice, browser, q } = await scene();
    const dialog = await browser.get(`/desk/invoices/${invoice.id}?${q}`, HX);
    assert.equal(dialog.status, 200);
    assert.equal(dialog.dom.querySelector('html'), null, 'a fragment');
    assert.equal(text(dialog, 'dialog[data-dialog] h2'), `Invoice #${invoice.number}`);
    assert.match(text(dialog, '.invoice-items'), /Parley Pro/);
    const form = (await browser.get(`/desk/invoices/${invoice.id}/refund?${q}`, HX)).dom.querySelector(
      'form[method=post]',
    )!;
    assert.equal(form.getAttribute('hx-target'), '#commerce-panels');
    const fields = Object.fromEntries(
      form.querySelectorAll('input').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
    );
    const res = await browser.request({
      method: 'POST',
      url: `/desk/invoices/${invoice.id}/refund`,
      headers: { ...HX, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': browser.csrf! },
      payload: new URLSearchParams({ ...fields, amount: '12.50' }).toString(),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(String(res.headers['hx-trigger'])), {
      'commerce:changed': { ticket: ticket.number },
    });
    const panels = parse(res.body);
    assert.equal(panels.querySelector('#commerce-panels') !== null, true);
    assert.equal(
      panels.querySelector('.commerce-notice')!.text.trim(),
      `Invoice #${invoice.number} refunded €12.50.`,
    );
    assert.match(panels.querySelector(`[data-invoice="${invoice.id}"]`)!.text, /Partially refunded/);

    const refused = await browser.request({
      method: 'POST',
      url: `/desk/invoices/${invoice.id}/refund`,
      headers: { ...HX, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': browser.csrf! },
      payload: new URLSearchParams({ ...fields, idempotencyKey: 'another-key-1', amount: '100' }).toString(),
    });
    assert.equal(refused.status, 200, 'htmx swaps only 2xx');
    assert.equal(refused.headers['hx-retarget'], '#commerce-dialog');
    assert.equal(
      parse(refused.body).querySelector('dialog .alert-error')!.text.trim(),
      'That is more than is left to refund: at most €37.50.',
    );
    assert.equal((await inspectInvoice(t.ctx(), invoice.id)).invoice.refunded_minor, 1250);
  });

  it('cancels a purchase with a reason and reinstates it from the dialogs without JavaScript', async () => {
    const { t, ticket, purchase, browser, q } = await scene();
    const page = await browser.get(`/desk/purchases/${purchase.id}/cancel?${q}`);
    assert.equal(text(page, 'h1'), `Cancel purchase #${purchase.id}`);
    const res = await browser.post(`/desk/purchases/${purchase.id}/cancel`, {
      ticket: String(ticket.number),
      back: `/desk/tickets/${ticket.number}`,
      reason: 'Duplicate order',
    });
    assert.equal(res.status, 303);
    assert.equal((await inspectPurchase(t.ctx(), purchase.id)).purchase.state, 'canceled');
    const reinstate = await browser.post(`/desk/purchases/${purchase.id}/reinstate`, {
      ticket: String(ticket.number),
    });
    assert.equal(reinstate.location, `/desk/tickets/${ticket.number}`);
    const refused = await browser.post(`/desk/purchases/${purchase.id}/reinstate`, {
      ticket: String(ticket.number),
    });
    assert.equal(refused.status, 409);
    assert.equal(text(refused, '.alert-error'), 'Only a canceled purchase can be reinstated.');
    assert.equal((await ticketNotes(t, ticket.id)).length, 2);
  });

  it('returns only to same-site paths', async () => {
    const { invoice, browser, q } = await scene();
    await browser.get(`/desk/invoices/${invoice.id}?${q}`);
    for (const back of ['https://evil.example/x', '//evil.example/x', '/\\evil.example']) {
      const res = await browser.post(`/desk/invoices/${invoice.id}/notes`, {
        notes: `note ${back}`,
        back,
        ticket: '',
      });
      assert.equal(res.status, 303);
      assert.ok(res.location?.startsWith('/desk'), `${back} → ${res.location}`);
    }
  });

  it('answers 403 without permission: no commerce, or a refund without refunds; nothing written', async () => {
    const { t, invoice, q } = await scene();
    const plain = await agentFor(t, (await buildAgent(t, [])).user);
    assert.equal((await plain.get('/desk/products')).status, 403);
    assert.equal((await plain.get(`/desk/invoices/${invoice.id}?${q}`)).status, 403);
    assert.equal((await plain.get(`/desk/commerce/preview?${q}`)).status, 403);
    const commerceOnly = await agentFor(t, (await buildAgent(t, ['commerce'])).user);
    const page = await commerceOnly.get(`/desk/commerce/preview?${q}`);
    assert.equal(page.status, 200);
    assert.equal(
      page.dom.querySelectorAll('a').filter((a) => a.text.trim() === 'Refund').length,
      0,
      'no refund button',
    );
    const before = await snapshot(t);
    for (const agent of [plain, commerceOnly]) {
      const res = await agent.post(`/desk/invoices/${invoice.id}/refund`, {
        amount: '1',
        currency: 'EUR',
        idempotencyKey: 'forbidden-1',
      });
      assert.equal(res.status, 403);
    }
    assert.equal((await plain.post(`/desk/invoices/${invoice.id}/mark-paid`, {})).status, 403);
    assert.deepEqual(await snapshot(t), before);
  });

  it('lists and edits products, with prices typed in major units', async () => {
    const { browser } = await scene();
    await browser.get('/desk/products/new');
    const bad = await browser.post('/desk/products', {
      name: 'Seat',
      price: '9.90',
      currency: 'EURO',
      active: '1',
    });
    assert.equal(bad.status, 400);
    assert.equal(text(bad, '#f-currency-error'), 'Use a three-letter currency code such as EUR.');
    const ok = await browser.post('/desk/products', {
      name: 'Seat',
      price: '9,90',
      currency: 'eur',
      externalId: 'seat-1',
      active: '1',
    });
    assert.equal(ok.location, '/desk/products');
    const list = await browser.get('/desk/products');
    assert.deepEqual(
      list.dom
        .querySelectorAll('tbody tr')
        .map((tr) => tr.querySelectorAll('td').map((td) => td.text.trim())),
      [['Seat', '€9.90', 'seat-1', 'Offered']],
    );
  });

  it('edits an invoice on its own page and prints it, with a PDF download', async () => {
    const { t, customer, browser } = await scene();
    const pending = await buildInvoice(
      t,
      { userId: customer.id, email: customer.email },
      { status: 'pending', title: 'Draft' },
    );
    await browser.get(`/desk/invoices/${pending.id}/edit`);
    const saved = await browser.post(`/desk/invoices/${pending.id}/edit`, {
      title: 'Support plan',
      billingAddress: 'Hauptstraße 1',
      poNumber: 'PO-1',
      dueAt: '2026-03-31',
      notes: '',
      item_name: ['Support', 'Setup', ''],
      item_price: ['100.00', '25', ''],
      item_qty: ['2', '', ''],
      tax: '19.00',
    });
    assert.equal(saved.status, 303);
    const d = await inspectInvoice(t.ctx(), pending.id);
    assert.deepEqual(
      [d.invoice.title, d.invoice.total_minor, d.items.length, d.invoice.due_at],
      ['Support plan', 24400, 2, Date.UTC(2026, 2, 31)],
    );
    const print = await browser.get(`/desk/invoices/${pending.id}/print`);
    assert.equal(text(print, 'h1'), `Invoice #${pending.number}`);
    assert.match(text(print, '.invoice-items'), /Support.*€100\.00.*2.*€200\.00/s);
    const pdf = await browser.get(`/desk/invoices/${pending.id}.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.body.slice(0, 5), '%PDF-');
  });
});
