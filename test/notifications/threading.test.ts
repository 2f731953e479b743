import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import {
  findMailThread,
  matchReplyAddress,
  parseReplyAddress,
  parseReplyToken,
} from '../../src/modules/mail/index.ts';
import {
  addInternalNote,
  replyToTicket,
  ticketPath,
  updateTicketAsStaff,
  type Ticket,
} from '../../src/modules/tickets/index.ts';
import { anonymous } from '../../src/platform/context.ts';
import { buildTicket } from '../support/tickets.ts';
import { buildStaff, refs, setSite } from './helpers.ts';
import { describeWithSmtp, type ReceivedMail } from './support.ts';

describeWithSmtp('notification threading over SMTP', (use) => {
  let ticket: Ticket;
  let staffEmail: string;
  const mails: ReceivedMail[] = [];

  before(async () => {
    const { t, sink } = use();
    await setSite(t, {
      mailFromName: 'Parley Support',
      mailFromAddress: 'support@parley.test',
      replyDomain: 'reply.parley.test',
      mailFooter: 'Parley GmbH, Example Street 1',
    });
    const staff = await buildStaff(t, { name: 'Stella Staff', email: 'stella@example.test' });
    staffEmail = staff.email;
    // customer → staff → customer
    ticket = await buildTicket(t, {
      guest: { name: 'Gus Guest', email: 'gus@example.test' },
      subject: 'Printer <b>on</b> fire',
      body: 'It is **really** burning.',
    });
    await t.drainJobs();
    await updateTicketAsStaff(t.ctx(actorFromUser(staff)), String(ticket.number), {
      message: { body: 'Use the *extinguisher*.', internal: false },
      changes: { assigneeId: staff.id },
    });
    await t.drainJobs();
    await replyToTicket(t.ctx(anonymous), ticket.key, { body: 'It worked, thanks!' });
    await t.drainJobs();
    mails.push(...sink.mails);
  });

  it('sends the confirmation to the guest, the new ticket to the following staff, the answer and the reply', () => {
    assert.deepEqual(
      mails.map((m) => m.rcpt),
      [['gus@example.test'], [staffEmail], ['gus@example.test'], [staffEmail]],
    );
    assert.match(mails[0]!.text, /we received your ticket/);
    assert.match(mails[1]!.text, /New ticket #\d+/);
    assert.match(mails[2]!.text, /Use the \*extinguisher\*/);
    assert.match(mails[3]!.text, /Gus Guest replied on ticket/);
    assert.match(mails[3]!.text, /It worked, thanks!/);
  });

  it('chains every mail of the ticket to the previous one with In-Reply-To and References', () => {
    const ids = mails.map((m) => m.headers.get('message-id')!);
    assert.equal(new Set(ids).size, 4, 'each mail has its own Message-ID');
    assert.equal(mails[0]!.headers.get('in-reply-to'), undefined);
    assert.equal(mails[0]!.headers.get('references'), undefined);
    for (let i = 1; i < mails.length; i++) {
      assert.equal(mails[i]!.headers.get('in-reply-to'), ids[i - 1]);
      assert.deepEqual(refs(mails[i]!.headers.get('references')), ids.slice(0, i));
    }
  });

  it('uses Message-IDs that reveal nothing about the ticket', () => {
    for (const m of mails) {
      const id = m.headers.get('message-id')!;
      assert.match(id, /^<[A-Za-z0-9_-]{24}@reply\.parley\.test>$/);
      assert.ok(!id.includes(ticket.key));
    }
    const prefixes = mails.map((m) => m.headers.get('message-id')!.slice(1, 7));
    assert.equal(new Set(prefixes).size, prefixes.length, 'ids of one ticket share no stem');
  });

  it('carries [#number] in every subject and Re: on the replies', () => {
    assert.equal(mails[0]!.subject, `[#${ticket.number}] Printer <b>on</b> fire`);
    for (const m of mails.slice(1)) assert.equal(m.subject, `Re: [#${ticket.number}] Printer <b>on</b> fire`);
  });

  it('gives each mail a signed Reply-To that names the ticket and is bound to its recipient', () => {
    const { t } = use();
    for (const m of mails) {
      const replyTo = m.headers.get('reply-to')!;
      assert.match(replyTo, /^support\+[0-9a-z]+-[0-9a-f]{12}-[0-9a-f]{12}@reply\.parley\.test$/);
      assert.equal(parseReplyAddress(t.ctx(), replyTo), ticket.id);
      assert.equal(
        matchReplyAddress(t.ctx(), replyTo, m.rcpt[0])?.issuedToSender,
        true,
        'vouches for its recipient',
      );
      assert.equal(matchReplyAddress(t.ctx(), replyTo, 'someone@else.test')?.issuedToSender, false);
    }
    const token = /\+([^@]+)@/.exec(mails[0]!.headers.get('reply-to')!)![1]!;
    assert.equal(parseReplyToken(t.ctx(), token.toUpperCase()), ticket.id, 'case does not matter');
    const forged = token.replace(/^[0-9a-z]+/, (id) => (parseInt(id, 36) + 1).toString(36));
    assert.equal(parseReplyToken(t.ctx(), forged), undefined);
  });

  it('marks every mail auto-generated, sends from the site sender and offers one-click unsubscribe', () => {
    for (const m of mails) {
      assert.equal(m.headers.get('auto-submitted'), 'auto-generated');
      assert.equal(m.headers.get('from'), 'Parley Support <support@parley.test>');
      assert.match(m.headers.get('list-unsubscribe')!, /^<http:\/\/parley\.test\/unsubscribe\/[^>]+>$/);
      assert.equal(m.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      assert.match(m.text, /Parley GmbH, Example Street 1/);
      assert.match(m.html, /Parley GmbH, Example Street 1/);
    }
  });

  it('gives the guest the secret link and staff the desk link, as HTML and text', () => {
    const secret = `http://parley.test${ticketPath(ticket)}`;
    assert.ok(mails[0]!.text.includes(secret));
    assert.ok(mails[0]!.html.includes(`href="${secret}"`));
    assert.match(mails[0]!.text, /key to your ticket/);
    assert.ok(mails[1]!.html.includes(`href="http://parley.test/desk/tickets/${ticket.number}"`));
    assert.ok(!mails[1]!.text.includes(ticket.key), 'staff mail does not spread the secret link');
  });

  it('escapes what people typed and keeps the sanitised message HTML', () => {
    assert.ok(mails[0]!.html.includes('Printer &lt;b>on&lt;/b> fire'));
    assert.ok(!mails[0]!.html.includes('<b>on</b>'));
    assert.ok(mails[0]!.html.includes('<strong>really</strong>'));
    assert.ok(mails[2]!.html.includes('<em>extinguisher</em>'));
  });

  it('records every Message-ID per ticket, so a reply can be routed back to it', async () => {
    const { t } = use();
    const rows = await t.db.db
      .selectFrom('mail_messages')
      .select(['message_id', 'direction'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.message_id),
      mails.map((m) => m.headers.get('message-id')),
    );
    assert.ok(rows.every((r) => r.direction === 'out'));
    const match = await findMailThread(t.ctx(), {
      inReplyTo: mails[2]!.headers.get('message-id')!,
      references: mails[2]!.headers.get('references')!,
    });
    assert.deepEqual(match, {
      ticketId: ticket.id,
      messageId: mails[2]!.headers.get('message-id'),
      via: 'in-reply-to',
    });
  });

  it('mails nothing for an internal note', async () => {
    const { t, sink } = use();
    const before = sink.mails.length;
    const outbox = await t.db.db.selectFrom('outbox').select('id').execute();
    const staff = await t.db.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', staffEmail)
      .executeTakeFirstOrThrow();
    await addInternalNote(t.ctx(actorFromUser(staff)), String(ticket.number), {
      body: 'SECRET-NOTE: refund him',
    });
    await t.drainJobs();
    assert.equal(sink.mails.length, before);
    assert.equal((await t.db.db.selectFrom('outbox').select('id').execute()).length, outbox.length);
  });
});
