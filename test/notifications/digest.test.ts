import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { jobHandlers, recurringJobs } from '../../src/jobs.ts';
import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import { DIGEST_TICK_JOB } from '../../src/modules/notifications/index.ts';
import { updateTicketAsStaff, type Ticket } from '../../src/modules/tickets/index.ts';
import { enqueueJob } from '../../src/platform/jobs/queue.ts';
import { Worker } from '../../src/platform/jobs/worker.ts';
import { smtpTransport, type MailTransport } from '../../src/platform/mail/transport.ts';
import type { TestApp } from '../support/app.ts';
import { buildUser } from '../support/factories.ts';
import { buildTicket } from '../support/tickets.ts';
import { buildStaff, setSite } from './helpers.ts';
import { describeWithSmtp, type SmtpSink } from './support.ts';

const HOUR = 3600_000;
const isDigest = (subject: string) => /Daily digest|Tägliche Zusammenfassung/.test(subject);

function digestsTo(sink: SmtpSink, address: string) {
  return sink.to(address).filter((m) => isDigest(m.subject));
}

describeWithSmtp('the daily staff digest', (use) => {
  const transports: MailTransport[] = [];
  let anna: User;
  let ben: User;
  let idle: User;
  let waiting: Ticket;
  let fresh: Ticket;
  let answered: Ticket;

  /** A worker of its own, as another process would run, on the same database and SMTP server. */
  function worker(t: TestApp): Worker {
    const mailTransport = smtpTransport(t.config.smtpUrl)!;
    transports.push(mailTransport);
    return new Worker({
      db: t.db.db,
      dialect: t.db.dialect,
      now: t.clock.now,
      handlers: jobHandlers({ config: t.config, database: t.db, mailTransport, now: t.clock.now }),
      recurring: recurringJobs(),
    });
  }

  before(async () => {
    const { t } = use();
    await setSite(t, { timeZone: 'Europe/Berlin' });
    // 09:00 UTC is 10:00 in Berlin in January.
    t.clock.ms = Date.UTC(2026, 0, 15, 9, 0, 0);
    anna = await buildStaff(t, { name: 'Anna', email: 'anna@example.test', locale: 'de', digestHour: 10 });
    ben = await buildStaff(t, { name: 'Ben', email: 'ben@example.test', digestHour: 11, follow: false });
    idle = await buildStaff(t, { name: 'Idle', email: 'idle@example.test', digestHour: 7, follow: false });
    const admin = t.ctx(actorFromUser(await buildUser(t, { role: 'admin', name: 'Ada Admin' })));
    waiting = await buildTicket(t, { subject: 'Waiting for Anna' });
    await updateTicketAsStaff(admin, String(waiting.number), { changes: { assigneeId: anna.id } });
    answered = await buildTicket(t, { subject: 'Already answered' });
    await updateTicketAsStaff(admin, String(answered.number), {
      message: { body: 'Done.', internal: false },
      changes: { assigneeId: anna.id },
    });
    const forBen = await buildTicket(t, { subject: 'Waiting for Ben' });
    await updateTicketAsStaff(admin, String(forBen.number), { changes: { assigneeId: ben.id } });
    fresh = await buildTicket(t, { subject: 'Brand new' });
    await t.drainJobs();
  });

  // Pooled SMTP connections must close before the sink stops, or it waits for them.
  function closeTransports() {
    for (const transport of transports.splice(0)) transport.close?.();
  }
  after(closeTransports);

  it('sends one digest to a person even when two workers run the tick at once', async () => {
    const { t, sink } = use();
    await enqueueJob(t.db.db, DIGEST_TICK_JOB, {}, t.clock.now());
    await enqueueJob(t.db.db, DIGEST_TICK_JOB, {}, t.clock.now());
    await Promise.all([worker(t).drain(), worker(t).drain()]);
    assert.equal(digestsTo(sink, anna.email).length, 1);
  });

  it('lists the waiting and the new tickets with their last message, in the person’s language and the site’s zone', () => {
    const { sink } = use();
    const [mail] = digestsTo(sink, anna.email);
    assert.equal(mail!.subject, 'Tägliche Zusammenfassung 2026-01-15: 2 Tickets');
    assert.equal(mail!.headers.get('auto-submitted'), 'auto-generated');
    assert.match(mail!.headers.get('list-unsubscribe')!, /\/unsubscribe\//);
    assert.match(mail!.text, new RegExp(`#${waiting.number} Waiting for Anna`));
    assert.match(mail!.text, new RegExp(`#${fresh.number} Brand new`));
    assert.ok(!mail!.text.includes('Already answered'), 'a ticket that waits for the customer is not listed');
    assert.ok(!mail!.text.includes('Waiting for Ben'));
    assert.match(mail!.text, /letzte Nachricht von Guest \d+, 15\. Jan\. 2026, 10:00 MEZ/);
    assert.ok(mail!.html.includes(`href="http://parley.test/desk/tickets/${waiting.number}"`));
  });

  it('does not send before the chosen hour, and skips an empty digest', async () => {
    const { t, sink } = use();
    assert.equal(digestsTo(sink, ben.email).length, 0, 'Ben chose 11:00');
    assert.equal(digestsTo(sink, idle.email).length, 0, 'nothing waits for Idle');
    const run = await t.db.db
      .selectFrom('digest_runs')
      .selectAll()
      .where('user_id', '=', idle.id)
      .executeTakeFirstOrThrow();
    assert.equal(run.outbox_id, null, 'the empty day is decided, not sent');
  });

  it('sends nothing more when a tick runs again after a crash the same day', async () => {
    const { t, sink } = use();
    // The workers died after their work but before marking the jobs done: the jobs run again.
    await t.db.db
      .updateTable('jobs')
      .set({ done_at: null, locked_until: t.clock.now() - 1 })
      .where('kind', '=', DIGEST_TICK_JOB)
      .execute();
    t.clock.advance(10 * 60_000);
    await t.drainJobs();
    assert.equal(digestsTo(sink, anna.email).length, 1);
  });

  it('sends the later hour’s digest then, and the next day’s the next day', async () => {
    const { t, sink } = use();
    t.clock.ms = Date.UTC(2026, 0, 15, 10, 0, 0);
    await enqueueJob(t.db.db, DIGEST_TICK_JOB, {}, t.clock.now());
    await t.drainJobs();
    assert.equal(digestsTo(sink, ben.email).length, 1);
    assert.equal(digestsTo(sink, ben.email)[0]!.subject, 'Daily digest 2026-01-15: 1 ticket');
    t.clock.ms = Date.UTC(2026, 0, 16, 9, 0, 0);
    await enqueueJob(t.db.db, DIGEST_TICK_JOB, {}, t.clock.now());
    await t.drainJobs();
    assert.equal(digestsTo(sink, anna.email).length, 2);
    assert.equal(digestsTo(sink, ben.email).length, 1);
  });

  it('schedules the hourly tick once however many workers start, and each run schedules the next', async () => {
    const { t } = use();
    t.clock.ms = Date.UTC(2026, 0, 20, 6, 30, 0);
    const bucket = Math.floor(t.clock.now() / HOUR);
    const [a, b] = [worker(t), worker(t)];
    await Promise.all([a.scheduleRecurring(), b.scheduleRecurring()]);
    const keys = async () =>
      (
        await t.db.db
          .selectFrom('jobs')
          .select('key')
          .where('kind', '=', DIGEST_TICK_JOB)
          .where('key', '>=', `${DIGEST_TICK_JOB}@${bucket}`)
          .orderBy('id')
          .execute()
      ).map((j) => j.key);
    assert.deepEqual(await keys(), [`${DIGEST_TICK_JOB}@${bucket}`]);
    await Promise.all([a.drain(), b.drain()]);
    assert.deepEqual(await keys(), [`${DIGEST_TICK_JOB}@${bucket}`, `${DIGEST_TICK_JOB}@${bucket + 1}`]);
    closeTransports();
  });
});
