import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ticketPath } from '../../src/modules/tickets/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { Agent } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket } from '../support/tickets.ts';

describeEachDialect('renewing a leaked ticket link', (use) => {
  it('gives the ticket a new key: the old link is a 404 at once, the issuer is mailed the new one', async () => {
    const t = use();
    const ticket = await buildTicket(t, { guest: { name: 'Gus', email: 'gus@example.test' } });
    const oldPath = ticketPath(ticket);
    const guest = new Agent(t.app);
    assert.equal((await guest.get(oldPath)).status, 200);
    await t.drainJobs();

    const staff = await agentFor(t, await buildUser(t, { role: 'staff' }));
    await staff.get(`/desk/tickets/${ticket.number}`);
    const renewed = await staff.post(`/desk/tickets/${ticket.number}/renew-link`);
    assert.equal(renewed.status, 303);
    const row = await t.db.db
      .selectFrom('tickets')
      .select('key')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.key, ticket.key);
    assert.match(row.key, /^[A-Za-z0-9_-]{24}$/);

    assert.equal((await guest.get(oldPath)).status, 404, 'the leaked link is dead');
    await t.drainJobs();
    const mail = t.mail.last('gus@example.test');
    assert.match(mail.subject, new RegExp(`New link to your ticket #${ticket.number}`));
    const newPath = ticketPath({ key: row.key, subject: ticket.subject });
    assert.ok(mail.text.includes(`http://parley.test${newPath}`), mail.text);
    assert.ok(!mail.text.includes(ticket.key), 'the old key is not repeated');
    const page = await guest.get(newPath);
    assert.equal(page.status, 200);
    assert.match(page.body, /link was renewed/);
  });

  it('is for staff only: a customer gets the same 404 as for a missing page, and nothing changes', async () => {
    const t = use();
    const owner = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: owner });
    const agent = await agentFor(t, owner);
    assert.equal((await agent.post(`/desk/tickets/${ticket.number}/renew-link`)).status, 404);
    const row = await t.db.db
      .selectFrom('tickets')
      .select('key')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.key, ticket.key);
    const staff = await agentFor(t, await buildUser(t, { role: 'staff' }));
    assert.equal((await staff.post('/desk/tickets/999999/renew-link')).status, 404);
  });
});
