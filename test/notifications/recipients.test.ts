import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { ownerKeyOf, storeUpload, uploadLimits } from '../../src/modules/attachments/index.ts';
import { replyToTicket, ticketPath, updateTicketAsStaff } from '../../src/modules/tickets/index.ts';
import { anonymous } from '../../src/platform/context.ts';
import { buildUser } from '../support/factories.ts';
import { buildTicket } from '../support/tickets.ts';
import { buildCustomer, buildStaff } from './helpers.ts';
import { describeWithSmtp } from './support.ts';

describeWithSmtp('who gets which notification, in which language', (use) => {
  it('writes to a German member in German, with the normal ticket link', async () => {
    const { t, sink } = use();
    const staff = await buildStaff(t, { follow: false });
    const member = await buildCustomer(t, { email: 'greta@example.test', name: 'Greta', locale: 'de' });
    const ticket = await buildTicket(t, { issuer: member, subject: 'Drucker kaputt' });
    await t.drainJobs();
    const created = sink.last('greta@example.test');
    assert.equal(created.subject, `[#${ticket.number}] Drucker kaputt`);
    assert.match(created.text, /Hallo Greta, wir haben Ihr Ticket #\d+ „Drucker kaputt“ erhalten/);
    assert.match(created.text, /Melden Sie sich an/);
    assert.ok(created.text.includes(`http://parley.test${ticketPath(ticket)}`));
    assert.match(created.html, /<html lang="de">/);
    assert.match(
      created.text,
      /Benachrichtigungseinstellungen: http:\/\/parley\.test\/profile\/notifications/,
    );

    await updateTicketAsStaff(t.ctx(actorFromUser(staff)), String(ticket.number), {
      message: { body: 'Bitte neu starten.', internal: false },
      changes: {},
    });
    await t.drainJobs();
    const answer = sink.last('greta@example.test');
    assert.match(answer.text, /Das Team von Parley hat auf Ihr Ticket #\d+ „Drucker kaputt“ geantwortet/);
    assert.ok(
      !answer.text.includes(staff.display_name),
      'staff names stay hidden unless the site reveals them',
    );
    assert.match(answer.text, /Bitte neu starten\./);
  });

  it('links the files of a staff answer', async () => {
    const { t, sink } = use();
    const staff = await buildStaff(t, { follow: false });
    const staffCtx = t.ctx(actorFromUser(staff));
    const ticket = await buildTicket(t, { guest: { name: 'Fay', email: 'fay@example.test' } });
    const upload = await storeUpload(staffCtx, t.deps.storage, {
      name: 'steps.txt',
      stream: Readable.from([Buffer.from('1. Turn it off.\n2. Turn it on.\n')]),
      ownerKey: ownerKeyOf(staffCtx.actor, undefined)!,
      limits: await uploadLimits(staffCtx),
      usedBytes: 0,
    });
    await updateTicketAsStaff(staffCtx, String(ticket.number), {
      message: { body: 'See the file.', internal: false },
      changes: {},
      attachments: { uploadIds: [upload.id] },
    });
    await t.drainJobs();
    const mail = sink.last('fay@example.test');
    const url = `http://parley.test/attachments/${upload.id}/steps.txt`;
    assert.ok(mail.text.includes(`steps.txt (1 KB): ${url}`));
    assert.ok(mail.html.includes(`href="${url}"`));
  });

  it('tells the new assignee, unless they took the ticket themselves', async () => {
    const { t, sink } = use();
    const ada = await buildUser(t, { role: 'admin', name: 'Ada' });
    const bob = await buildStaff(t, { email: 'bob@example.test', follow: false });
    const ticket = await buildTicket(t, { subject: 'Assign me' });
    await updateTicketAsStaff(t.ctx(actorFromUser(ada)), String(ticket.number), {
      changes: { assigneeId: bob.id },
    });
    await t.drainJobs();
    const mail = sink.last('bob@example.test');
    assert.match(mail.text, new RegExp(`Ada assigned ticket #${ticket.number} “Assign me” to you`));
    assert.ok(mail.html.includes(`http://parley.test/desk/tickets/${ticket.number}`));
    const before = sink.to('bob@example.test').length;
    const other = await buildTicket(t, { subject: 'Mine' });
    await updateTicketAsStaff(t.ctx(actorFromUser(bob)), String(other.number), {
      changes: { assigneeId: bob.id },
    });
    await t.drainJobs();
    assert.equal(sink.to('bob@example.test').length, before);
  });

  it('sends a customer reply to the assignee only, and on an unassigned ticket to the category’s followers', async () => {
    const { t, sink } = use();
    const follower = await buildStaff(t, { email: 'follower@example.test' });
    const assignee = await buildStaff(t, { email: 'assignee@example.test', follow: false });
    const unassigned = await buildTicket(t, { guest: { name: 'Uma', email: 'uma@example.test' } });
    const assigned = await buildTicket(t, { guest: { name: 'Abe', email: 'abe@example.test' } });
    await updateTicketAsStaff(t.ctx(actorFromUser(assignee)), String(assigned.number), {
      changes: { assigneeId: assignee.id },
    });
    await t.drainJobs();
    const count = (address: string) => sink.to(address).length;
    const [f0, a0] = [count(follower.email), count(assignee.email)];
    await replyToTicket(t.ctx(anonymous), assigned.key, { body: 'Any news?' });
    await t.drainJobs();
    assert.equal(count(assignee.email), a0 + 1);
    assert.equal(count(follower.email), f0, 'followers are not told about assigned tickets');
    assert.match(sink.last(assignee.email).text, /Abe replied on ticket/);
    await replyToTicket(t.ctx(anonymous), unassigned.key, { body: 'Hello?' });
    await t.drainJobs();
    assert.equal(count(follower.email), f0 + 1);
    assert.match(sink.last(follower.email).text, /Uma replied on ticket/);
    assert.match(sink.last(follower.email).text, /because you follow new tickets in General/);
  });

  it('queues each notification once even when the activity job runs twice', async () => {
    const { t } = use();
    await buildTicket(t, { guest: { name: 'Twice', email: 'twice@example.test' } });
    await t.drainJobs();
    await t.db.db
      .updateTable('jobs')
      .set({ done_at: null, locked_until: null })
      .where('kind', '=', 'tickets.activity')
      .execute();
    await t.drainJobs();
    const rows = await t.db.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', '=', 'twice@example.test')
      .execute();
    assert.equal(rows.length, 1);
  });
});
