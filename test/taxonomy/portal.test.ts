import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createCategory, createStatus } from '../../src/modules/taxonomy/index.ts';
import { ticketPath } from '../../src/modules/tickets/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { Agent, text } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket } from '../support/tickets.ts';
import { adminCtx } from './support.ts';

describeEachDialect('taxonomy names and disclaimers on the pages', (use) => {
  it('shows a translated category and status in German to a German customer and in English to an English agent', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const category = await createCategory(ctx, { names: { en: 'Billing', de: 'Abrechnung' } });
    const status = await createStatus(ctx, { names: { en: 'Waiting for parts', de: 'Wartet auf Teile' } });
    const customer = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: customer });
    await t.db.db
      .updateTable('tickets')
      .set({ category_id: category.id, status_id: status.id, priority: 2 })
      .where('id', '=', ticket.id)
      .execute();

    const german = await agentFor(t, customer, { 'accept-language': 'de-DE,de;q=0.9' });
    const page = await german.get(ticketPath(ticket));
    assert.equal(page.status, 200);
    assert.equal(page.dom.querySelector('html')?.getAttribute('lang'), 'de');
    assert.equal(text(page, `.ticket-head .label.status-${status.id}`), 'Wartet auf Teile');
    assert.equal(text(page, '.ticket-head .label-category'), 'Abrechnung');
    assert.equal(text(page, '.ticket-head .label.priority-2'), 'Dringend');
    const list = await german.get('/tickets');
    assert.match(text(list, '.ticket-list'), /Wartet auf Teile/);

    const agent = await agentFor(t, await buildUser(t, { role: 'staff' }), { 'accept-language': 'en-GB,en' });
    const desk = await agent.get(`/desk/tickets/${ticket.number}`);
    assert.equal(desk.status, 200);
    assert.equal(desk.dom.querySelector('html')?.getAttribute('lang'), 'en');
    assert.match(text(desk, '.ticket-head'), /Waiting for parts/);
    assert.match(text(desk, '.ticket-head'), /Billing/);
    assert.doesNotMatch(desk.body, /Wartet auf Teile|Abrechnung/);
    const portalView = await agent.get(ticketPath(ticket));
    assert.equal(text(portalView, `.ticket-head .label.status-${status.id}`), 'Waiting for parts');
  });

  it('shows the chosen category’s disclaimer on the new-ticket form, safely rendered', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const payload =
      'Read **this** first. <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))';
    const category = await createCategory(ctx, {
      names: { en: 'Security', de: 'Sicherheit' },
      disclaimers: { en: payload, de: 'Bitte **keine** Passwörter senden.' },
      position: 0,
    });
    const guest = new Agent(t.app, { 'accept-language': 'en' });
    const form = await guest.get('/tickets/new');
    assert.equal(form.status, 200);
    assert.ok(
      form.dom.querySelector(`#f-categoryId option[value="${category.id}"]`)?.hasAttribute('selected'),
      'the first category in the list is chosen',
    );
    const box = form.dom.querySelector(`[data-disclaimer-for="${category.id}"]`);
    assert.ok(box, 'the disclaimer is on the form');
    assert.equal(box.hasAttribute('hidden'), false, 'and shown, since its category is chosen');
    assert.equal(box.querySelector('strong')?.text, 'this');
    assert.equal(box.querySelector('script'), null);
    assert.equal(box.querySelector('img'), null);
    assert.equal(box.querySelector('[onerror]'), null);
    assert.equal(box.querySelector('a'), null, 'no javascript: link');
    assert.doesNotMatch(box.innerHTML, /<script|<img|href=/i);
    assert.match(box.text, /<script>alert\(1\)<\/script>/, 'the payload is shown as text');

    const german = await new Agent(t.app, { 'accept-language': 'de' }).get('/tickets/new');
    const deBox = german.dom.querySelector(`[data-disclaimer-for="${category.id}"]`);
    assert.equal(deBox?.querySelector('strong')?.text, 'keine');
    assert.equal(
      german.dom.querySelector(`option[value="${category.id}"]`)?.text,
      'Sicherheit',
      'the category is named in German',
    );
  });

  it('serves label colours of statuses and priorities as one stylesheet with an ETag', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const status = await createStatus(ctx, {
      names: { en: 'Escalated' },
      colors: {
        light: { background: '#fde68a', text: '#111111' },
        dark: { background: '#451a03', text: '#fef3c7' },
      },
    });
    const first = await t.app.inject({ url: '/styles/labels.css' });
    assert.equal(first.statusCode, 200);
    assert.match(String(first.headers['content-type']), /^text\/css/);
    assert.match(
      first.body,
      new RegExp(
        `\\.status-${status.id}\\{--label-light-bg:#fde68a;--label-light-fg:#111111;--label-dark-bg:#451a03;--label-dark-fg:#fef3c7\\}`,
      ),
    );
    assert.match(first.body, /\.priority-m2\{--label-light-bg:#efefef;/);
    assert.match(first.body, /\.priority-2\{--label-light-bg:#860d0d;--label-light-fg:#ffffff;/);
    const etag = String(first.headers.etag);
    const again = await t.app.inject({ url: '/styles/labels.css', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    await t.app.inject({ url: '/styles/labels.css' });
    const { updatePriority } = await import('../../src/modules/taxonomy/index.ts');
    await updatePriority(ctx, 2, { colors: { light: { background: '#7f1d1d' } } });
    const changed = await t.app.inject({ url: '/styles/labels.css', headers: { 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200, 'a colour change shows at once');
    assert.notEqual(changed.headers.etag, etag);
    assert.match(changed.body, /\.priority-2\{--label-light-bg:#7f1d1d;/);
  });
});
