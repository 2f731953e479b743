import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { ImapFlow } from 'imapflow';
import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import {
  IMAP_FETCH_JOB,
  ImapWatcher,
  fetchImapMail,
  saveImapSettings,
  testImapConnection,
  type ImapSettingsInput,
} from '../../src/modules/inbound/index.ts';
import { enqueueJob } from '../../src/platform/jobs/queue.ts';
import type { TestApp } from '../support/app.ts';
import { dovecotSkipReason, startDovecot, type Dovecot } from '../support/dovecot.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { composeMail, fixture } from './fixtures.ts';

const skip = dovecotSkipReason();
const FOLDER = 'Support';

async function mailbox(dovecot: Dovecot): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await client.connect();
  return client;
}

/** UIDs in a folder and which of them are \Seen. */
async function folderState(client: ImapFlow, folder: string) {
  const lock = await client.getMailboxLock(folder);
  try {
    const all = (await client.search({ all: true }, { uid: true })) || [];
    const seen = (await client.search({ seen: true }, { uid: true })) || [];
    return { all, seen };
  } finally {
    lock.release();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

async function counts(t: TestApp) {
  const mails = await t.db.db.selectFrom('inbound_mails').select('id').execute();
  const tickets = await t.db.db.selectFrom('tickets').select('id').execute();
  return { mails: mails.length, tickets: tickets.length };
}

describeEachDialect('IMAP ingest against a real Dovecot', (use) => {
  let dovecot: Dovecot;
  let client: ImapFlow;
  let admin: User;
  let settings: ImapSettingsInput;

  before(async () => {
    if (skip) return;
    dovecot = await startDovecot();
    client = await mailbox(dovecot);
    await client.mailboxCreate(FOLDER);
    admin = await buildUser(use(), { role: 'admin' });
    settings = {
      enabled: true,
      host: dovecot.host,
      port: dovecot.port,
      tls: false,
      username: dovecot.user,
      password: dovecot.password,
      folder: FOLDER,
      afterAction: 'seen',
      moveFolder: 'Done',
      pollSeconds: 60,
    };
  });
  after(async () => {
    if (skip) return;
    await client?.logout().catch(() => undefined);
    await dovecot?.stop();
  });

  it('tests the connection, keeps the password sealed and never shows it again', { skip }, async () => {
    const t = use();
    const ctx = t.ctx(actorFromUser(admin));
    const result = await testImapConnection(ctx, settings);
    assert.deepEqual(result, { ok: true, messages: 0, idle: true });
    const wrong = await testImapConnection(ctx, { ...settings, password: 'wrong' });
    assert.equal(wrong.ok, false);
    await saveImapSettings(ctx, settings);
    const row = await t.db.db.selectFrom('inbound_imap').select('password_enc').executeTakeFirstOrThrow();
    assert.ok(row.password_enc?.startsWith('v1:'));
    assert.ok(!row.password_enc!.includes(dovecot.password));
    const page = await (await agentFor(t, admin)).get('/desk/settings/inbound');
    assert.ok(!page.body.includes(dovecot.password), 'the form never gets the password back');
    assert.equal(page.dom.querySelector('input[name="password"]')?.getAttribute('value'), undefined);
  });

  it('stores new mail, marks it seen only after storing, and reads nothing twice', { skip }, async () => {
    const t = use();
    for (const id of ['001', '005', '023']) await client.append(FOLDER, fixture(id));
    await enqueueJob(t.db.db, IMAP_FETCH_JOB, {}, t.clock.now());
    await t.drainJobs();
    assert.deepEqual(await counts(t), { mails: 3, tickets: 2 }, 'two messages and an auto-reply');
    const state = await folderState(client, FOLDER);
    assert.deepEqual(state.seen, state.all, 'every stored mail is marked seen');
    assert.deepEqual(await fetchImapMail(t.ctx()), { stored: 0 });
  });

  it('re-reads after a crash between storing and marking, without a duplicate', { skip }, async () => {
    const t = use();
    // As if the process died after the database commit but before the mailbox and bookmark changed.
    const lock = await client.getMailboxLock(FOLDER);
    await client.messageFlagsRemove('1:*', ['\\Seen']).finally(() => lock.release());
    await t.db.db.updateTable('inbound_imap').set({ last_uid: 0 }).execute();
    const result = await fetchImapMail(t.ctx());
    assert.equal(result.stored, 3, 'read again');
    await t.drainJobs();
    assert.deepEqual(await counts(t), { mails: 3, tickets: 2 }, 'stored once');
  });

  it('starts over when the folder’s UIDVALIDITY changes, still without duplicates', { skip }, async () => {
    const t = use();
    const before = await t.db.db.selectFrom('inbound_imap').select('uid_validity').executeTakeFirstOrThrow();
    await client.mailboxDelete(FOLDER);
    await client.mailboxCreate(FOLDER);
    for (const id of ['001', '005', '023', '016']) await client.append(FOLDER, fixture(id));
    await fetchImapMail(t.ctx());
    await t.drainJobs();
    const after = await t.db.db
      .selectFrom('inbound_imap')
      .select(['uid_validity', 'last_uid'])
      .executeTakeFirstOrThrow();
    assert.notEqual(after.uid_validity, before.uid_validity);
    assert.equal(after.last_uid, 4);
    assert.deepEqual(await counts(t), { mails: 4, tickets: 3 }, 'only the new mail is new');
  });

  it('moves or deletes processed mail when told to', { skip }, async () => {
    const t = use();
    const ctx = t.ctx(actorFromUser(admin));
    await saveImapSettings(ctx, { ...settings, password: '', afterAction: 'move' });
    await client.append(
      FOLDER,
      composeMail({ from: 'm@example.test', to: 's@example.test', subject: 'Move me', body: 'x' }),
    );
    await fetchImapMail(t.ctx());
    assert.equal((await folderState(client, FOLDER)).all.length, 4, 'moved out of the folder');
    assert.equal((await folderState(client, 'Done')).all.length, 1);
    await saveImapSettings(ctx, { ...settings, password: '', afterAction: 'delete' });
    await client.append(
      FOLDER,
      composeMail({ from: 'd@example.test', to: 's@example.test', subject: 'Delete me', body: 'y' }),
    );
    await fetchImapMail(t.ctx());
    assert.equal((await folderState(client, FOLDER)).all.length, 4, 'deleted');
    await t.drainJobs();
    assert.deepEqual(await counts(t), { mails: 6, tickets: 5 });
  });

  it('idles on the folder and queues a fetch as soon as new mail arrives', { skip }, async () => {
    const t = use();
    const fetches = async () =>
      (await t.db.db.selectFrom('jobs').select('id').where('kind', '=', IMAP_FETCH_JOB).execute()).length;
    const before = await fetches();
    const watcher = new ImapWatcher({ ctx: () => t.ctx(), poke: () => undefined, retryMs: 100 });
    watcher.start();
    try {
      await waitFor(async () => (await fetches()) === before + 1, 10_000);
      await client.append(
        FOLDER,
        composeMail({ from: 'i@example.test', to: 's@example.test', subject: 'Idle', body: 'z' }),
      );
      await waitFor(async () => (await fetches()) >= before + 2, 10_000);
    } finally {
      await watcher.stop();
    }
    await t.drainJobs();
    assert.deepEqual(await counts(t), { mails: 7, tickets: 6 }, 'the announced mail was fetched');
  });

  it('records a failed login for the settings page instead of losing anything', { skip }, async () => {
    const t = use();
    await saveImapSettings(t.ctx(actorFromUser(admin)), { ...settings, password: 'wrong-now' });
    assert.deepEqual(await fetchImapMail(t.ctx()), { stored: 0 });
    const row = await t.db.db.selectFrom('inbound_imap').select('last_error').executeTakeFirstOrThrow();
    assert.match(row.last_error ?? '', /auth|fail|invalid/i);
  });
});
