import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { inboundBadgesForMessages } from '../../src/modules/inbound/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { composeMail, fixture } from './fixtures.ts';
import { ingest, inboundRow } from './support.ts';

describeEachDialect('the desk Inbound page', (use) => {
  it('lists a mail that failed, keeps its raw original, and processes it on retry', async () => {
    const t = use();
    // No category takes new tickets: applying fails, and the mail must not be lost.
    await t.db.db
      .updateTable('categories')
      .set({ active: 0, updated_at: t.clock.now() + 1 })
      .execute();
    const failed = await ingest(
      t,
      composeMail({ from: 'f@example.test', to: 's@example.test', subject: 'Help', body: 'Please' }),
    );
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /category/);

    const staff = await buildUser(t, { role: 'staff' });
    const agent = await agentFor(t, staff);
    const list = await agent.get('/desk/inbound');
    assert.equal(list.status, 200);
    const link = list.dom.querySelector(`a[href="/desk/inbound/${failed.id}"]`);
    assert.equal(link?.textContent, 'Help');

    const detail = await agent.get(`/desk/inbound/${failed.id}`);
    assert.match(detail.dom.querySelector('pre.mail-body')?.textContent ?? '', /Please/);
    const raw = await agent.get(`/desk/inbound/${failed.id}/raw`);
    assert.equal(raw.status, 200);
    assert.match(raw.body, /Subject: Help/);

    await t.db.db
      .updateTable('categories')
      .set({ active: 1, updated_at: t.clock.now() + 2 })
      .execute();
    await agent.submit(`/desk/inbound/${failed.id}`, `/desk/inbound/${failed.id}/retry`, {});
    await t.drainJobs();
    const after = await inboundRow(t, failed.id);
    assert.equal(after.status, 'processed');
    assert.equal(after.decision, 'newTicket');
    const again = await agent.get('/desk/inbound');
    assert.equal(
      again.dom.querySelector(`a[href="/desk/inbound/${failed.id}"]`),
      null,
      'no longer needs attention',
    );
  });

  it('shows a held mail with its reason and opens it as a ticket on request', async () => {
    const t = use();
    const held = await ingest(t, fixture('036'));
    assert.equal(held.status, 'held');
    const agent = await agentFor(t, await buildUser(t, { role: 'staff' }));
    const detail = await agent.get(`/desk/inbound/${held.id}`);
    assert.match(detail.body, /Email held: mailing-list mail from wk@gnupg\.org/);
    await agent.submit(`/desk/inbound/${held.id}`, `/desk/inbound/${held.id}/open`, {});
    await t.drainJobs();
    const opened = await inboundRow(t, held.id);
    assert.deepEqual([opened.status, opened.decision], ['processed', 'newTicketByStaff']);
  });

  it('tells the ticket page how each mailed message was routed, and hides inbound mail from customers', async () => {
    const t = use();
    const row = await ingest(
      t,
      composeMail({ from: 'g@example.test', to: 's@example.test', subject: 'Hi', body: 'Text' }),
    );
    const staff = await buildUser(t, { role: 'staff' });
    const badges = await inboundBadgesForMessages(t.ctx(actorFromUser(staff)), [
      row.ticket_message_id!,
      999_999,
    ]);
    assert.deepEqual([...badges.keys()], [row.ticket_message_id]);
    assert.equal(badges.get(row.ticket_message_id!)?.key, 'inbound.decision.newTicket');
    assert.equal(badges.get(row.ticket_message_id!)?.originalUrl, `/desk/inbound/${row.id}`);
    const ticket = await t.db.db
      .selectFrom('tickets')
      .select('number')
      .where('id', '=', row.ticket_id!)
      .executeTakeFirstOrThrow();
    const page = await (await agentFor(t, staff)).get(`/desk/tickets/${ticket.number}`);
    assert.match(page.body, /New ticket from email: no match/, 'the decision is in the desk timeline');
    const via = page.dom.querySelector('.timeline-message.via-email .message-via');
    assert.ok(via, 'the mailed message carries its routing decision');
    assert.match(via.text, /New ticket from email/);
    assert.equal(via.querySelector('a')?.getAttribute('href'), `/desk/inbound/${row.id}`);
    const customer = await agentFor(t, await buildUser(t));
    assert.equal((await customer.get(`/desk/inbound/${row.id}`)).status, 404);
  });
});
