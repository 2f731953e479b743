import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INTERRUPTED, INVALID_ADDRESS, MAIL_SEND_JOB, queueMail } from '../../src/modules/mail/index.ts';
import { tx } from '../../src/platform/db/tx.ts';
import { claimJob } from '../../src/platform/jobs/queue.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { testDialects } from '../support/db.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { buildTicket } from '../support/tickets.ts';
import { buildStaff } from './helpers.ts';
import { SmtpSink, describeWithSmtp, freePort } from './support.ts';

async function outboxTo(t: TestApp, address: string) {
  return t.db.db.selectFrom('outbox').selectAll().where('to_address', '=', address).orderBy('id').execute();
}

async function queueOne(t: TestApp, to: string, subject = 'Hello') {
  return tx(t.db.db, (trx) =>
    queueMail(
      { ...t.ctx(), db: trx },
      {
        to,
        template: 'test',
        params: {},
        content: { subject, text: `${subject} body`, html: `<p>${subject} body</p>` },
      },
    ),
  );
}

for (const dialect of testDialects()) {
  describe(`mail delivery while SMTP is down [${dialect}]`, () => {
    let t: TestApp;
    let sink: SmtpSink;
    before(async () => {
      const port = await freePort();
      t = await buildTestApp(dialect, { env: { SMTP_URL: `smtp://127.0.0.1:${port}` }, realSmtp: true });
      sink = new SmtpSink(port);
    });
    after(async () => {
      await t.close();
      await sink.stop();
    });

    it('keeps the mails queued and sends each exactly once when SMTP is back', async () => {
      const staff = await buildStaff(t, { email: 'down-staff@example.test' });
      await buildTicket(t, { guest: { name: 'Dora', email: 'dora@example.test' } });
      await t.drainJobs();
      const waiting = [...(await outboxTo(t, 'dora@example.test')), ...(await outboxTo(t, staff.email))];
      assert.equal(waiting.length, 2);
      for (const mail of waiting) {
        assert.equal(mail.status, 'queued');
        assert.equal(mail.attempts, 1);
        assert.match(mail.last_error ?? '', /ECONNREFUSED|connect/i);
      }
      await t.drainJobs();
      assert.equal(
        (await outboxTo(t, 'dora@example.test'))[0]!.attempts,
        1,
        'the retry waits for its backoff',
      );

      await sink.start();
      t.clock.advance(60_000);
      await t.drainJobs();
      t.clock.advance(3 * 3600_000);
      await t.drainJobs();
      assert.deepEqual(sink.mails.map((m) => m.rcpt[0]).sort(), ['dora@example.test', staff.email].sort());
      for (const mail of [...(await outboxTo(t, 'dora@example.test')), ...(await outboxTo(t, staff.email))]) {
        assert.equal(mail.status, 'sent');
        assert.equal(mail.attempts, 2);
      }
    });
  });
}

describeWithSmtp('mail delivery faults', (use) => {
  it('fails a mail the server refuses with 5xx, with its answer, and does not retry it', async () => {
    const { t, sink } = use();
    sink.reject.add('nobody@example.test');
    const id = await queueOne(t, 'nobody@example.test');
    const fine = await queueOne(t, 'fine@example.test');
    await t.drainJobs();
    const [mail] = await outboxTo(t, 'nobody@example.test');
    assert.equal(mail!.status, 'failed');
    assert.equal(mail!.attempts, 1);
    assert.match(mail!.last_error!, /^550 No such user here/);
    const job = await t.db.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', MAIL_SEND_JOB)
      .where('payload', '=', JSON.stringify({ outboxId: id }))
      .executeTakeFirstOrThrow();
    assert.ok(job.done_at !== null && job.failed_at === null, 'the job is finished, not waiting for a retry');
    t.clock.advance(3600_000);
    await t.drainJobs();
    assert.equal((await outboxTo(t, 'nobody@example.test'))[0]!.attempts, 1);
    assert.equal(sink.to('fine@example.test').length, 1);
    assert.equal(
      (await t.db.db.selectFrom('outbox').select('status').where('id', '=', fine).executeTakeFirst())!.status,
      'sent',
    );
  });

  it('fails an empty or invalid address at once, without SMTP, and sends the rest', async () => {
    const { t, sink } = use();
    const before = sink.mails.length;
    await queueOne(t, '');
    await queueOne(t, 'no address here');
    await queueOne(t, 'after-bad@example.test');
    await t.drainJobs();
    for (const to of ['', 'no address here']) {
      const [mail] = await outboxTo(t, to);
      assert.equal(mail!.status, 'failed');
      assert.equal(mail!.last_error, INVALID_ADDRESS);
      assert.equal(mail!.attempts, 0);
    }
    assert.deepEqual(
      sink.mails.slice(before).map((m) => m.rcpt),
      [['after-bad@example.test']],
    );
  });

  it('never sends twice after a crash between marking a mail sending and finishing it', async () => {
    const { t, sink } = use();
    const id = await queueOne(t, 'crash@example.test', 'Crash');
    // A worker claims the send job, marks the mail sending, then dies before SMTP answers.
    const job = (await claimJob(t.db.db, t.db.dialect, 'dead-worker', [MAIL_SEND_JOB], t.clock.now(), 1000))!;
    assert.equal(JSON.parse(job.payload).outboxId, id);
    await t.db.db
      .updateTable('outbox')
      .set({ status: 'sending' as never, send_job_id: job.id, sending_at: t.clock.now() } as never)
      .where('id', '=', id)
      .execute();
    t.clock.advance(5000);
    await t.drainJobs();
    const [mail] = await outboxTo(t, 'crash@example.test');
    assert.equal(mail!.status, 'failed');
    assert.equal(mail!.last_error, INTERRUPTED);
    assert.equal(sink.to('crash@example.test').length, 0);

    // An admin resends it from the outbox page.
    const admin = await agentFor(t, await buildUser(t, { role: 'admin' }));
    const page = await admin.get(`/desk/outbox/${id}`);
    assert.ok(page.body.includes(INTERRUPTED));
    const action = page.dom.querySelector(`form[action="/desk/outbox/${id}/retry"]`);
    assert.ok(action, 'the failed mail offers a resend');
    assert.equal((await admin.post(`/desk/outbox/${id}/retry`)).status, 303);
    await t.drainJobs();
    assert.equal(sink.to('crash@example.test').length, 1);
    assert.equal((await outboxTo(t, 'crash@example.test'))[0]!.status, 'sent');
  });

  it('leaves a mail another job is sending right now alone', async () => {
    const { t, sink } = use();
    const id = await queueOne(t, 'busy@example.test');
    await t.db.db
      .updateTable('outbox')
      .set({ status: 'sending', send_job_id: 999_999, sending_at: t.clock.now() } as never)
      .where('id', '=', id)
      .execute();
    await t.drainJobs();
    assert.equal((await outboxTo(t, 'busy@example.test'))[0]!.status, 'sending');
    assert.equal(sink.to('busy@example.test').length, 0);
  });
});
