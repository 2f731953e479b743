import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dmarcVerdict } from '../../src/modules/inbound/sender-auth.ts';
import { setSite } from '../notifications/helpers.ts';
import { describeEachDialect } from '../support/suite.ts';
import { composeMail } from './fixtures.ts';
import { ingest } from './support.ts';

const MX = 'mx.parley.test';
const headers = (...values: string[]) => new Map([['authentication-results', values]]);

describe('dmarcVerdict', () => {
  it('reads the DMARC result of our own server only, from its topmost header', () => {
    assert.equal(
      dmarcVerdict(
        headers(`${MX}; spf=pass smtp.mailfrom=a.test; dmarc=fail (p=reject) header.from=a.test`),
        MX,
      ),
      'fail',
    );
    assert.equal(
      dmarcVerdict(headers(`${MX} 1; dkim=pass (good signature) header.d=a.test; dmarc=pass`), MX),
      'pass',
    );
    assert.equal(dmarcVerdict(headers(`MX.Parley.Test; DMARC=Fail`), MX), 'fail', 'case does not matter');
    assert.equal(
      dmarcVerdict(headers(`evil.test; dmarc=fail`), MX),
      undefined,
      'another server is not trusted',
    );
    assert.equal(
      dmarcVerdict(headers(`${MX}; dmarc=pass`, `${MX}; dmarc=fail`), MX),
      'pass',
      'the topmost counts',
    );
    assert.equal(dmarcVerdict(headers(`${MX}; spf=pass`), MX), undefined, 'no DMARC result');
    assert.equal(
      dmarcVerdict(headers(`${MX}; dmarc=fail`), ''),
      undefined,
      'nothing is trusted without a server',
    );
    assert.equal(
      dmarcVerdict(headers(`${MX}; x (dmarc=fail) y; dmarc=pass`), MX),
      'pass',
      'comments are not results',
    );
  });
});

describeEachDialect('email in: DMARC failures reported by our receiving server', (use) => {
  const mail = (results: string[]) =>
    Buffer.concat([
      Buffer.from(results.map((r) => `Authentication-Results: ${r}\r\n`).join('')),
      composeMail({ from: 'ceo@bank.test', to: 'support@parley.test', subject: 'Urgent', body: 'Pay now' }),
    ]);

  it('holds mail whose DMARC check failed at our server, and only then', async () => {
    const t = use();
    const forged = mail([`${MX}; dmarc=fail (p=reject) header.from=bank.test`]);
    assert.equal((await ingest(t, forged)).decision, 'newTicket', 'not trusted before the server is named');
    await setSite(t, { inboundAuthservId: MX });
    const held = await ingest(t, mail([`${MX}; dmarc=fail (p=reject) header.from=bank.test`]));
    assert.deepEqual([held.status, held.decision], ['held', 'heldDmarcFail']);
    assert.equal(held.ticket_id, null);
    const passed = await ingest(t, mail([`${MX}; dmarc=pass header.from=bank.test`]));
    assert.equal(passed.decision, 'newTicket');
    // A sender cannot plant a failing (or passing) result under another server's name, or below ours.
    const planted = await ingest(t, mail([`${MX}; dmarc=pass`, `${MX}; dmarc=fail`]));
    assert.equal(planted.decision, 'newTicket');
  });
});
