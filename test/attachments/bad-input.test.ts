import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { claimUploads } from '../../src/modules/attachments/index.ts';
import { updateSiteSettings, getSiteSettings } from '../../src/modules/settings/index.ts';
import { readUploadForm } from '../../src/web/attachments/upload-form.ts';
import type { TestApp } from '../support/app.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import type { Agent } from '../support/http.ts';
import { buildTicket } from '../support/tickets.ts';
import {
  MULTIPART,
  attachmentRows,
  describeEachStorage,
  multipartBody,
  pngImage,
  storedObjects,
  textBytes,
  type Part,
} from './support.ts';

const LIMITS = { UPLOAD_MAX_FILE_BYTES: '65536', UPLOAD_MAX_MESSAGE_BYTES: '100000', UPLOAD_MAX_FILES: '3' };
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 7)]);

/** A form route as the ticket forms will have it: it answers with what readUploadForm read. */
function addFormRoute(t: TestApp): void {
  t.app.post('/test/form', async (req, reply) => {
    const form = await readUploadForm(req, reply, t.deps);
    const status = form.error?.status ?? 200;
    return reply.code(status).send({
      fields: form.fields,
      uploadIds: form.uploadIds,
      error: form.error ? { code: form.error.code, fields: form.error.fields } : null,
    });
  });
}

async function post(agent: Agent, url: string, parts: Part[], truncate?: number) {
  const page = await agent.request({
    method: 'POST',
    url,
    headers: { 'content-type': MULTIPART, accept: 'application/json' },
    payload: multipartBody(parts, truncate),
  });
  let json: any = {};
  try {
    json = JSON.parse(page.body || '{}');
  } catch {
    // An HTML error page.
  }
  return { status: page.status, json };
}

const file = (filename: string, data: Buffer): Part => ({ name: 'files', filename, data });

await describeEachStorage(
  'refused uploads leave nothing behind',
  (use, { storage }) => {
    let agent: Agent;
    const csrf = () => `?_csrf=${encodeURIComponent(agent.csrf ?? '')}`;

    before(async () => {
      addFormRoute(use());
      agent = await agentFor(use(), await buildUser(use()));
    });

    /** Runs the request and checks that no row and no stored object was added. */
    async function refused(send: () => Promise<{ status: number; json: any }>, status: number) {
      const t = use();
      const rows = await attachmentRows(t);
      const objects = await storedObjects(t.config, t.deps.storage);
      const res = await send();
      assert.equal(res.status, status, JSON.stringify(res.json));
      assert.equal(await attachmentRows(t), rows, 'no row was added');
      assert.deepEqual(await storedObjects(t.config, t.deps.storage), objects, 'no object was left');
      return res;
    }

    const single = (f: Part, truncate?: number) => () => post(agent, `/attachments${csrf()}`, [f], truncate);
    const form = (parts: Part[], truncate?: number) => () =>
      post(agent, `/test/form${csrf()}`, parts, truncate);

    it('refuses a file over the per-file limit', async () => {
      const res = await refused(single(file('big.log', textBytes(70_000))), 413);
      assert.equal(res.json.error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal(res.json.error.fields.files, 'A file is larger than the limit for one file.');
    });

    it('refuses files over the per-message limit and drops the ones already stored', async () => {
      const res = await refused(
        form([
          { name: 'subject', value: 'Crash' },
          file('a.log', textBytes(60_000)),
          file('b.log', textBytes(60_000)),
        ]),
        413,
      );
      assert.deepEqual(res.json.error.fields, { files: 'attachments.error.messageTooLarge' });
      assert.equal(res.json.fields.subject, 'Crash', 'the rest of the form comes back');
    });

    it('refuses more files than allowed', async () => {
      const parts = [1, 2, 3, 4].map((n) => file(`${n}.txt`, textBytes(100)));
      const res = await refused(form(parts), 400);
      assert.deepEqual(res.json.error.fields, { files: 'attachments.error.tooMany' });
    });

    it('refuses an executable renamed .png and a type the admin did not allow', async () => {
      const exe = await refused(single(file('cat.png', EXE)), 415);
      assert.equal(exe.json.error.fields.files, 'Programs and scripts cannot be attached.');
      const gz = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0]), Buffer.alloc(100, 1)]);
      const gzip = await refused(single(file('logs.gz', gz)), 415);
      assert.match(gzip.json.error.fields.files, /not accepted/);
    });

    it('follows the allowed types an admin sets', async () => {
      const t = use();
      const admin = actorFromUser(await buildUser(t, { role: 'admin' }));
      const settings = await getSiteSettings(t.ctx());
      await updateSiteSettings(t.ctx(admin), { ...settings, uploadTypes: ['text/plain'] });
      try {
        await refused(single(file('shot.png', await pngImage())), 415);
        assert.equal((await single(file('ok.txt', textBytes(10)))()).status, 201);
      } finally {
        await updateSiteSettings(t.ctx(admin), settings);
      }
    });

    it('refuses an empty file', async () => {
      const res = await refused(single(file('empty.txt', Buffer.alloc(0))), 400);
      assert.equal(res.json.error.fields.files, 'A file is empty.');
    });

    it('refuses a multipart body that breaks off mid-file', async () => {
      const body = [file('cut.log', textBytes(40_000))];
      const full = multipartBody(body).length;
      const res = await refused(single(body[0]!, full - 15_000), 400);
      assert.equal(
        res.json.error.fields.files,
        'The upload broke off before it was complete. Please try again.',
      );
      const viaForm = await refused(form([file('ok.txt', textBytes(500)), ...body], full), 400);
      assert.deepEqual(viaForm.json.error.fields, { files: 'attachments.error.truncated' });
    });

    it('refuses an upload the storage fails in the middle of, and removes what was written', async () => {
      storage.failAfterBytes = 20_000;
      try {
        const res = await refused(single(file('half.log', textBytes(50_000))), 503);
        assert.equal(res.json.error.code, 'STORAGE_UNAVAILABLE');
        await refused(form([file('a.txt', textBytes(100)), file('b.log', textBytes(50_000))]), 503);
      } finally {
        storage.failAfterBytes = undefined;
      }
    });

    it('needs the CSRF token, from the URL for a multipart form', async () => {
      const res = await post(agent, '/test/form', [file('a.txt', textBytes(10))]);
      assert.equal(res.status, 403);
    });

    it('hands a good form its fields and every upload id to claim, and the claim checks the total', async () => {
      const t = use();
      const user = await buildUser(t);
      const mine = await agentFor(t, user);
      const token = `?_csrf=${encodeURIComponent(mine.csrf ?? '')}`;
      const early = await post(mine, `/attachments${token}`, [file('early.txt', textBytes(50_000))]);
      const res = await post(mine, `/test/form${token}`, [
        { name: 'body', value: 'two more' },
        { name: 'attachmentIds', value: early.json.id },
        { name: 'files', filename: '', data: Buffer.alloc(0) },
        file('late.log', textBytes(60_000)),
      ]);
      assert.equal(res.status, 200);
      assert.equal(res.json.fields.body, 'two more');
      assert.equal(res.json.uploadIds.length, 2);
      assert.equal(res.json.uploadIds[0], early.json.id);
      const ticket = await buildTicket(t, { issuer: user });
      const message = await t.db.db
        .selectFrom('messages')
        .select('id')
        .where('ticket_id', '=', ticket.id)
        .executeTakeFirstOrThrow();
      // 110 000 bytes together: over the message limit although each request was within it.
      await assert.rejects(
        claimUploads(t.ctx(actorFromUser(user)), {
          uploadIds: res.json.uploadIds,
          messageId: message.id,
          ticketId: ticket.id,
        }),
        { code: 'PAYLOAD_TOO_LARGE', fields: { files: 'attachments.error.messageTooLarge' } },
      );
      const claimed = await t.db.db
        .selectFrom('attachments')
        .select('id')
        .where('claimed_at', 'is not', null)
        .where('id', 'in', res.json.uploadIds)
        .execute();
      assert.equal(claimed.length, 0, 'a refused claim claims nothing');
    });
  },
  LIMITS,
);
