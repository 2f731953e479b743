import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createCategory, createStatus } from '../../src/modules/taxonomy/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { text, type Agent, type Page } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket, generalCategoryId, statusId } from '../support/tickets.ts';
import { adminCtx, taxonomySnapshot } from './support.ts';

/** The fields of a form as the page rendered them, like a browser would submit them. */
function fieldsOf(page: Page, selector = 'main form.card'): Record<string, string> {
  const form = page.dom.querySelector(selector);
  assert.ok(form, `form ${selector} on the page`);
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    const type = input.getAttribute('type');
    if (!name || name === '_csrf') continue;
    if (type === 'checkbox') {
      if (input.hasAttribute('checked')) fields[name] = input.getAttribute('value') ?? 'on';
    } else fields[name] = input.getAttribute('value') ?? '';
  }
  for (const area of form.querySelectorAll('textarea')) fields[area.getAttribute('name')!] = area.text;
  return fields;
}

async function adminAgent(t: Parameters<typeof buildUser>[0]): Promise<Agent> {
  return agentFor(t, await buildUser(t, { role: 'admin' }), { 'accept-language': 'en' });
}

describeEachDialect('the desk pages for categories, statuses and priorities', (use) => {
  it('creates a category through the form and previews every language with its fallback', async () => {
    const t = use();
    const admin = await adminAgent(t);
    const res = await admin.submit('/desk/categories/new', '/desk/categories', {
      'names.en': 'Multiplayer',
      'names.de': '',
      'disclaimers.en': 'Include your **server address**.',
      'disclaimers.de': '',
    });
    assert.equal(res.status, 303);
    const edit = await admin.get(res.location!);
    assert.equal(edit.status, 200);
    assert.equal(text(edit, '.alert-success'), 'The category has been created.');
    assert.equal(edit.dom.querySelector('#f-names-en')?.getAttribute('value'), 'Multiplayer');
    const de = edit.dom.querySelector('[data-preview-locale="de"]')!;
    assert.equal(text({ ...edit, dom: de } as Page, '.preview-name'), 'Multiplayer');
    assert.match(de.text, /\(from English\)/, 'the German preview says it borrows the English name');
    assert.equal(de.querySelector('.preview-disclaimer strong')?.text, 'server address');
    assert.equal(edit.body.includes(' style='), false, 'no inline styles under the CSP');
    const list = await admin.get('/desk/categories');
    assert.ok(list.dom.querySelectorAll('tbody td a').some((a) => a.text === 'Multiplayer'));
  });

  it('re-renders the form with a clear error and the input kept, writing nothing, for each bad input', async () => {
    const t = use();
    const admin = await adminAgent(t);
    const before = await taxonomySnapshot(t);
    const missing = await admin.submit('/desk/categories/new', '/desk/categories', {
      'names.en': '',
      'names.de': 'Nur Deutsch',
    });
    assert.equal(missing.status, 400);
    assert.equal(text(missing, '#f-names-en-error'), 'The default language needs a name.');
    assert.equal(missing.dom.querySelector('#f-names-de')?.getAttribute('value'), 'Nur Deutsch');
    const duplicate = await admin.submit('/desk/categories/new', '/desk/categories', {
      'names.en': 'GENERAL',
    });
    assert.equal(duplicate.status, 400);
    assert.equal(
      text(duplicate, '#f-names-en-error'),
      'Another entry already has this name in this language.',
    );
    const colour = await admin.submit('/desk/statuses/new', '/desk/statuses', {
      'names.en': 'Odd colours',
      closingField: '1',
      'colors.light.background': 'rebeccapurple',
      'colors.light.text': '#000000',
      'colors.dark.background': '#333333',
      'colors.dark.text': '#ffffff',
    });
    assert.equal(colour.status, 400);
    assert.equal(
      text(colour, '#f-colors-light-background-error'),
      'Enter a colour as #rrggbb, for example #1e3a8a.',
    );
    assert.equal(colour.dom.querySelector('#f-names-en')?.getAttribute('value'), 'Odd colours');
    assert.equal(await taxonomySnapshot(t), before);
  });

  it('refuses a stale edit form, keeping the input and writing nothing', async () => {
    const t = use();
    const admin = await adminAgent(t);
    const general = await generalCategoryId(t);
    const mine = await admin.get(`/desk/categories/${general}`);
    const theirs = await adminAgent(t);
    const first = await theirs.submit(`/desk/categories/${general}`, `/desk/categories/${general}`, {
      ...fieldsOf(await theirs.get(`/desk/categories/${general}`)),
      'names.en': 'General questions',
    });
    assert.equal(first.status, 303);
    const before = await taxonomySnapshot(t);
    const stale = await admin.post(`/desk/categories/${general}`, { ...fieldsOf(mine), 'names.en': 'Misc' });
    assert.equal(stale.status, 409);
    assert.match(text(stale, '.alert-error'), /Someone changed this in the meantime/);
    assert.equal(stale.dom.querySelector('#f-names-en')?.getAttribute('value'), 'Misc', 'the input is kept');
    assert.equal(await taxonomySnapshot(t), before);
    const retry = await admin.post(`/desk/categories/${general}`, fieldsOf(stale));
    assert.equal(retry.status, 303, 'saving the refreshed form again is deliberate and works');
  });

  it('deletes a category with tickets only after asking where they go', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const target = await createCategory(ctx, { names: { en: 'Everything else' } });
    const general = await generalCategoryId(t);
    await buildTicket(t);
    await buildTicket(t);
    const admin = await adminAgent(t);
    const page = await admin.get(`/desk/categories/${general}/delete`);
    assert.equal(page.status, 200);
    assert.match(text(page, 'main form'), /2 tickets use this/);
    assert.ok(page.dom.querySelector(`#f-moveTo option[value="${target.id}"]`));
    const before = await taxonomySnapshot(t);
    const refused = await admin.post(`/desk/categories/${general}/delete`, { moveTo: '' });
    assert.equal(refused.status, 400);
    assert.match(text(refused, 'main'), /Tickets still use this. Choose where they should go./);
    assert.equal(await taxonomySnapshot(t), before);
    const done = await admin.post(`/desk/categories/${general}/delete`, { moveTo: String(target.id) });
    assert.equal(done.status, 303);
    const list = await admin.get('/desk/categories');
    assert.equal(text(list, '.alert-success'), 'Deleted. 2 tickets were moved.');
  });

  it('never offers to delete a builtin status and refuses when asked anyway', async () => {
    const t = use();
    const admin = await adminAgent(t);
    const fresh = await statusId(t, 'new');
    const list = await admin.get('/desk/statuses');
    assert.equal(list.status, 200);
    assert.equal(list.dom.querySelector(`a[href="/desk/statuses/${fresh}/delete"]`), null);
    assert.ok(list.dom.querySelector(`a[href="/desk/statuses/${await statusId(t, 'halted')}/delete"]`));
    const page = await admin.get(`/desk/statuses/${fresh}/delete`);
    assert.equal(page.status, 409);
    assert.match(text(page, '.alert-error'), /built in and cannot be deleted/);
    assert.equal(page.dom.querySelector('main form.card'), null);
    const before = await taxonomySnapshot(t);
    const post = await admin.post(`/desk/statuses/${fresh}/delete`, {
      moveTo: String(await statusId(t, 'halted')),
    });
    assert.equal(post.status, 409);
    assert.equal(await taxonomySnapshot(t), before);
    const edit = await admin.get(`/desk/statuses/${fresh}`);
    assert.ok(edit.dom.querySelector('input[type=checkbox][disabled]'), 'its closing box cannot change');
  });

  it('warns about low contrast with a suggested text colour and previews both schemes', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const status = await createStatus(ctx, {
      names: { en: 'Pale', de: 'Blass' },
      colors: {
        light: { background: '#777777', text: '#ffffff' },
        dark: { background: '#111111', text: '#eeeeee' },
      },
    });
    const admin = await adminAgent(t);
    const page = await admin.get(`/desk/statuses/${status.id}`);
    assert.equal(
      text(page, '[data-contrast="light"]'),
      'Contrast 4.4:1 is below 4.5:1 and hard to read. Suggested text colour: black.',
    );
    assert.match(text(page, '[data-contrast="dark"]'), /^Contrast 16\.\d:1: easy to read\.$/);
    assert.equal(page.dom.querySelectorAll(`.label-scheme-light .label.status-${status.id}`).length, 2);
    assert.equal(page.dom.querySelectorAll(`.label-scheme-dark .label.status-${status.id}`).length, 2);
    assert.ok(
      page.dom.querySelector('input[type=color][name="colors.dark.text"][data-label-color="dark-fg"]'),
    );
    assert.equal(page.body.includes(' style='), false);
    const fixed = await admin.post(`/desk/statuses/${status.id}`, {
      ...fieldsOf(page),
      'colors.light.text': '#000000',
    });
    assert.equal(fixed.status, 303);
    const after = await admin.get(`/desk/statuses/${status.id}`);
    assert.match(text(after, '[data-contrast="light"]'), /easy to read/);
  });

  it('reorders statuses with the arrow buttons and edits a priority', async () => {
    const t = use();
    const admin = await adminAgent(t);
    const halted = await statusId(t, 'halted');
    const list = await admin.get('/desk/statuses');
    const up = list.dom.querySelector(`form[action="/desk/statuses/${halted}/move"] input[name=position]`);
    assert.equal(up?.getAttribute('value'), '1');
    await admin.post(`/desk/statuses/${halted}/move`, { position: '1' });
    const after = await admin.get('/desk/statuses');
    const order = after.dom
      .querySelectorAll('tbody tr[data-status]')
      .map((r) => r.getAttribute('data-status'));
    assert.equal(order[1], String(halted));
    const prio = await admin.get('/desk/statuses/priorities/-2');
    assert.equal(prio.status, 200);
    const saved = await admin.post('/desk/statuses/priorities/-2', {
      ...fieldsOf(prio),
      'names.en': 'Someday',
    });
    assert.equal(saved.status, 303);
    const rows = (await admin.get('/desk/statuses')).dom.querySelector('tr[data-priority="-2"]');
    assert.match(rows?.text ?? '', /Someday/);
    assert.equal((await admin.get('/desk/statuses/priorities/3')).status, 404);
  });

  it('shows the pages only to staff with the permission', async () => {
    const t = use();
    const staff = await agentFor(t, await buildUser(t, { role: 'staff' }));
    assert.equal((await staff.get('/desk/categories')).status, 403);
    assert.equal((await staff.get('/desk/statuses')).status, 403);
    const categoriesOnly = await agentFor(
      t,
      await buildUser(t, { role: 'staff', permissions: ['categories'] }),
    );
    assert.equal((await categoriesOnly.get('/desk/categories')).status, 200);
    assert.equal((await categoriesOnly.get('/desk/statuses')).status, 403);
    const customer = await agentFor(t, await buildUser(t));
    assert.equal((await customer.get('/desk/categories')).status, 404);
  });
});
