import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createApiTokenFor } from '../../src/modules/accounts/index.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { generalCategoryId } from '../support/tickets.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000105fe02fea70000000049454e44ae426082',
  'hex',
);

function multipart(fields: Record<string, string>, files: { name: string; type: string; data: Buffer }[]) {
  const boundary = '----parleytest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describeEachDialect('attachments through the API', (use) => {
  it('opens a ticket with files over multipart, lists them and serves them; internal-note files stay staff-only', async () => {
    const t = use();
    const customer = await buildUser(t);
    const staff = await buildUser(t, { role: 'staff' });
    const ctoken = await createApiTokenFor(t.ctx(), customer, 'c', 'write');
    const stoken = await createApiTokenFor(t.ctx(), staff, 's', 'write');
    const body = multipart(
      { subject: 'With files', body: 'See attached', categoryId: String(await generalCategoryId(t)) },
      [
        { name: 'shot.png', type: 'image/png', data: PNG },
        { name: 'log.txt', type: 'text/plain', data: Buffer.from('line 1\nline 2\n') },
      ],
    );
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { ...body.headers, authorization: `Bearer ${ctoken}` },
      payload: body.payload,
    });
    assert.equal(created.statusCode, 201, created.body);
    const key = created.json().key;
    const detail = (
      await t.app.inject({ url: `/api/v1/tickets/${key}`, headers: { authorization: `Bearer ${ctoken}` } })
    ).json();
    const files = detail.timeline[0].files;
    assert.deepEqual(
      files.map((f: { name: string }) => f.name),
      ['shot.png', 'log.txt'],
    );
    const download = await t.app.inject({
      url: files[1].url.replace(t.config.publicUrl, ''),
      headers: { authorization: `Bearer ${ctoken}` },
    });
    assert.equal(download.statusCode, 200);
    assert.equal(download.body, 'line 1\nline 2\n');

    const note = multipart({ body: 'internal evidence', internal: 'true' }, [
      { name: 'secret.txt', type: 'text/plain', data: Buffer.from('staff only') },
    ]);
    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${key}/messages`,
      headers: { ...note.headers, authorization: `Bearer ${stoken}` },
      payload: note.payload,
    });
    assert.equal(posted.statusCode, 201, posted.body);
    const staffView = (
      await t.app.inject({ url: `/api/v1/tickets/${key}`, headers: { authorization: `Bearer ${stoken}` } })
    ).json();
    const secret = staffView.timeline.find((e: { internal?: boolean }) => e.internal).files[0];
    assert.equal(
      (
        await t.app.inject({
          url: secret.url.replace(t.config.publicUrl, ''),
          headers: { authorization: `Bearer ${stoken}` },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (
        await t.app.inject({
          url: secret.url.replace(t.config.publicUrl, ''),
          headers: { authorization: `Bearer ${ctoken}` },
        })
      ).statusCode,
      404,
    );
    const customerView = await t.app.inject({
      url: `/api/v1/tickets/${key}`,
      headers: { authorization: `Bearer ${ctoken}` },
    });
    assert.doesNotMatch(customerView.body, /secret\.txt/);
  });

  it('refuses a disallowed type over multipart and keeps nothing', async () => {
    const t = use();
    const customer = await buildUser(t);
    const token = await createApiTokenFor(t.ctx(), customer, 'c', 'write');
    const before = (await t.db.db.selectFrom('tickets').select('id').execute()).length;
    const body = multipart(
      { subject: 'Bad file', body: 'x', categoryId: String(await generalCategoryId(t)) },
      [{ name: 'tool.png', type: 'image/png', data: Buffer.from('MZ\x90\x00 this is an exe') }],
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { ...body.headers, authorization: `Bearer ${token}` },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 415, 'an executable is not an allowed type, whatever its name');
    assert.ok(res.json().error.fields.files);
    assert.equal((await t.db.db.selectFrom('tickets').select('id').execute()).length, before);
  });
});
