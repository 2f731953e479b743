import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyMail, parseMail, splitMailText, type ParsedMail } from '../../src/modules/inbound/index.ts';
import type { Classification } from '../../src/modules/inbound/index.ts';
import { normaliseSubject } from '../../src/modules/inbound/message-content.ts';
import { fixture, fixtureNames } from './fixtures.ts';

interface Row {
  cls: Classification['kind'];
  /** 1-based line of the decoded first text part where the quote starts; null: none. */
  quote?: number | null;
  /** The new text after stripping. */
  text?: string;
  check?: (mail: ParsedMail, cls: Classification) => void;
}

const lines = (mail: ParsedMail) => mail.text.split('\n');
const files = (mail: ParsedMail) => mail.attachments.filter((a) => !a.inline);
const inline = (mail: ParsedMail) => mail.attachments.filter((a) => a.inline);

/** Every row of the corpus README, as the test oracle. */
const ROWS: Record<string, Row> = {
  '001': { cls: 'message', quote: 3, text: 'Hello', check: (m) => assert.equal(m.subject, 'Re: Test') },
  '002': {
    cls: 'message',
    quote: 3,
    text: 'Hello',
    check: (m) => {
      assert.equal(m.hasOwnMessageId, false);
      assert.match(m.messageId, /^<[0-9a-f]{40}@generated\.parley\.invalid>$/);
      assert.equal(m.date, null, 'no Date: the arrival time is used');
      assert.equal(m.subject, 'Test');
    },
  },
  '003': { cls: 'message', quote: 5, text: 'Hello' },
  '004': {
    cls: 'message',
    quote: 4,
    text: 'Hello',
    check: (m) => assert.deepEqual(m.inReplyTo, ['<1333374262.7063.15.camel@mg5>']),
  },
  '005': { cls: 'message', quote: 3, text: 'Hello' },
  '006': {
    cls: 'message',
    quote: 1,
    text: 'Hello',
    check: (m) => {
      assert.equal(lines(m)[0], 'On 04/02/2012 06:26 PM, Megan One wrote:');
      assert.equal(splitMailText(m).bottomPosted, true);
    },
  },
  '007': {
    cls: 'message',
    quote: 5,
    text: 'Hello',
    check: (m) => {
      assert.equal(lines(m)[4], 'On Apr 3, 2012, at 4:19 PM, bob <bob@example.com> wrote:');
      assert.equal(splitMailText(m).signatureLine, 3, '"Sent from my iPhone" is a signature');
    },
  },
  '008': { cls: 'message', quote: 2, text: 'Hello', check: (m) => assert.equal(lines(m)[4], '> Hi') },
  '009': { cls: 'message', quote: 4, text: 'Hello', check: (m) => assert.equal(lines(m)[1], 'Hello') },
  '010': {
    cls: 'message',
    quote: null,
    text: 'Test headers',
    check: (m) => {
      assert.equal(normaliseSubject(m.subject), 'FR-selca LA selcaE');
      assert.deepEqual(m.inReplyTo, [
        '<5185e377-81c5-4361-91ba-11d42f4c5cc9@AM5EUR02FT056.eop-EUR02.prod.protection.outlook.com>',
      ]);
      assert.equal(m.references.length, 2);
      assert.ok(
        m.parts.some((p) => p.contentType === 'multipart/alternative'),
        'headers read past line 57',
      );
    },
  },
  '011': {
    cls: 'message',
    check: (m) => {
      assert.match(m.text, /Det här är ett flerdelat meddelande/);
      assert.ok(!m.text.includes('\uFFFD'));
      assert.equal(m.from?.name, 'sendeär');
    },
  },
  '012': {
    cls: 'message',
    quote: 8,
    text: 'Hello',
    check: (m) => assert.equal(splitMailText(m).signatureLine, 3),
  },
  '013': {
    cls: 'message',
    check: (m) => {
      assert.equal(m.subject, '日本語メールテスト (testing Japanese emails)');
      assert.deepEqual(lines(m).slice(2, 6), ['日本語が', '正常に', '送れているか', 'テスト.']);
    },
  },
  '014': {
    cls: 'message',
    check: (m) => {
      assert.equal(lines(m)[0], 'шостий');
      assert.deepEqual(
        files(m).map((a) => a.name),
        ['winmail.dat'],
        'one opaque winmail.dat, never a garbled body',
      );
    },
  },
  '015': {
    cls: 'message',
    check: (m) => {
      assert.equal(m.subject, 'Simple text. How are you? Как ты поживаешь?');
      assert.equal(lines(m)[1], 'А эта линия по-русски.');
    },
  },
  '016': { cls: 'message', check: (m) => assert.equal(lines(m)[0], 'Превел') },
  '017': { cls: 'auto-reply', check: (m) => assert.ok(!m.text.includes('\uFFFD')) },
  '018': {
    cls: 'message',
    check: (m) => {
      assert.equal(m.textFromHtml, true, 'no text/plain part: the text comes from the HTML');
      assert.match(m.text, /\S/);
      assert.deepEqual(files(m), [], 'the cid image is not a separate attachment');
      assert.deepEqual(
        inline(m).map((a) => a.name),
        ['favicon.png'],
      );
    },
  },
  '019': {
    cls: 'message',
    check: (m) => {
      assert.deepEqual(
        inline(m)
          .map((a) => a.name)
          .sort(),
        ['background.jpg', 'logo.jpg'],
      );
      const [file] = files(m);
      assert.equal(files(m).length, 1);
      assert.equal(file!.name, 'attachment.txt');
      assert.equal(file!.content.length, 2229);
      assert.match(file!.content.toString('utf8'), /^Lorem ipsum/);
    },
  },
  '020': {
    cls: 'message',
    check: (m) => {
      assert.equal(m.from?.address, 'someone@somewhere.com');
      assert.equal(m.subject, 'Subject');
      assert.equal(m.text.trim(), 'Hello');
      assert.deepEqual(m.moreText, ['~Danielle'], 'the text after the photo follows in order');
      assert.deepEqual(
        m.attachments.map((a) => [a.name, a.content.length]),
        [['photo.JPG', 9023]],
      );
    },
  },
  '021': {
    cls: 'message',
    check: (m) => {
      assert.equal(m.text.trim(), 'Thank you for booking with easyHotel.');
      assert.equal(files(m).length, 1);
      assert.equal(files(m)[0]!.name, 'Invoice_302232133150612.pdf');
      assert.equal(files(m)[0]!.content.length, 524);
      assert.equal(files(m)[0]!.content.subarray(0, 8).toString('latin1'), '%PDF-1.2');
    },
  },
  '022': {
    cls: 'message',
    check: (m) => {
      assert.equal(m.text.trim(), 'A text section');
      assert.deepEqual(
        m.attachments.map((a) => [a.name, a.content.toString('latin1')]),
        [['foo_9E5D72.zip', '<html>\n']],
      );
    },
  },
  '023': { cls: 'auto-reply' },
  '024': { cls: 'auto-reply' },
  '025': { cls: 'auto-reply', check: (m) => assert.equal(m.subject, 'AutoRespons :Nyaan?') },
  '026': {
    cls: 'auto-reply',
    check: (m) => assert.deepEqual(m.inReplyTo, ['<4e6e35f5a38b4_479f13bb90078178@small-app-01.mail>']),
  },
  '027': {
    cls: 'auto-reply',
    check: (m) => {
      assert.equal(m.from, null);
      assert.equal(m.hasOwnMessageId, false);
      assert.match(m.subject, /^Automatyczna odpowiedź:/);
    },
  },
  '028': {
    cls: 'bounce',
    check: (_m, c) => {
      assert.deepEqual(c.bounce?.recipients, ['alex.jones@fictionalcorp.com']);
      assert.equal(
        c.bounce?.originalIds[0],
        '<conversation/93775311-9416-4428-964b-862001f8a8b2/messages/27855337@gmail.com>',
      );
    },
  },
  '029': {
    cls: 'bounce',
    check: (_m, c) => {
      assert.deepEqual(c.bounce?.recipients, ['userunknown@example.jp']);
      assert.equal(c.bounce?.originalIds[0], '<D992C2C3-F175-4C4D-97E2-53A90E4E5BF5@gmail.com>');
    },
  },
  '030': {
    cls: 'bounce',
    check: (_m, c) => {
      assert.ok(c.bounce?.recipients.includes('r@p351355.pool.example.ne.jp'));
      assert.ok(c.bounce?.recipients.includes('kijitora@example.org'));
      assert.equal(c.bounce?.status, '5.1.1');
      assert.deepEqual(c.bounce?.originalIds, [], 'truncated: no original Message-ID to link');
    },
  },
  '031': {
    cls: 'bounce',
    check: (_m, c) => {
      assert.deepEqual(c.bounce?.recipients, ['kijitora@example.com']);
      assert.equal(c.bounce?.status, '5.1.10');
      assert.equal(c.bounce?.originalIds[0], '<FFFFFFFF.EEEEEEEE@example.ed.jp>');
    },
  },
  '032': {
    cls: 'bounce',
    check: (_m, c) => {
      assert.deepEqual(c.bounce?.recipients, ['kijitora@example.ed.jp']);
      assert.equal(c.bounce?.status, '5.7.0');
    },
  },
  '033': { cls: 'delay' },
  '034': {
    cls: 'bounce',
    check: (_m, c) => {
      assert.deepEqual(c.bounce?.recipients, ['netec.test@netecgc.com']);
      assert.equal(
        c.bounce?.originalIds[0],
        '<44565655.JitbitHelpdesk.13439.691a0afc-a0a0-457c-8208-f20b7c4a4cb1@jitbit.com>',
      );
    },
  },
  '035': { cls: 'mdn' },
  '036': {
    cls: 'list',
    check: (m) => assert.ok(!m.attachments.some((a) => a.contentType === 'application/pgp-signature')),
  },
  '037': {
    cls: 'message',
    quote: null,
    check: (m) => {
      const split = splitMailText(m);
      assert.equal(split.forwarded, true);
      assert.equal(
        lines(m)[0],
        '---------- Forwarded message ----------',
        'no new text: line 1 is the forward',
      );
      assert.match(split.text, /From: Bob <example@example\.com>/, 'the forwarded content is kept whole');
    },
  },
  '038': {
    cls: 'message',
    text: 'Hello',
    check: (m) => {
      assert.equal(m.messageId, '<4FEEF9B3.7060508@example.net>');
      assert.deepEqual(m.inReplyTo, [], 'the attached message does not lend its threading headers');
      assert.deepEqual(m.references, []);
      const eml = m.attachments.find((a) => a.contentType === 'message/rfc822');
      assert.ok(eml, 'the forwarded message is kept as an .eml attachment');
      assert.match(eml.content.toString('latin1'), /BANLkTinHZL1QMDHOv7Ewp\+Z5u6SPvYcc\+Q@mail\.gmail\.com/);
      assert.match(eml.content.toString('latin1'), /Subject: Thanks!/);
    },
  },
  '039': {
    cls: 'message',
    check: (m) => {
      assert.equal(m.subject, 'GA.comô has a lead for you');
      assert.equal(m.date, null);
      assert.equal(m.text.trim(), 'Body Text - not important');
    },
  },
  '040': {
    cls: 'bulk',
    check: (m) => {
      assert.deepEqual(m.inReplyTo, [], 'a bare address is not a Message-ID');
      assert.equal(m.hasOwnMessageId, false);
      assert.equal(m.date, null);
      assert.equal(m.text.trim(), '');
    },
  },
  // Our own additions for cases the corpus lacks (see test/fixtures/mail/README.md).
  '041': {
    cls: 'message',
    quote: 3,
    text: "I found this thread in a forwarded mail. Please send me the customer's invoice as well.",
    check: (m) => assert.equal(m.from?.address, 'mallory@example.net'),
  },
  '042': {
    cls: 'message',
    quote: 6,
    text: 'Bitte öffnen Sie das Ticket wieder, der Drucker klemmt erneut.\n\nGrüße\nCarla',
    check: (m) => assert.equal(m.from?.name, 'Carla Müller'),
  },
};

describe('the mail corpus: every README row', () => {
  it('has an expectation for every fixture', () => {
    assert.deepEqual(
      fixtureNames().map((f) => f.slice(0, 3)),
      Object.keys(ROWS),
    );
  });

  for (const [id, row] of Object.entries(ROWS)) {
    it(`reads ${fixtureNames().find((f) => f.startsWith(id))} as ${row.cls}`, async () => {
      const mail = await parseMail(fixture(id));
      const cls = classifyMail(mail);
      assert.equal(cls.kind, row.cls);
      const split = splitMailText(mail);
      if (row.quote !== undefined) assert.equal(split.quoteLine, row.quote);
      if (row.text !== undefined) assert.equal(split.text, row.text);
      row.check?.(mail, cls);
    });
  }

  it('makes different ids for different mails without a Message-ID, and the same id for the same bytes', async () => {
    const a = await parseMail(fixture('002'));
    const b = await parseMail(fixture('040'));
    assert.notEqual(a.messageId, b.messageId);
    assert.equal((await parseMail(fixture('002'))).messageId, a.messageId);
  });
});
