import assert from 'node:assert/strict';
import { it } from 'node:test';
import { getSiteSettings } from '../../src/modules/settings/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { Agent, text } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import { generalCategoryId } from '../support/tickets.ts';

const SETTINGS = { siteName: 'Parley', registration: 'open', captchaGuests: 'on', enabledLocalesShown: '1' };

describeEachDialect('site languages', (use) => {
  it('offers only the enabled languages, and keeps translations of a disabled one', async () => {
    const t = use();
    const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
    const page = await admin.get('/desk/settings');
    assert.deepEqual(
      page.dom
        .querySelectorAll('input[name=enabledLocales]')
        .map((i) => [i.getAttribute('value'), i.hasAttribute('checked')]),
      [
        ['en', true],
        ['de', true],
      ],
    );
    const refused = await admin.post('/desk/settings', {
      ...SETTINGS,
      defaultLocale: 'de',
      enabledLocales: ['en'],
    });
    assert.equal(refused.status, 400);
    assert.equal(text(refused, '#f-enabledLocales-error'), 'Offer at least the default language.');
    assert.deepEqual((await getSiteSettings(t.ctx())).enabledLocales, ['en', 'de'], 'nothing saved');

    const saved = await admin.post('/desk/settings', {
      ...SETTINGS,
      defaultLocale: 'en',
      enabledLocales: ['en'],
    });
    assert.equal(saved.status, 303);
    const visitor = new Agent(t.app, { 'accept-language': 'de-DE,de;q=0.9' });
    visitor.setCookie('parley_locale', 'de');
    const home = await visitor.get('/tickets/new');
    assert.equal(
      home.dom.querySelector('html')?.getAttribute('lang'),
      'en',
      'German is not offered any more',
    );
    assert.deepEqual(
      home.dom.querySelectorAll('#footer-locale option').map((o) => o.getAttribute('value')),
      ['en'],
    );
    assert.equal(home.dom.querySelector(`option[value="${await generalCategoryId(t)}"]`)?.text, 'General');

    const general = await generalCategoryId(t);
    const edit = await admin.get(`/desk/categories/${general}`);
    assert.equal(edit.dom.querySelector('#f-names-de'), null, 'only enabled languages are edited');
    const res = await admin.post(`/desk/categories/${general}`, {
      version: edit.dom.querySelector('input[name=version]')!.getAttribute('value')!,
      'names.en': 'General questions',
      'disclaimers.en': '',
    });
    assert.equal(res.status, 303);
    const names = await t.db.db
      .selectFrom('category_translations')
      .select(['locale', 'name'])
      .where('category_id', '=', general)
      .orderBy('locale')
      .execute();
    assert.deepEqual(names, [
      { locale: 'de', name: 'Allgemein' },
      { locale: 'en', name: 'General questions' },
    ]);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'settings.update')
      .execute();
    assert.ok(audit.some((a) => JSON.parse(a.data).enabledLocales?.to?.join() === 'en'));
    await admin.post('/desk/settings', { ...SETTINGS, defaultLocale: 'en', enabledLocales: ['en', 'de'] });
  });
});
