import assert from 'node:assert/strict';
import { it } from 'node:test';
import { getSiteSettings } from '../../src/modules/settings/index.ts';
import { DEFAULT_UPLOAD_TYPES } from '../../src/platform/storage/file-types.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';

describeEachDialect('allowed attachment types in the site settings', (use) => {
  it('defaults to images, PDF, text, JSON and ZIP, and lets an admin change them in the desk', async () => {
    const t = use();
    assert.deepEqual((await getSiteSettings(t.ctx())).uploadTypes, DEFAULT_UPLOAD_TYPES);
    assert.ok(!DEFAULT_UPLOAD_TYPES.includes('application/gzip'));
    const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
    const page = await admin.get('/desk/settings');
    const boxes = page.dom.querySelectorAll('input[name=uploadTypes]');
    assert.equal(boxes.length, 9);
    assert.equal(
      page.dom.querySelectorAll('input[name=uploadTypes][checked]').length,
      DEFAULT_UPLOAD_TYPES.length,
    );

    const form = {
      siteName: 'Parley',
      defaultLocale: 'en',
      enabledLocales: ['en', 'de'],
      enabledLocalesShown: '1',
    };
    const saved = await admin.post('/desk/settings', {
      ...form,
      uploadTypesShown: '1',
      uploadTypes: ['text/plain', 'application/gzip'],
    });
    assert.equal(saved.status, 303);
    assert.deepEqual((await getSiteSettings(t.ctx())).uploadTypes, ['text/plain', 'application/gzip']);

    await admin.get('/desk/settings');
    const bogus = await admin.post('/desk/settings', {
      ...form,
      uploadTypesShown: '1',
      uploadTypes: ['text/html'],
    });
    assert.equal(bogus.status, 400, 'only types Parley can recognise');
    await admin.get('/desk/settings');
    const older = await admin.post('/desk/settings', form);
    assert.equal(older.status, 303);
    assert.deepEqual(
      (await getSiteSettings(t.ctx())).uploadTypes,
      ['text/plain', 'application/gzip'],
      'a form without the boxes keeps the types',
    );
  });
});
