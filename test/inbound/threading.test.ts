import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import { retryInboundMail } from '../../src/modules/inbound/index.ts';
import { mailDb } from '../../src/modules/mail/mail.tables.ts';
import { updateTicketAsStaff } from '../../src/modules/tickets/index.ts';
import { buildStaff, setSite } from '../notifications/helpers.ts';
import { describeWithSmtp } from '../notifications/support.ts';
import { statusId } from '../support/tickets.ts';
import type { TestApp } from '../support/app.ts';
import { composeMail, fixture } from './fixtures.ts';
import { ingest, messagesOf, notesOf, ticketById } from './support.ts';

const SUPPORT = 'support@parley.test';

/** The newest mail Parley queued to an address about a ticket: its Message-ID and Reply-To. */
async function lastOutbound(t: TestApp, to: string, ticket: number) {
  return mailDb(t.db.db)
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', to)
    .where('ticket_id', '=', ticket)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** A fixture reply whose In-Reply-To and References name one of our mails. */
function withParent(raw: Buffer, messageId: string): Buffer {
  return Buffer.from(
    raw.toString('latin1').replaceAll('<PARLEY-OUTBOUND-ID@reply.parley.test>', messageId),
    'latin1',
  );
}

async function staffReply(t: TestApp, staff: User, number: number, body: string) {
  await updateTicketAsStaff(t.ctx(actorFromUser(staff)), String(number), {
    message: { body, internal: false },
    changes: {},
  });
  await t.drainJobs();
}

describeWithSmtp('email in: replies find their ticket', (use) => {
  let staff: User;
  let ticketId: number;
  let number: number;

  before(async () => {
    const { t } = use();
    await setSite(t, {
      mailFromName: 'Parley Support',
      mailFromAddress: SUPPORT,
      replyDomain: 'reply.parley.test',
    });
    staff = await buildStaff(t, { name: 'Stella Staff', email: 'stella@example.test' });
  });

  it('full loop: a customer mails in, staff replies over SMTP, the customer’s mail reply lands in the same ticket', async () => {
    const { t, sink } = use();
    const first = await ingest(
      t,
      composeMail({
        from: 'Carla Customer <carla@example.test>',
        to: SUPPORT,
        subject: 'Printer jam',
        body: 'My printer jams.',
      }),
    );
    assert.equal(first.decision, 'newTicket');
    ticketId = first.ticket_id!;
    number = (await ticketById(t, ticketId)).number;
    assert.equal((await ticketById(t, ticketId)).issuer_email, 'carla@example.test');
    assert.ok(sink.last('carla@example.test'), 'the guest got the confirmation with the ticket link');

    await staffReply(t, staff, number, 'Open the tray.');
    const outbound = sink.last('carla@example.test');
    assert.match(outbound.text, /Open the tray/);
    const messageId = outbound.headers.get('message-id')!;
    assert.match(messageId, /^<.+@reply\.parley\.test>$/);

    const reply = await ingest(
      t,
      composeMail({
        from: 'Carla Customer <carla@example.test>',
        to: SUPPORT,
        subject: `Re: ${outbound.subject}`,
        inReplyTo: messageId,
        references: messageId,
        body: 'Thanks, that worked.\n\nOn Tue, Nov 24, 2026 at 10:00 AM Parley Support <support@parley.test> wrote:\n> Open the tray.\n',
      }),
    );
    assert.equal(reply.decision, 'inReplyTo');
    assert.equal(reply.ticket_id, ticketId);
    const messages = await messagesOf(t, ticketId);
    assert.deepEqual(
      messages.map((m) => [m.author_role, m.body_md]),
      [
        ['issuer', 'My printer jams.'],
        ['staff', 'Open the tray.'],
        ['issuer', 'Thanks, that worked.'],
      ],
    );
    const notes = await notesOf(t, ticketId);
    assert.deepEqual(
      notes.map((n) => n.key),
      ['inbound.decision.newTicket', 'inbound.decision.inReplyTo'],
    );
  });

  it('routes a reply sent to the per-ticket reply address by its signed token', async () => {
    const { t } = use();
    const replyTo = (await lastOutbound(t, 'carla@example.test', ticketId)).reply_to!;
    assert.match(replyTo, /^support\+[0-9a-z]+-[0-9a-f]{12}-[0-9a-f]{12}@reply\.parley\.test$/);
    const row = await ingest(
      t,
      composeMail({
        from: 'carla@example.test',
        to: replyTo,
        subject: 'New subject',
        body: 'One more thing.',
      }),
    );
    assert.equal(row.decision, 'replyToken');
    assert.equal(row.ticket_id, ticketId);
  });

  it('ignores a forged reply token and opens a new ticket instead', async () => {
    const { t } = use();
    const row = await ingest(
      t,
      composeMail({
        from: 'carla@example.test',
        to: `support+${ticketId.toString(36)}-00000000000000000000@reply.parley.test`,
        subject: 'Forged',
        body: 'Hello',
      }),
    );
    assert.equal(row.decision, 'newTicket');
    assert.notEqual(row.ticket_id, ticketId);
  });

  it('holds mail from a staff address that does not come through the reply address made for that staff member', async () => {
    const { t } = use();
    const toCustomer = await lastOutbound(t, 'carla@example.test', ticketId);
    const count = (await messagesOf(t, ticketId)).length;
    // The customer knows the thread ids and their own reply address, and can forge a From header.
    for (const forged of [{ to: SUPPORT, inReplyTo: toCustomer.message_id! }, { to: toCustomer.reply_to! }]) {
      const row = await ingest(
        t,
        composeMail({
          from: 'Stella Staff <stella@example.test>',
          subject: 'Re: ticket',
          body: 'Refund approved.',
          ...forged,
        }),
      );
      assert.equal(row.status, 'held');
      assert.equal(row.decision, 'heldStaffUnvouched');
    }
    assert.equal((await messagesOf(t, ticketId)).length, count, 'nothing was posted as staff');
  });

  it('a staff member answering by mail writes a staff reply that the customer receives', async () => {
    const { t, sink } = use();
    const toStaff = await lastOutbound(t, 'stella@example.test', ticketId);
    assert.notEqual(toStaff.reply_to, (await lastOutbound(t, 'carla@example.test', ticketId)).reply_to);
    const before = sink.to('carla@example.test').length;
    const row = await ingest(
      t,
      composeMail({
        from: 'Stella Staff <stella@example.test>',
        to: toStaff.reply_to!,
        subject: 'Re: ticket',
        inReplyTo: toStaff.message_id!,
        body: 'Please also restart it.',
      }),
    );
    assert.equal(row.decision, 'staff.replyToken');
    const last = (await messagesOf(t, ticketId)).at(-1)!;
    assert.deepEqual(
      [last.author_role, last.visibility, last.body_md],
      ['staff', 'public', 'Please also restart it.'],
    );
    assert.equal(sink.to('carla@example.test').length, before + 1);
    assert.match(sink.last('carla@example.test').text, /Please also restart it/);
  });

  it('holds a reply from someone who is not the issuer, says why, and staff can open it as a new ticket', async () => {
    const { t } = use();
    const parent = await lastOutbound(t, 'carla@example.test', ticketId);
    const count = (await messagesOf(t, ticketId)).length;
    const row = await ingest(t, withParent(fixture('041'), parent.message_id!));
    assert.equal(row.status, 'held');
    assert.equal(row.decision, 'heldNotIssuer');
    assert.equal((await messagesOf(t, ticketId)).length, count, 'nothing joined the ticket');
    assert.equal((await notesOf(t, ticketId)).at(-1)?.key, 'inbound.decision.heldNotIssuer');

    assert.equal(await retryInboundMail(t.ctx(actorFromUser(staff)), row.id, 'new'), true);
    await t.drainJobs();
    const opened = await t.db.db
      .selectFrom('inbound_mails')
      .select(['status', 'decision', 'ticket_id'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(opened.status, 'processed');
    assert.equal(opened.decision, 'newTicketByStaff');
    assert.notEqual(opened.ticket_id, ticketId);
    assert.equal((await ticketById(t, opened.ticket_id!)).issuer_email, 'mallory@example.net');
  });

  it('joins by the subject’s [#number] only when the issuer writes', async () => {
    const { t } = use();
    const mine = await ingest(
      t,
      composeMail({
        from: 'carla@example.test',
        to: SUPPORT,
        subject: `About [#${number}]`,
        body: 'Me again',
      }),
    );
    assert.equal(mine.decision, 'subjectToken');
    assert.equal(mine.ticket_id, ticketId);
    const other = await ingest(
      t,
      composeMail({
        from: 'eve@example.test',
        to: SUPPORT,
        subject: `About [#${number}]`,
        body: 'Let me in',
      }),
    );
    assert.equal(other.decision, 'newTicketNotIssuer');
    assert.notEqual(other.ticket_id, ticketId);
  });

  it('reopens a resolved ticket when the customer replies by mail', async () => {
    const { t } = use();
    await updateTicketAsStaff(t.ctx(actorFromUser(staff)), String(number), {
      changes: { statusId: await statusId(t, 'resolved') },
    });
    const parent = await lastOutbound(t, 'carla@example.test', ticketId);
    await ingest(
      t,
      composeMail({
        from: 'carla@example.test',
        to: SUPPORT,
        subject: 'Re',
        inReplyTo: parent.message_id!,
        body: 'Broken again',
      }),
    );
    const ticket = await ticketById(t, ticketId);
    assert.equal(ticket.status_id, await statusId(t, 'new'));
    assert.equal(ticket.closed, 0);
  });

  it('logs an auto-reply on the ticket without adding a message, reopening or answering it', async () => {
    const { t, sink } = use();
    await updateTicketAsStaff(t.ctx(actorFromUser(staff)), String(number), {
      changes: { statusId: await statusId(t, 'resolved') },
    });
    await t.drainJobs();
    const parent = await lastOutbound(t, 'carla@example.test', ticketId);
    const count = (await messagesOf(t, ticketId)).length;
    const mails = sink.mails.length;
    const row = await ingest(
      t,
      composeMail({
        from: 'carla@example.test',
        to: SUPPORT,
        subject: 'Out of office',
        inReplyTo: `${parent.message_id!}, ${parent.message_id!}`,
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
        body: 'I am away.',
      }),
    );
    assert.deepEqual([row.status, row.decision, row.ticket_id], ['ignored', 'autoReply', ticketId]);
    assert.equal((await messagesOf(t, ticketId)).length, count);
    assert.equal((await ticketById(t, ticketId)).status_id, await statusId(t, 'resolved'));
    assert.equal((await notesOf(t, ticketId)).at(-1)?.key, 'inbound.decision.autoReply');
    assert.equal(sink.mails.length, mails, 'no mail goes back to an auto-reply');
  });

  it('keeps a reply to a locked ticket as a staff-only note, leaves it locked and closed, and tells the sender once', async () => {
    const { t } = use();
    await updateTicketAsStaff(t.ctx(actorFromUser(staff)), String(number), { changes: { locked: true } });
    const sent = await lastOutbound(t, 'carla@example.test', ticketId);
    const byThread = await ingest(t, withParent(fixture('042'), sent.message_id!));
    assert.deepEqual([byThread.status, byThread.decision], ['processed', 'inReplyTo']);
    const byToken = await ingest(
      t,
      composeMail({
        from: 'carla@example.test',
        to: sent.reply_to!,
        subject: 'Re',
        body: 'Hello? Please reopen',
      }),
    );
    assert.deepEqual([byToken.status, byToken.decision], ['processed', 'replyToken']);
    const ticket = await ticketById(t, ticketId);
    assert.equal(ticket.locked, 1);
    assert.equal(ticket.status_id, await statusId(t, 'resolved'));
    const kept = (await messagesOf(t, ticketId)).slice(-2);
    assert.deepEqual(
      kept.map((m) => [m.visibility, m.author_role, m.source]),
      [
        ['internal', 'issuer', 'email'],
        ['internal', 'issuer', 'email'],
      ],
    );
    assert.equal((await notesOf(t, ticketId)).filter((n) => n.key === 'inbound.note.locked').length, 2);
    const notices = await t.db.db
      .selectFrom('outbox')
      .select('subject')
      .where('template', '=', 'inbound-locked')
      .where('to_address', '=', 'carla@example.test')
      .execute();
    assert.equal(notices.length, 1, 'one notice per ticket');
    assert.match(notices[0]!.subject, new RegExp(`#${number} is locked`));
  });

  it('links a bounce to the mail it reports and marks that mail failed', async () => {
    const { t } = use();
    const sent = await lastOutbound(t, 'carla@example.test', ticketId);
    const raw = fixture('028')
      .toString('latin1')
      .replace(
        '<conversation/93775311-9416-4428-964b-862001f8a8b2/messages/27855337@gmail.com>',
        sent.message_id!,
      );
    const row = await ingest(t, Buffer.from(raw, 'latin1'));
    assert.deepEqual([row.status, row.decision, row.ticket_id], ['processed', 'bounceLinked', ticketId]);
    const after = await lastOutbound(t, 'carla@example.test', ticketId);
    assert.equal(after.status, 'failed');
    assert.match(after.last_error ?? '', /bounced: 5\.1\.1 alex\.jones@fictionalcorp\.com/);
    assert.equal((await notesOf(t, ticketId)).at(-1)?.key, 'inbound.decision.bounceLinked');
  });

  it('ignores a mail Parley sent when it comes back in', async () => {
    const { t, sink } = use();
    const row = await ingest(t, Buffer.from(sink.last('carla@example.test').raw, 'utf8'));
    assert.deepEqual([row.status, row.decision], ['ignored', 'ownMail']);
  });
});
