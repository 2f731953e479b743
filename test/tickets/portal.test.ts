import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { addInternalNote, ticketPath } from '../../src/modules/tickets/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { Agent, text } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket, generalCategoryId, setStatus } from '../support/tickets.ts';

describeEachDialect('the customer portal', (use) => {
  it('lets a guest open a ticket without an account, shows and mails the link, and follows it', async () => {
    const t = use();
    const guest = new Agent(t.app);
    const form = await guest.get('/tickets/new');
    assert.equal(form.status, 200);
    assert.ok(form.dom.querySelector('#f-name'), 'guests give their name');
    const categoryId = String(await generalCategoryId(t));
    const res = await guest.post('/tickets', {
      name: 'Gus Guest',
      email: 'Gus@Example.test',
      categoryId,
      subject: 'Save file lost',
      body: 'My **world** is gone.',
    });
    assert.equal(res.status, 201);
    const link = res.dom.querySelector('a.ticket-link')?.text.trim() ?? '';
    assert.match(link, /^http:\/\/parley\.test\/tickets\/[A-Za-z0-9_-]{24}\/save-file-lost$/);
    assert.match(text(res, '.alert-info'), /key to your ticket/);
    await t.drainJobs();
    const mail = t.mail.last('gus@example.test');
    assert.ok(mail.text.includes(link), 'the link is mailed');

    const page = await guest.get(link.replace(t.config.publicUrl, ''));
    assert.equal(page.status, 200);
    assert.equal(text(page, '.ticket-head h1 span'), 'Save file lost');
    assert.match(
      page.dom.querySelector('.timeline-message .message-body')?.innerHTML ?? '',
      /<strong>world<\/strong>/,
    );
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
  });

  it('gives a browser without the link, and a different member, the same 404 as a missing ticket', async () => {
    const t = use();
    const owner = await buildUser(t);
    const memberTicket = await buildTicket(t, { issuer: owner });
    const guestTicket = await buildTicket(t);
    const stranger = await agentFor(t, await buildUser(t));
    const anon = new Agent(t.app);
    const missing = await anon.get('/tickets/AAAAAAAAAAAAAAAAAAAAAAAA/x');
    assert.equal(missing.status, 404);
    const a = await stranger.get(ticketPath(memberTicket));
    const b = await anon.get(ticketPath(memberTicket));
    assert.equal(a.status, 404);
    assert.equal(b.status, 404);
    assert.equal(text(a, 'main'), text(missing, 'main'));
    const tampered = ticketPath(guestTicket).replace(
      guestTicket.key,
      guestTicket.key.slice(0, -1) + (guestTicket.key.endsWith('A') ? 'B' : 'A'),
    );
    assert.equal((await anon.get(tampered)).status, 404, 'a tampered key finds nothing');
    assert.equal((await (await agentFor(t, owner)).get(ticketPath(memberTicket))).status, 200);
    const staff = await agentFor(t, await buildUser(t, { role: 'staff' }));
    assert.equal(
      (await staff.get(ticketPath(memberTicket))).status,
      200,
      'staff with the tickets permission see it',
    );
  });

  it('redirects a wrong or missing slug to the canonical URL with 301', async () => {
    const t = use();
    const ticket = await buildTicket(t, { subject: 'Über große Straßen!' });
    const agent = new Agent(t.app);
    const wrong = await agent.get(`/tickets/${ticket.key}/old-slug`);
    assert.equal(wrong.status, 301);
    assert.equal(wrong.location, `/tickets/${ticket.key}/uber-grosse-strassen`);
    const bare = await agent.get(`/tickets/${ticket.key}`);
    assert.equal(bare.status, 301);
    assert.equal(bare.location, ticketPath(ticket));
  });

  it('keeps what was typed and names the problem for bad input, writing nothing', async () => {
    const t = use();
    const guest = new Agent(t.app);
    await guest.get('/tickets/new');
    const count = async () =>
      Number(
        (
          await t.db.db
            .selectFrom('tickets')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const cases: [Record<string, string>, string][] = [
      [{ subject: '', body: 'text' }, 'subject'],
      [{ subject: 'x'.repeat(201), body: 'text' }, 'subject'],
      [{ subject: 'ok', body: '   ' }, 'body'],
      [{ subject: 'ok', body: 'y'.repeat(100_001) }, 'body'],
      [{ subject: 'ok', body: 'text', email: 'not-an-email' }, 'email'],
      [{ subject: 'ok', body: 'text', categoryId: '999999' }, 'categoryId'],
    ];
    for (const [override, field] of cases) {
      const body: Record<string, string> = {
        name: 'Gus',
        email: 'gus@example.test',
        categoryId: String(await generalCategoryId(t)),
        ...override,
      };
      const res = await guest.post('/tickets', body);
      assert.equal(res.status, 400, JSON.stringify(override).slice(0, 80));
      assert.ok(res.dom.querySelector(`#f-${field}-error`), `error shown for ${field}`);
      if (field !== 'body')
        assert.equal(res.dom.querySelector('#f-body')?.text, body.body, 'the message is kept');
      if (field !== 'subject')
        assert.equal(res.dom.querySelector('#f-subject')?.getAttribute('value'), body.subject);
    }
    assert.equal(await count(), before);
  });

  it('refuses an archived category', async () => {
    const t = use();
    const archived = await t.db.db
      .insertInto('categories')
      .values({ position: 9, active: 0, created_at: 1, updated_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const guest = new Agent(t.app);
    const form = await guest.get('/tickets/new');
    assert.equal(form.dom.querySelector(`option[value="${archived.id}"]`), null, 'not offered');
    const res = await guest.post('/tickets', {
      name: 'G',
      email: 'g@example.test',
      categoryId: String(archived.id),
      subject: 's',
      body: 'b',
    });
    assert.equal(res.status, 400);
    assert.ok(res.dom.querySelector('#f-categoryId-error'));
  });

  it('shows a member the Open and Closed tabs with labels, lock and unread markers', async () => {
    const t = use();
    const member = await buildUser(t);
    const open = await buildTicket(t, { issuer: member, subject: 'Still broken' });
    const closed = await buildTicket(t, { issuer: member, subject: 'All good now' });
    await setStatus(t, closed.id, 'resolved');
    await buildTicket(t, { issuer: await buildUser(t), subject: 'Someone else' });
    const agent = await agentFor(t, member);
    const openTab = await agent.get('/tickets');
    assert.equal(openTab.status, 200);
    const subjects = (p: typeof openTab) => p.dom.querySelectorAll('.ticket-subject').map((s) => s.text);
    assert.deepEqual(subjects(openTab), ['Still broken']);
    assert.equal(openTab.dom.querySelector('.tab[aria-current=page]')?.text, 'Open');
    assert.match(text(openTab, '.ticket-row'), /New/);
    assert.match(text(openTab, '.ticket-row'), /Normal/);
    assert.equal(
      openTab.dom.querySelectorAll('.ticket-row.unread').length,
      0,
      'my own activity is not unread',
    );

    const staff = await buildUser(t, { role: 'staff' });
    await addInternalNote(t.ctx(actorFromUser(staff)), String(open.number), { body: 'internal only' });
    await t.db.db.updateTable('tickets').set({ locked: 1 }).where('id', '=', open.id).execute();
    const again = await agent.get('/tickets');
    assert.equal(
      again.dom.querySelectorAll('.ticket-row.unread').length,
      1,
      'staff activity since my last visit is unread',
    );
    assert.ok(again.dom.querySelector('.ticket-row .lock'), 'the lock icon shows');
    await agent.get(ticketPath(open));
    assert.equal(
      (await agent.get('/tickets')).dom.querySelectorAll('.ticket-row.unread').length,
      0,
      'viewing marks it read',
    );

    const closedTab = await agent.get('/tickets?tab=closed');
    assert.deepEqual(subjects(closedTab), ['All good now']);
    assert.match(text(closedTab, '.ticket-row'), /Resolved/);
  });

  it('paginates the list by last activity', async () => {
    const t = use();
    const member = await buildUser(t);
    for (let i = 0; i < 27; i++) {
      await buildTicket(t, { issuer: member, subject: `Paged ${String(i).padStart(2, '0')}` });
      t.clock.advance(1000);
    }
    const agent = await agentFor(t, member);
    const first = await agent.get('/tickets');
    const firstSubjects = first.dom.querySelectorAll('.ticket-subject').map((s) => s.text);
    assert.equal(firstSubjects.length, 25);
    assert.equal(firstSubjects[0], 'Paged 26');
    const next = first.dom.querySelector('a[rel=next]')?.getAttribute('href');
    assert.ok(next);
    const second = await agent.get(next);
    assert.deepEqual(
      second.dom.querySelectorAll('.ticket-subject').map((s) => s.text),
      ['Paged 01', 'Paged 00'],
    );
    assert.equal(second.dom.querySelector('a[rel=next]'), null);
  });

  it('reopens a resolved ticket when the customer replies, and says so before sending', async () => {
    const t = use();
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member });
    const agent = await agentFor(t, member);
    await agent.get(ticketPath(ticket));
    const resolved = await agent.post(`/tickets/${ticket.key}/resolve`, {});
    assert.equal(resolved.status, 303);
    const page = await agent.get(ticketPath(ticket));
    assert.match(text(page, '.ticket-head'), /Resolved/);
    assert.match(text(page, '#reply-heading + .alert, .card .alert-info'), /Replying will reopen it/);
    assert.equal(
      page.dom.querySelector('form[action$="/resolve"]'),
      null,
      'no resolve button on a closed ticket',
    );
    const version = page.dom.querySelector('input[name=expectedVersion]')?.getAttribute('value') ?? '';
    const reply = await agent.post(`/tickets/${ticket.key}/replies`, {
      body: 'It broke again',
      expectedVersion: version,
    });
    assert.equal(reply.status, 303);
    const after = await agent.get(ticketPath(ticket));
    assert.match(text(after, '.ticket-head'), /New/);
    assert.match(text(after, '[role=status]'), /open again/);
    const changes = after.dom.querySelectorAll('.timeline-change').map((li) => li.text);
    assert.ok(changes.some((c) => /Status changed to Resolved/.test(c)));
    assert.ok(changes.some((c) => /Status changed to New/.test(c)));
    assert.equal(
      after.dom.querySelector('meta[name=clear-draft]')?.getAttribute('content'),
      `reply-${ticket.key}`,
    );
    const others = await t.db.db
      .selectFrom('tickets')
      .select('status_id')
      .where('id', '!=', ticket.id)
      .execute();
    assert.ok(
      others.every((o) => o.status_id !== undefined),
      'other tickets untouched (the original reopened every ticket)',
    );
  });

  it('refuses replies to a locked ticket with TICKET_LOCKED and writes nothing', async () => {
    const t = use();
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member });
    await t.db.db.updateTable('tickets').set({ locked: 1 }).where('id', '=', ticket.id).execute();
    const agent = await agentFor(t, member);
    const page = await agent.get(ticketPath(ticket));
    assert.match(text(page, '.locked-notice'), /This ticket has been locked/);
    assert.equal(page.dom.querySelector(`form[action="/tickets/${ticket.key}/replies"]`), null);
    const messagesBefore = await t.db.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .execute();
    const res = await agent.post(`/tickets/${ticket.key}/replies`, { body: 'let me in' });
    assert.equal(res.status, 423);
    assert.match(text(res, '[role=alert]'), /locked/);
    assert.equal(res.dom.querySelector('#f-unsent')?.text, 'let me in', 'what was typed is kept');
    const messagesAfter = await t.db.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .execute();
    assert.equal(messagesAfter.length, messagesBefore.length);
  });

  it('never shows an internal note to the customer', async () => {
    const t = use();
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member });
    const staff = await buildUser(t, { role: 'staff', name: 'Sam Staff' });
    await addInternalNote(t.ctx(actorFromUser(staff)), ticket.key, {
      body: 'SECRET-NOTE: refund abuse suspected',
    });
    const page = await (await agentFor(t, member)).get(ticketPath(ticket));
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /SECRET-NOTE/);
    assert.equal(page.dom.querySelectorAll('.timeline-message').length, 1);
    const staffPage = await (await agentFor(t, staff)).get(ticketPath(ticket));
    assert.match(staffPage.body, /SECRET-NOTE/);
    await t.drainJobs();
    assert.ok(
      t.mail.sent.every((m) => !m.text.includes('SECRET-NOTE')),
      'nor in any mail',
    );
  });

  it('mails a guest their ticket links, answering the same for unknown addresses', async () => {
    const t = use();
    const ticket = await buildTicket(t, { guest: { name: 'Lost', email: 'lost@example.test' } });
    const agent = new Agent(t.app);
    const known = await agent.submit('/tickets', '/tickets/find', { email: 'lost@example.test' });
    const unknown = await agent.submit('/tickets', '/tickets/find', { email: 'nobody@example.test' });
    assert.equal(known.status, 200);
    assert.equal(text(known, '[role=status]'), text(unknown, '[role=status]'));
    await t.drainJobs();
    assert.ok(t.mail.last('lost@example.test').text.includes(ticketPath(ticket)));
    assert.equal(t.mail.to('nobody@example.test').length, 0);
  });

  it('attaches guest tickets to the account that verifies the same address', async () => {
    const t = use();
    const ticket = await buildTicket(t, { guest: { name: 'Vera', email: 'vera@example.test' } });
    const agent = new Agent(t.app);
    await agent.submit('/register', '/register', {
      displayName: 'Vera V',
      email: 'vera@example.test',
      password: 'vera password 1',
    });
    await t.drainJobs();
    const verified = await agent.get(
      t.mail.link('vera@example.test', '/verify?token=').replace(t.config.publicUrl, ''),
    );
    assert.match(text(verified, 'main'), /One ticket you opened as a guest/);
    await agent.submit('/login', '/login', { email: 'vera@example.test', password: 'vera password 1' });
    const list = await agent.get('/tickets');
    assert.deepEqual(
      list.dom.querySelectorAll('.ticket-subject').map((s) => s.text),
      [ticket.subject],
    );
    const page = await agent.get(ticketPath(ticket));
    assert.ok(
      page.dom
        .querySelectorAll('.timeline-change')
        .some((li) => /attached to the account of Vera V/.test(li.text)),
    );
    assert.equal(
      (await new Agent(t.app).get(ticketPath(ticket))).status,
      404,
      'the bare link no longer opens it',
    );
  });

  it('refuses a POST without a CSRF token on the new-ticket form', async () => {
    const t = use();
    const res = await new Agent(t.app).post('/tickets', {
      name: 'x',
      email: 'x@example.test',
      subject: 's',
      body: 'b',
      categoryId: '1',
      _csrf: null,
    });
    assert.equal(res.status, 403);
  });

  it('renders a Markdown preview safely', async () => {
    const t = use();
    const agent = new Agent(t.app);
    await agent.get('/tickets/new');
    const res = await agent.post('/markdown/preview', { body: '**hi** <script>x</script>' });
    assert.equal(res.status, 200);
    assert.match(res.body, /<strong>hi<\/strong>/);
    assert.doesNotMatch(res.body, /<script>/);
  });
});
