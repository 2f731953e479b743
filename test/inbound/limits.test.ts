import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SENDER_LIMIT_PER_HOUR } from '../../src/modules/inbound/decide.ts';
import { describeEachDialect } from '../support/suite.ts';
import { composeMail, fixture } from './fixtures.ts';
import { ingest, notesOf } from './support.ts';

describeEachDialect(
  'inbound limits',
  (use) => {
    it('drops an attachment over the upload limit with a staff-only note and still ingests the mail', async () => {
      const t = use();
      const row = await ingest(t, fixture('019'));
      assert.deepEqual([row.status, row.decision], ['processed', 'newTicket']);
      const files = await t.db.db
        .selectFrom('attachments')
        .select('name')
        .where('message_id', '=', row.ticket_message_id)
        .orderBy('name')
        .execute();
      assert.deepEqual(
        files.map((f) => f.name),
        ['attachment.txt', 'logo.jpg'],
        'the 18 kB background image is over the 5 kB limit',
      );
      const dropped = (await notesOf(t, row.ticket_id!)).filter(
        (n) => n.key === 'inbound.note.droppedTooLarge',
      );
      assert.deepEqual(
        dropped.map((n) => [n.values.name, n.internal]),
        [['background.jpg', true]],
      );
    });

    it('holds mail from a sender who sends more than the hourly limit', async () => {
      const t = use();
      const mail = (n: number) =>
        composeMail({
          from: 'flood@example.test',
          to: 'support@parley.test',
          subject: `Flood ${n}`,
          body: `Mail ${n}`,
        });
      for (let n = 0; n < SENDER_LIMIT_PER_HOUR; n++)
        assert.equal((await ingest(t, mail(n))).status, 'processed');
      const over = await ingest(t, mail(SENDER_LIMIT_PER_HOUR));
      assert.deepEqual([over.status, over.decision], ['held', 'heldRateLimit']);
      t.clock.advance(3600_000);
      assert.equal(
        (await ingest(t, mail(SENDER_LIMIT_PER_HOUR + 1))).status,
        'processed',
        'an hour later it flows again',
      );
    });
  },
  { env: { UPLOAD_MAX_FILE_BYTES: '5000' } },
);
