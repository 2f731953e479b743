import assert from 'node:assert/strict';
import { it } from 'node:test';
import { getSiteSettings } from '../../src/modules/settings/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket } from '../support/tickets.ts';

const FORM = {
  mailSettingsShown: '1',
  siteName: 'Parley',
  defaultLocale: 'en',
  registration: 'open',
  mailFromName: 'Help Desk',
  mailFromAddress: 'help@example.test',
  replyDomain: 'In.Example.Test',
  mailFooter: 'Example Ltd\nSomewhere 1',
  timeZone: 'Europe/Berlin',
};

describeEachDialect('mail site settings', (use) => {
  it('lets an admin set sender, reply domain, footer and time zone in the desk', async () => {
    const t = use();
    const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
    const page = await admin.get('/desk/settings');
    assert.ok(page.dom.querySelector('select[name="timeZone"] option[value="Europe/Berlin"]'));
    assert.ok(page.dom.querySelector('textarea[name="mailFooter"]'));
    const res = await admin.post('/desk/settings', FORM);
    assert.equal(res.status, 303);
    const saved = await getSiteSettings({ db: t.db.db });
    assert.deepEqual(
      [saved.mailFromName, saved.mailFromAddress, saved.replyDomain, saved.mailFooter, saved.timeZone],
      ['Help Desk', 'help@example.test', 'in.example.test', 'Example Ltd\nSomewhere 1', 'Europe/Berlin'],
    );
    const again = await admin.get('/desk/settings');
    assert.equal(
      again.dom.querySelector('input[name="replyDomain"]')?.getAttribute('value'),
      'in.example.test',
    );
  });

  it('refuses values that would break a mail header, keeping what was typed', async () => {
    const t = use();
    const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
    await admin.get('/desk/settings');
    const bad = await admin.post('/desk/settings', {
      ...FORM,
      mailFromName: 'Evil"\r\nBcc: x@y',
      replyDomain: 'not a domain',
      timeZone: 'Mars/Olympus',
    });
    assert.equal(bad.status, 400);
    for (const field of ['mailFromName', 'replyDomain'])
      assert.ok(bad.dom.querySelector(`#f-${field}-error`));
    assert.equal(bad.dom.querySelector('input[name="replyDomain"]')?.getAttribute('value'), 'not a domain');
    assert.equal((await getSiteSettings({ db: t.db.db })).timeZone, 'Europe/Berlin', 'nothing was saved');
  });

  it('puts the sender, the footer and the reply address on outgoing mail', async () => {
    const t = use();
    const ticket = await buildTicket(t, { guest: { name: 'Rae', email: 'rae@example.test' } });
    await t.drainJobs();
    const mail = t.mail.last('rae@example.test');
    assert.deepEqual(mail.from, { name: 'Help Desk', address: 'help@example.test' });
    assert.match(mail.replyTo!, /^help\+[0-9a-z]+-[0-9a-f]{12}-[0-9a-f]{12}@in\.example\.test$/);
    assert.match(mail.messageId!, /@in\.example\.test>$/);
    assert.match(mail.text, /Example Ltd\nSomewhere 1/);
    assert.match(mail.subject, new RegExp(`^\\[#${ticket.number}\\]`));
  });
});
