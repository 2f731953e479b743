import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { addInternalNote, openTicket, replyToTicket, viewTicket } from '../../src/modules/tickets/index.ts';
import { writeActivity } from '../../src/modules/tickets/ticket-write.ts';
import { findTicketByNumber } from '../../src/modules/tickets/ticket.repo.ts';
import { anonymous } from '../../src/platform/context.ts';
import { AppError } from '../../src/platform/errors.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket, generalCategoryId, statusId } from '../support/tickets.ts';

describeEachDialect('ticket rules', (use) => {
  it('numbers tickets sequentially and gives each a distinct 144-bit key', async () => {
    const t = use();
    const tickets = [];
    for (let i = 0; i < 20; i++) tickets.push(await buildTicket(t));
    const numbers = tickets.map((x) => x.number);
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => numbers[0]! + i),
    );
    const keys = new Set(tickets.map((x) => x.key));
    assert.equal(keys.size, 20);
    for (const key of keys) assert.match(key, /^[A-Za-z0-9_-]{24}$/);
  });

  it('writes the ticket, its first message and its history in one transaction', async () => {
    const t = use();
    const ticket = await buildTicket(t, { body: 'first words' });
    const messages = await t.db.db
      .selectFrom('messages')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    const events = await t.db.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.body_md, 'first words');
    assert.equal(messages[0]!.author_role, 'issuer');
    assert.deepEqual(
      events.map((e) => [e.kind, e.message_id]),
      [['message', messages[0]!.id]],
    );
    assert.equal(ticket.version, 1);
    assert.equal(ticket.priority, 0);
  });

  it('rolls everything back when a later step of the use case fails', async () => {
    const t = use();
    const before = await t.db.db.selectFrom('tickets').select('id').execute();
    const { tx } = await import('../../src/platform/db/tx.ts');
    // Read outside the transaction: on SQLite it holds the only connection.
    const categoryId = await generalCategoryId(t);
    await assert.rejects(
      tx(t.db.db, async (trx) => {
        await openTicket(
          { ...t.ctx(anonymous), db: trx },
          {
            subject: 'doomed',
            body: 'x',
            categoryId,
            guest: { name: 'A', email: 'a@example.test' },
            source: 'web',
          },
        );
        throw new Error('mail outbox is on fire');
      }),
      /on fire/,
    );
    const after = await t.db.db.selectFrom('tickets').select('id').execute();
    assert.equal(after.length, before.length);
    const orphans = await t.db.db
      .selectFrom('messages')
      .leftJoin('tickets', 'tickets.id', 'messages.ticket_id')
      .select('messages.id')
      .where('tickets.id', 'is', null)
      .execute();
    assert.equal(orphans.length, 0);
  });

  it('keeps history in order even when events share a millisecond', async () => {
    const t = use();
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member });
    const staff = await buildUser(t, { role: 'staff' });
    const { tx } = await import('../../src/platform/db/tx.ts');
    const inProgress = await statusId(t, 'in_progress');
    // The clock does not move: every row below gets the same created_at.
    await tx(t.db.db, async (trx) => {
      const fresh = (await findTicketByNumber(trx, ticket.number))!;
      await writeActivity(
        t.ctx(actorFromUser(staff)),
        trx,
        fresh,
        { userId: staff.id, role: 'staff', name: 'S' },
        {
          message: { body: 'answer', visibility: 'public', source: 'web' },
          changes: { statusId: inProgress, priority: 2, locked: true, assigneeId: staff.id },
        },
      );
    });
    const view = await viewTicket(t.ctx(actorFromUser(staff)), ticket.key);
    const kinds = view.timeline.map((e) => (e.type === 'message' ? 'message' : e.kind));
    assert.deepEqual(kinds, ['message', 'message', 'status', 'priority', 'lock', 'assignment']);
    const times = new Set(view.timeline.slice(1).map((e) => e.at));
    assert.equal(times.size, 1, 'all in the same millisecond');
  });

  it('writes nothing for a change that changes nothing', async () => {
    const t = use();
    const ticket = await buildTicket(t);
    const { tx } = await import('../../src/platform/db/tx.ts');
    const result = await tx(t.db.db, async (trx) =>
      writeActivity(
        t.ctx(),
        trx,
        ticket,
        { userId: null, role: 'system', name: 'x' },
        { changes: { priority: 0, locked: false } },
      ),
    );
    assert.deepEqual(result.changed, []);
    const events = await t.db.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .execute();
    assert.equal(events.length, 1);
  });

  it('refuses a stale version with STALE_TICKET and keeps the first writer', async () => {
    const t = use();
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member });
    const ctx = t.ctx(actorFromUser(member));
    await replyToTicket(ctx, ticket.key, { body: 'one', expectedVersion: 1 });
    await assert.rejects(
      replyToTicket(ctx, ticket.key, { body: 'two', expectedVersion: 1 }),
      (err: AppError) => err.code === 'STALE_TICKET',
    );
    const msgs = await t.db.db
      .selectFrom('messages')
      .select('body_md')
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      msgs.slice(1).map((m) => m.body_md),
      ['one'],
      'only the first reply went in',
    );
  });

  it('lets a guest holding the key reply as the issuer, under the issuer name', async () => {
    const t = use();
    const ticket = await buildTicket(t, { guest: { name: 'Gina', email: 'gina@example.test' } });
    await replyToTicket(t.ctx(anonymous), ticket.key, { body: 'guest reply' });
    const view = await viewTicket(t.ctx(anonymous), ticket.key);
    const last = view.timeline[view.timeline.length - 1]!;
    assert.equal(last.type, 'message');
    assert.equal(last.type === 'message' && last.authorName, 'Gina');
    assert.equal(last.type === 'message' && last.authorRole, 'issuer');
  });

  it('does not let customers write internal notes', async () => {
    const t = use();
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member });
    await assert.rejects(
      addInternalNote(t.ctx(actorFromUser(member)), ticket.key, { body: 'x' }),
      (err: AppError) => err.code === 'FORBIDDEN',
    );
  });

  it('shows customers only that a staff member was assigned, unless names are revealed', async () => {
    const t = use();
    const member = await buildUser(t);
    const staff = await buildUser(t, { role: 'staff', name: 'Agent Smith' });
    const ticket = await buildTicket(t, { issuer: member });
    const { tx } = await import('../../src/platform/db/tx.ts');
    await tx(t.db.db, async (trx) => {
      const fresh = (await findTicketByNumber(trx, ticket.number))!;
      await writeActivity(
        t.ctx(),
        trx,
        fresh,
        { userId: staff.id, role: 'staff', name: 'Agent Smith' },
        { changes: { assigneeId: staff.id } },
      );
    });
    const customerView = await viewTicket(t.ctx(actorFromUser(member)), ticket.key);
    const change = customerView.timeline.find((e) => e.type === 'change' && e.kind === 'assignment');
    assert.ok(change && change.type === 'change');
    assert.equal(change.to, '');
    assert.equal(change.actorName, null);
    assert.doesNotMatch(JSON.stringify(customerView.timeline), /Agent Smith/);
    const staffView = await viewTicket(t.ctx(actorFromUser(staff)), ticket.key);
    const staffChange = staffView.timeline.find((e) => e.type === 'change' && e.kind === 'assignment');
    assert.equal(staffChange?.type === 'change' && staffChange.to, 'Agent Smith');
  });
});
