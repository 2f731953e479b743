import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachDialect } from '../support/suite.ts';
import { fixture, fixtureNames } from './fixtures.ts';
import { ingest, messagesOf, notesOf } from './support.ts';

/** What each fixture becomes when nothing in Parley matches it yet: status and recorded decision. */
const EXPECTED: Record<string, [status: string, decision: string]> = {
  ...Object.fromEntries(
    ['001', '002', '003', '004', '005', '006', '007', '008', '009', '010', '011', '012', '013', '014', '015']
      .concat(['016', '018', '019', '020', '021', '022', '037', '038', '039', '042'])
      .map((id) => [id, ['processed', 'newTicket']]),
  ),
  ...Object.fromEntries(
    ['017', '023', '024', '025', '026', '027'].map((id) => [id, ['ignored', 'autoReply']]),
  ),
  ...Object.fromEntries(
    ['028', '029', '030', '031', '032', '034'].map((id) => [id, ['processed', 'bounceUnlinked']]),
  ),
  // Its subject names [#1], but the sender is not that ticket's issuer.
  '041': ['processed', 'newTicketNotIssuer'],
  '033': ['ignored', 'delay'],
  '035': ['ignored', 'mdn'],
  '036': ['held', 'heldList'],
  '040': ['held', 'heldBulk'],
};

/** The new text each reply fixture's ticket message must hold after stripping. */
const BODIES: Record<string, string> = {
  '001': 'Hello',
  '002': 'Hello',
  '003': 'Hello',
  '004': 'Hello',
  '005': 'Hello',
  '006': 'Hello',
  '007': 'Hello',
  '008': 'Hello',
  '009': 'Hello',
  '010': 'Test headers',
  '012': 'Hello',
  '016': 'Превел\n\n123',
  '039': 'Body Text - not important',
};

describeEachDialect('inbound routing of the corpus', (use) => {
  const rows = new Map<string, Awaited<ReturnType<typeof ingest>>>();

  before(async () => {
    const t = use();
    for (const name of fixtureNames()) rows.set(name.slice(0, 3), await ingest(t, fixture(name.slice(0, 3))));
  });

  it('routes every fixture as its README row expects and records the decision', () => {
    const got = Object.fromEntries([...rows].map(([id, r]) => [id, [r.status, r.decision]]));
    assert.deepEqual(got, EXPECTED);
  });

  it('opens one ticket per human mail, with the routing decision on the ticket and the quote stripped', async () => {
    const t = use();
    for (const [id, [, decision]] of Object.entries(EXPECTED)) {
      if (!decision.startsWith('newTicket')) continue;
      const row = rows.get(id)!;
      assert.ok(row.ticket_id && row.ticket_message_id, `${id} has its ticket and message`);
      const messages = await messagesOf(t, row.ticket_id);
      assert.equal(messages.length, 1, `${id}: exactly one message`);
      assert.equal(messages[0]!.source, 'email');
      assert.equal(messages[0]!.id, row.ticket_message_id);
      if (BODIES[id]) assert.equal(messages[0]!.body_md, BODIES[id], `${id} body`);
      const notes = await notesOf(t, row.ticket_id);
      assert.equal(notes[0]?.key, `inbound.decision.${decision}`);
      assert.equal(notes[0]?.internal, true, 'the decision is for staff only');
    }
  });

  it('never turns automatic mail into a ticket', () => {
    for (const [id, [, decision]] of Object.entries(EXPECTED)) {
      if (decision.startsWith('newTicket')) continue;
      assert.equal(rows.get(id)!.ticket_message_id, null, `${id} wrote no message`);
    }
  });

  it('keeps the files of a mail under the upload rules and drops what they refuse with a note', async () => {
    const t = use();
    const pdf = rows.get('021')!;
    const files = await t.db.db
      .selectFrom('attachments')
      .select(['name', 'size'])
      .where('message_id', '=', pdf.ticket_message_id)
      .execute();
    assert.deepEqual(files, [{ name: 'Invoice_302232133150612.pdf', size: 524 }]);
    const photo = rows.get('020')!;
    const [message] = await messagesOf(t, photo.ticket_id!);
    assert.equal(message!.body_md, 'Hello\n\n\\~Danielle', 'text after the photo is kept in order');
  });

  it('stores the same mail once however often it arrives', async () => {
    const t = use();
    const again = await ingest(t, fixture('001'));
    assert.equal(again.id, rows.get('001')!.id);
    const count = await t.db.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 26);
  });
});
