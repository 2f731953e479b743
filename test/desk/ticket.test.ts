import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { replyToTicket, saveStaffPreferences, ticketPath } from '../../src/modules/tickets/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { text, type Agent, type Page } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import type { TestApp } from '../support/app.ts';
import { buildTicket, setStatus, statusId } from '../support/tickets.ts';

/** The reply form's fields as the page rendered them, like a browser would submit them. */
function formFields(page: Page): Record<string, string> {
  const form = page.dom.querySelector('#reply-form')!;
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input[type=hidden]'))
    fields[input.getAttribute('name')!] = input.getAttribute('value') ?? '';
  for (const select of form.querySelectorAll('select')) {
    const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
    fields[select.getAttribute('name')!] = chosen?.getAttribute('value') ?? '';
  }
  fields.locked = form.querySelector('input[type=checkbox][name=locked]')?.hasAttribute('checked')
    ? '1'
    : '0';
  fields.body = form.querySelector('textarea[name=body]')?.text ?? '';
  return fields;
}

async function open(desk: Agent, number: number) {
  const page = await desk.get(`/desk/tickets/${number}`);
  assert.equal(page.status, 200);
  return { page, fields: formFields(page) };
}

describeEachDialect('the desk ticket view', (use) => {
  it('answers with a status change and an internal note in one step; the customer sees the reply but not the note', async () => {
    const t = use();
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member, subject: 'Sound stutters' });
    const desk = await agentFor(t, await buildUser(t, { role: 'staff', name: 'Sally Staff' }));
    const inProgress = String(await statusId(t, 'in_progress'));
    let { fields } = await open(desk, ticket.number);
    const res = await desk.post(`/desk/tickets/${ticket.number}/update`, {
      ...fields,
      body: 'We are on it — please send logs.',
      statusId: inProgress,
      action: 'respond',
    });
    assert.equal(res.status, 303);
    ({ fields } = await open(desk, ticket.number));
    const note = await desk.post(`/desk/tickets/${ticket.number}/update`, {
      ...fields,
      body: 'NOTE: reproduced on Linux only',
      priority: '1',
      action: 'note',
    });
    assert.equal(note.status, 303);
    const deskPage = await desk.get(`/desk/tickets/${ticket.number}`);
    assert.ok(deskPage.dom.querySelector('.timeline-message.internal'), 'the note shows amber for staff');
    assert.match(text(deskPage, '.ticket-head'), /In progress/);
    const changes = deskPage.dom.querySelectorAll('.timeline-change').map((li) => li.text);
    assert.ok(changes.some((c) => /Status changed to In progress by Sally Staff/.test(c)));
    assert.ok(changes.some((c) => /Priority changed to Important/.test(c)));

    const events = await t.db.db
      .selectFrom('ticket_events')
      .select(['kind', 'created_at'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['message', 'message', 'status', 'message', 'priority'],
    );

    const customer = await agentFor(t, member);
    const page = await customer.get(ticketPath(ticket));
    assert.match(page.body, /please send logs/);
    assert.doesNotMatch(page.body, /reproduced on Linux/);
    const api = await t.app.inject({
      url: `/api/v1/tickets/${ticket.key}/history`,
      headers: { authorization: `Bearer ${await tokenFor(t, member)}` },
    });
    assert.equal(api.statusCode, 200);
    assert.doesNotMatch(api.body, /reproduced on Linux/);
  });

  it('responds, changes the status and adds an internal note in one step', async () => {
    const t = use();
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member });
    const desk = await agentFor(t, await buildUser(t, { role: 'staff' }));
    const { fields } = await open(desk, ticket.number);
    const halted = String(await statusId(t, 'halted'));
    const res = await desk.post(`/desk/tickets/${ticket.number}/update`, {
      ...fields,
      body: 'Public answer',
      note: 'Only for us: waiting on the vendor',
      statusId: halted,
      action: 'respond',
    });
    assert.equal(res.status, 303);
    const events = await t.db.db
      .selectFrom('ticket_events')
      .select(['kind', 'internal'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => [e.kind, e.internal]),
      [
        ['message', 0],
        ['message', 0],
        ['status', 0],
        ['message', 1],
      ],
    );
    const page = await (await agentFor(t, member)).get(ticketPath(ticket));
    assert.match(page.body, /Public answer/);
    assert.doesNotMatch(page.body, /waiting on the vendor/);
  });

  it('keeps both changes when two agents edit at once, and flags a real conflict', async () => {
    const t = use();
    const ticket = await buildTicket(t);
    const alice = await agentFor(t, await buildUser(t, { role: 'staff', name: 'Alice' }));
    const bob = await agentFor(t, await buildUser(t, { role: 'staff', name: 'Bob' }));
    const a = await open(alice, ticket.number);
    const b = await open(bob, ticket.number);
    const halted = String(await statusId(t, 'halted'));
    assert.equal(
      (
        await alice.post(`/desk/tickets/${ticket.number}/update`, {
          ...a.fields,
          statusId: halted,
          action: 'update',
        })
      ).status,
      303,
    );
    assert.equal(
      (
        await bob.post(`/desk/tickets/${ticket.number}/update`, {
          ...b.fields,
          priority: '2',
          action: 'update',
        })
      ).status,
      303,
      "Bob's stale form does not revert Alice's status",
    );
    const row = await t.db.db
      .selectFrom('tickets')
      .select(['status_id', 'priority'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    assert.equal(String(row.status_id), halted);
    assert.equal(row.priority, 2);

    const conflict = await bob.post(`/desk/tickets/${ticket.number}/update`, {
      ...b.fields,
      statusId: String(await statusId(t, 'resolved')),
      action: 'update',
    });
    assert.equal(conflict.status, 409);
    assert.ok(conflict.dom.querySelector('#f-statusId-error, .alert-error'), 'the conflict is explained');
    const still = await t.db.db
      .selectFrom('tickets')
      .select('status_id')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    assert.equal(String(still.status_id), halted, 'nothing was overwritten');
  });

  it('holds a reply when the customer wrote meanwhile, shows the new message, and sends on "Send anyway"', async () => {
    const t = use();
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member });
    const desk = await agentFor(t, await buildUser(t, { role: 'staff' }));
    const { fields } = await open(desk, ticket.number);
    await replyToTicket(t.ctx(actorFromUser(member)), ticket.key, { body: 'Never mind, found it!' });
    const held = await desk.post(`/desk/tickets/${ticket.number}/update`, {
      ...fields,
      body: 'Did you try restarting?',
      action: 'respond',
    });
    assert.equal(held.status, 409);
    assert.match(held.body, /Never mind, found it!/, 'the new message is visible');
    assert.equal(
      held.dom.querySelector('textarea[name=body]')?.text,
      'Did you try restarting?',
      'the reply is kept',
    );
    assert.ok(held.dom.querySelector('button[name=force]'));
    const before = await t.db.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .execute();
    assert.equal(before.length, 2);
    const sent = await desk.post(`/desk/tickets/${ticket.number}/update`, {
      ...formFields(held),
      force: '1',
    });
    assert.equal(sent.status, 303);
    const after = await t.db.db
      .selectFrom('messages')
      .select(['body_md', 'visibility'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    assert.equal(after.length, 3);
    assert.equal(after[2]!.body_md, 'Did you try restarting?');
    assert.equal(after[2]!.visibility, 'public');
  });

  it('refuses an update that changes nothing, and bad attribute values, writing nothing', async () => {
    const t = use();
    const ticket = await buildTicket(t);
    const customer = await buildUser(t);
    const desk = await agentFor(t, await buildUser(t, { role: 'staff' }));
    const { fields } = await open(desk, ticket.number);
    const count = async () =>
      (await t.db.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticket.id).execute())
        .length;
    const before = await count();
    const nothing = await desk.post(`/desk/tickets/${ticket.number}/update`, {
      ...fields,
      body: '',
      action: 'update',
    });
    assert.equal(nothing.status, 400);
    assert.match(text(nothing, '#reply-form'), /Write a message or change something first/);
    const cases: [Record<string, string>, string][] = [
      [{ statusId: '999999' }, 'statusId'],
      [{ categoryId: '999999' }, 'categoryId'],
      [{ priority: '3' }, 'priority'],
      [{ assigneeId: String(customer.id) }, 'assigneeId'],
    ];
    for (const [change, field] of cases) {
      const res = await desk.post(`/desk/tickets/${ticket.number}/update`, {
        ...fields,
        ...change,
        action: 'update',
      });
      assert.equal(res.status, 400, field);
      assert.ok(res.dom.querySelector('.alert-error, [role=alert]'), field);
    }
    assert.equal(await count(), before);
    const empty = await desk.post(`/desk/tickets/${ticket.number}/update`, {
      ...fields,
      body: '   ',
      action: 'respond',
    });
    assert.equal(empty.status, 400);
    assert.equal(await count(), before);
  });

  it('prefills the reply with the default template, escaping the customer name', async () => {
    const t = use();
    const staff = await buildUser(t, { role: 'staff' });
    await saveStaffPreferences(t.ctx(actorFromUser(staff)), {
      defaultReply: 'Hi {customer_name}, about #{ticket_number}:',
      defaultAction: 'note',
      timelineOrder: 'desc',
    });
    const ticket = await buildTicket(t, {
      guest: { name: '[Evil](javascript:alert(1)) *bold*', email: 'evil@example.test' },
    });
    const desk = await agentFor(t, staff);
    const { page, fields } = await open(desk, ticket.number);
    assert.equal(
      fields.body,
      `Hi \\[Evil\\]\\(javascript:alert\\(1\\)\\) \\*bold\\*, about #${ticket.number}:`,
    );
    const buttons = page.dom
      .querySelectorAll('#reply-form .button-row button')
      .map((b) => b.getAttribute('value'));
    assert.deepEqual(buttons, ['note', 'respond', 'update'], 'the preferred button comes first');
    const main = page.dom.querySelector('.ticket-main')!;
    assert.ok(
      main.innerHTML.indexOf('reply-form') < main.innerHTML.indexOf('timeline'),
      'newest-first puts the form on top',
    );
  });

  it('lists other tickets by the same customer and links the customer page', async () => {
    const t = use();
    const member = await buildUser(t, { name: 'Repeat Customer' });
    const first = await buildTicket(t, { issuer: member, subject: 'First problem' });
    const second = await buildTicket(t, { issuer: member, subject: 'Second problem' });
    const desk = await agentFor(t, await buildUser(t, { role: 'staff' }));
    const { page } = await open(desk, second.number);
    assert.deepEqual(
      page.dom.querySelectorAll('.ticket-side li a').map((a) => a.text),
      ['First problem'],
    );
    const customerLink = page.dom
      .querySelector('.ticket-side a[href^="/desk/customers/"]')!
      .getAttribute('href')!;
    const customer = await desk.get(customerLink);
    assert.equal(customer.status, 200);
    assert.deepEqual(
      customer.dom
        .querySelectorAll('.ticket-subject')
        .map((s) => s.text)
        .sort(),
      ['First problem', 'Second problem'],
    );
    void first;
  });

  it('records name and email changes of an issuer on their open tickets', async () => {
    const t = use();
    const member = await buildUser(t, { name: 'Old Name' });
    const ticket = await buildTicket(t, { issuer: member });
    const agent = await agentFor(t, member);
    await agent.submit('/profile', '/profile', { displayName: 'New Name', locale: '' });
    const row = await t.db.db
      .selectFrom('tickets')
      .select('issuer_name')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.issuer_name, 'New Name');
    const page = await agent.get(ticketPath(ticket));
    assert.ok(
      page.dom
        .querySelectorAll('.timeline-change')
        .some((li) => /changed their name from Old Name to New Name/.test(li.text)),
    );
  });

  for (const choice of ['keep', 'close', 'delete'] as const) {
    it(`deletes an account and ${choice}s its open tickets, keeping name and email on the rest`, async () => {
      const t = use();
      const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
      const member = await buildUser(t, { name: `Leaver ${choice}`, email: `leaver-${choice}@example.test` });
      const openTicket = await buildTicket(t, { issuer: member });
      const closed = await buildTicket(t, { issuer: member });
      await setStatus(t, closed.id, 'resolved');
      const res = await admin.submit(`/desk/users/${member.id}`, `/desk/users/${member.id}/delete`, {
        openTickets: choice,
      });
      assert.equal(res.status, 303);
      assert.equal(
        await t.db.db.selectFrom('users').select('id').where('id', '=', member.id).executeTakeFirst(),
        undefined,
      );
      const kept = await t.db.db
        .selectFrom('tickets')
        .selectAll()
        .where('id', 'in', [openTicket.id, closed.id])
        .orderBy('id')
        .execute();
      if (choice === 'delete')
        assert.deepEqual(
          kept.map((k) => k.id),
          [closed.id],
        );
      else assert.equal(kept.length, 2);
      for (const k of kept) {
        assert.equal(k.issuer_name, `Leaver ${choice}`);
        assert.equal(k.issuer_email, `leaver-${choice}@example.test`);
        assert.equal(k.issuer_user_id, null);
        assert.notEqual(k.issuer_deleted_at, null);
      }
      if (choice === 'close') assert.equal(kept[0]!.status_id, await statusId(t, 'resolved'));
      const { Agent } = await import('../support/http.ts');
      assert.equal(
        (await new Agent(t.app).get(ticketPath(closed))).status,
        404,
        'the key alone does not open it',
      );
    });
  }
});

async function tokenFor(t: TestApp, user: Awaited<ReturnType<typeof buildUser>>) {
  const { createApiTokenFor } = await import('../../src/modules/accounts/index.ts');
  return createApiTokenFor(t.ctx(), user, 'test', 'read');
}
