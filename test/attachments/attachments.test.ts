import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import sharp from 'sharp';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { claimUploads, listAttachmentsForMessages } from '../../src/modules/attachments/index.ts';
import { addInternalNote, replyToTicket, viewTicket } from '../../src/modules/tickets/index.ts';
import { anonymous, type Ctx } from '../../src/platform/context.ts';
import { tx, type Tx } from '../../src/platform/db/tx.ts';
import type { TestApp } from '../support/app.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { Agent } from '../support/http.ts';
import { buildTicket } from '../support/tickets.ts';
import {
  MULTIPART,
  describeEachStorage,
  download,
  multipartBody,
  pngImage,
  sessionCookie,
  storedObjects,
  textBytes,
} from './support.ts';

interface Uploaded {
  id: string;
  name: string;
  size: number;
  type: string;
  url: string;
  thumbUrl: string | null;
  markdown: string;
}

export async function upload(agent: Agent, filename: string, data: Buffer) {
  const page = await agent.request({
    method: 'POST',
    url: '/attachments',
    headers: { 'content-type': MULTIPART, 'x-csrf-token': agent.csrf ?? '', accept: 'application/json' },
    payload: multipartBody([{ name: 'files', filename, data }]),
  });
  return {
    status: page.status,
    headers: page.headers,
    json: JSON.parse(page.body) as Uploaded & { error?: any },
  };
}

async function latestMessageId(trx: Tx, ticketId: number): Promise<number> {
  const row = await trx
    .selectFrom('messages')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Runs `write` (a ticket use case) and claims the uploads onto its message, in one transaction. */
function writeAndClaim(
  t: TestApp,
  ctx: Ctx,
  ticketId: number,
  write: (inner: Ctx) => Promise<unknown>,
  uploadIds: string[],
  guestToken?: string,
) {
  return tx(t.db.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    await write(inner);
    const messageId = await latestMessageId(trx, ticketId);
    const items = await claimUploads(inner, { uploadIds, messageId, ticketId, guestToken });
    return { messageId, items };
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

await describeEachStorage('attachments', (use, { driver }) => {
  it("stores a customer's reply with two files that the customer and staff can download", async () => {
    const t = use();
    const customer = await buildUser(t);
    const staff = await buildUser(t, { role: 'staff' });
    const ticket = await buildTicket(t, { issuer: customer });
    const agent = await agentFor(t, customer);
    const log = textBytes(3000, 'INFO request served in 3 ms\n');
    const png = await pngImage();
    const a = await upload(agent, 'server.log', log);
    const b = await upload(agent, 'screen shot.png', png);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.deepEqual([a.json.type, a.json.size, a.json.name], ['text/plain', 3000, 'server.log']);
    assert.equal(b.json.type, 'image/png');
    assert.equal(b.json.markdown, `![screen shot.png](${b.json.url})`);
    assert.match(b.json.url, /^\/attachments\/[A-Za-z0-9_-]{22}\/screen%20shot\.png$/);
    assert.ok(b.json.thumbUrl, 'images get a thumbnail');

    const { messageId, items } = await writeAndClaim(
      t,
      t.ctx(actorFromUser(customer)),
      ticket.id,
      (inner) => replyToTicket(inner, ticket.key, { body: `Here: ${b.json.markdown}` }),
      [a.json.id, b.json.id],
    );
    assert.deepEqual(
      items.map((i) => i.id),
      [a.json.id, b.json.id],
    );
    const listed = (await listAttachmentsForMessages(t.ctx(), [messageId])).get(messageId) ?? [];
    assert.deepEqual(
      listed.map((i) => [i.name, i.size, i.sha256]),
      [
        ['server.log', 3000, sha(log)],
        ['screen shot.png', png.length, sha(png)],
      ],
    );

    const mine = await sessionCookie(t, customer);
    const text = await download(t, a.json.url, mine);
    assert.equal(text.status, 200);
    assert.ok(text.bytes.equals(log));
    assert.equal(text.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(
      text.headers['content-disposition'],
      `attachment; filename="server.log"; filename*=UTF-8''server.log`,
    );
    assert.equal(text.headers['x-content-type-options'], 'nosniff');
    assert.equal(text.headers['content-security-policy'], "default-src 'none'; sandbox");
    const again = await t.app.inject({
      method: 'GET',
      url: a.json.url,
      headers: { cookie: mine, 'if-none-match': `"${sha(log)}"` },
    });
    assert.equal(again.statusCode, 304, 'the SHA-256 is the ETag');
    const head = await t.app.inject({ method: 'HEAD', url: a.json.url, headers: { cookie: mine } });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], '3000');
    const image = await download(t, b.json.url, await sessionCookie(t, staff));
    assert.equal(image.status, 200);
    assert.ok(image.bytes.equals(png));
    assert.match(String(image.headers['content-disposition']), /^inline; /);
    const thumb = await download(t, b.json.thumbUrl!, mine);
    assert.equal(thumb.headers['content-type'], 'image/webp');
    const meta = await sharp(thumb.bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 320, 240]);
    const stored = await storedObjects(t.config, t.deps.storage);
    assert.ok(stored.length >= 3, `${driver} holds the file, the image and its thumbnail`);
  });

  it('answers 404 to anyone who may not see the ticket, and to strangers for pending uploads', async () => {
    const t = use();
    const owner = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: owner });
    const agent = await agentFor(t, owner);
    const pending = await upload(agent, 'draft.txt', textBytes(100));
    const stranger = await sessionCookie(t, await buildUser(t));
    assert.equal((await download(t, pending.json.url, await sessionCookie(t, owner))).status, 200);
    assert.equal((await download(t, pending.json.url, stranger)).status, 404);
    assert.equal((await download(t, pending.json.url)).status, 404);
    await writeAndClaim(
      t,
      t.ctx(actorFromUser(owner)),
      ticket.id,
      (inner) => replyToTicket(inner, ticket.key, { body: 'file' }),
      [pending.json.id],
    );
    assert.equal((await download(t, pending.json.url, stranger)).status, 404);
    assert.equal((await download(t, pending.json.url)).status, 404);
    assert.equal((await download(t, '/attachments/AAAAAAAAAAAAAAAAAAAAAA/x.txt')).status, 404);
    assert.equal((await download(t, '/attachments/..%2F..%2Fapp-secret/x')).status, 404);
  });

  it('keeps the files of an internal note from the customer: not listed, not downloadable', async () => {
    const t = use();
    const customer = await buildUser(t);
    const staff = await buildUser(t, { role: 'staff' });
    const ticket = await buildTicket(t, { issuer: customer });
    const note = await upload(await agentFor(t, staff), 'diagnosis.txt', textBytes(500, 'secret\n'));
    const staffCtx = t.ctx(actorFromUser(staff));
    const { messageId } = await writeAndClaim(
      t,
      staffCtx,
      ticket.id,
      (inner) => addInternalNote(inner, ticket.key, { body: 'see file' }),
      [note.json.id],
    );
    assert.equal((await download(t, note.json.url, await sessionCookie(t, customer))).status, 404);
    assert.equal((await download(t, note.json.url, await sessionCookie(t, staff))).status, 200);

    const visibleIds = async (ctx: Ctx) =>
      (await viewTicket(ctx, ticket.key)).timeline.filter((e) => e.type === 'message').map((e) => e.id);
    const forCustomer = await listAttachmentsForMessages(
      t.ctx(),
      await visibleIds(t.ctx(actorFromUser(customer))),
    );
    assert.equal(forCustomer.has(messageId), false);
    const forStaff = await listAttachmentsForMessages(t.ctx(), await visibleIds(staffCtx));
    assert.deepEqual(
      forStaff.get(messageId)?.map((i) => i.name),
      ['diagnosis.txt'],
    );
  });

  it("gives a guest an uploader cookie and lets only that browser claim the guest's uploads", async () => {
    const t = use();
    const ticket = await buildTicket(t);
    const guest = new Agent(t.app);
    await guest.get('/');
    const res = await upload(guest, 'crash.txt', textBytes(200));
    assert.equal(res.status, 201);
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('parley_uploader='));
    assert.ok(cookie, 'the guest got an uploader cookie');
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const claim = (guestToken?: string) =>
      writeAndClaim(
        t,
        t.ctx(anonymous),
        ticket.id,
        (inner) => replyToTicket(inner, ticket.key, { body: 'x' }),
        [res.json.id],
        guestToken,
      );
    await assert.rejects(claim(undefined), {
      code: 'VALIDATION',
      fields: { files: 'attachments.error.unknownUpload' },
    });
    await assert.rejects(claim('A'.repeat(43)), { code: 'VALIDATION' });
    const messagesBefore = (await viewTicket(t.ctx(anonymous), ticket.key)).timeline.length;
    const { items } = await claim(token);
    assert.equal(items.length, 1);
    assert.equal(
      (await viewTicket(t.ctx(anonymous), ticket.key)).timeline.length,
      messagesBefore + 1,
      'the failed claims rolled their replies back',
    );
    // The random id stands in for the ticket key: anyone holding the link to the file may fetch it.
    assert.equal((await download(t, res.json.url)).status, 200);
    await assert.rejects(claim(token), { code: 'VALIDATION' }, 'an upload is claimed once');
  });
});
