import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { createApiTokenFor } from '../../src/modules/accounts/index.ts';
import { BOUNDARY, MULTIPART, attachmentRows, multipartBody } from '../attachments/support.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import type { Agent } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';
import { generalCategoryId } from '../support/tickets.ts';

interface Shot {
  name: string;
  method?: 'POST' | 'GET' | 'PUT';
  url: string;
  type?: string;
  payload?: string | Buffer;
  /** The statuses that count as a clear refusal (or an answer) for this request. */
  want: number[];
}

const BIG = 2 * 1024 * 1024;

/** Malformed JSON, multipart and content types, oversized bodies and odd URLs for the JSON API. */
function apiShots(categoryId: number): Shot[] {
  const post = (name: string, payload: string | Buffer, type = 'application/json', want = [400]): Shot => ({
    name,
    url: '/api/v1/tickets',
    type,
    payload,
    want,
  });
  return [
    post('truncated JSON', '{"subject": "x", "body":'),
    post('empty JSON', ''),
    post('JSON null', 'null'),
    post('JSON array', '[]'),
    post('JSON string', '"subject"'),
    post('deeply nested JSON', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, 'application/json', [400, 413]),
    post('prototype pollution', '{"__proto__":{"role":"admin"},"subject":"x","body":"y","categoryId":1}'),
    post('constructor pollution', '{"constructor":{"prototype":{"role":"admin"}},"subject":"x"}'),
    post(
      'wrong types',
      JSON.stringify({ subject: ['x'], body: { a: 1 }, categoryId: '1; DROP TABLE tickets' }),
    ),
    post('huge number', `{"subject":"x","body":"y","categoryId":1e999}`),
    post('invalid UTF-8', Buffer.from([0x7b, 0x22, 0x73, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])),
    post('UTF-16 charset', '{"subject":"x"}', 'application/json; charset=utf-16', [400, 415]),
    post('text/plain', 'subject=x', 'text/plain', [400, 415]),
    post('XML', '<ticket><subject>x</subject></ticket>', 'application/xml', [415]),
    post(
      'form-encoded',
      `subject=x&body=y&categoryId=${categoryId}`,
      'application/x-www-form-urlencoded',
      [201, 400, 415],
    ),
    post('multipart without boundary', '--x\r\n', 'multipart/form-data', [400, 415]),
    post(
      'truncated multipart',
      multipartBody([{ name: 'subject', value: 'x' }]).subarray(0, 30),
      MULTIPART,
      [400],
    ),
    post(
      'oversized JSON',
      JSON.stringify({ subject: 'x', body: 'y'.repeat(BIG), categoryId }),
      'application/json',
      [413],
    ),
    {
      name: 'PUT with a body on a GET route',
      method: 'PUT',
      url: '/api/v1/me',
      type: 'application/json',
      payload: '{}',
      want: [404, 405],
    },
    { name: 'NUL in a path', method: 'GET', url: '/api/v1/tickets/%00abc', want: [400, 404] },
    { name: 'bad percent-encoding', method: 'GET', url: '/api/v1/tickets/%E0%A4%A', want: [400, 404] },
    { name: 'very long path', method: 'GET', url: `/api/v1/tickets/${'a'.repeat(5000)}`, want: [404, 414] },
    {
      name: 'array query',
      method: 'GET',
      url: '/api/v1/tickets?status[]=1&status[]=2&limit=1e9',
      want: [200, 400],
    },
  ];
}

/** The same for browser forms (with a valid CSRF token, so the body itself is what is judged). */
function formShots(categoryId: number): Shot[] {
  const ticket = (name: string, payload: string | Buffer, type: string, want = [400]): Shot => ({
    name,
    url: '/tickets',
    type,
    payload,
    want,
  });
  const parts = (value: string) =>
    multipartBody([
      { name: 'subject', value },
      { name: 'body', value },
      { name: 'categoryId', value: String(categoryId) },
    ]);
  return [
    ticket('JSON to a form', '{"subject":', 'application/json'),
    ticket('JSON object to a form', '{"subject":"x","body":"y","categoryId":"x"}', 'application/json'),
    ticket('text/plain to a form', 'subject=x', 'text/plain', [400, 415]),
    ticket('XML to a form', '<a/>', 'application/xml', [415]),
    ticket('multipart without boundary', 'x', 'multipart/form-data', [400, 415]),
    ticket('multipart with a foreign boundary', parts('x'), 'multipart/form-data; boundary=nope', [400]),
    ticket('truncated multipart', parts('x').subarray(0, 60), MULTIPART),
    ticket(
      'multipart part without a name',
      Buffer.from(`--${BOUNDARY}\r\n\r\nx\r\n--${BOUNDARY}--\r\n`),
      MULTIPART,
    ),
    ticket('NUL in a multipart field', parts('nul \u0000 here'), MULTIPART, [201, 303, 400]),
    ticket('oversized form', `subject=x&body=${'y'.repeat(BIG)}`, 'application/x-www-form-urlencoded', [413]),
    {
      name: 'file name with quotes and a line break',
      url: '/attachments',
      type: MULTIPART,
      payload: Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="a\\"b\r\nX-Evil: 1.txt"\r\n` +
          `Content-Type: text/plain\r\n\r\nhello\r\n--${BOUNDARY}--\r\n`,
      ),
      want: [201, 400],
    },
    {
      name: 'upload that is not multipart',
      url: '/attachments',
      type: 'application/json',
      payload: '{}',
      want: [415],
    },
    {
      name: 'repeated query fields',
      method: 'GET',
      url: '/tickets?tab=open&tab=closed&before=%00',
      want: [200, 400],
    },
    { name: 'NUL in a ticket key', method: 'GET', url: '/tickets/%00/x', want: [400, 404] },
  ];
}

describeEachDialect('malformed and oversized requests', (use) => {
  let token: string;
  let browser: Agent;
  let categoryId: number;

  before(async () => {
    const t = use();
    const member = await buildUser(t);
    token = await createApiTokenFor(t.ctx(), member, 'hostile', 'write');
    browser = await agentFor(t, member);
    categoryId = await generalCategoryId(t);
  });

  it('answers every malformed API request with a 4xx and a JSON error code, never a 5xx', async () => {
    const t = use();
    const wrong: string[] = [];
    for (const shot of apiShots(categoryId)) {
      const res = await t.app.inject({
        method: shot.method ?? 'POST',
        url: shot.url,
        headers: { authorization: `Bearer ${token}`, ...(shot.type ? { 'content-type': shot.type } : {}) },
        ...(shot.payload !== undefined ? { payload: shot.payload } : {}),
      });
      if (!shot.want.includes(res.statusCode))
        wrong.push(`${shot.name}: ${res.statusCode} ${res.body.slice(0, 150)}`);
      else if (res.statusCode >= 400 && !/"code":"[A-Z_]+"/.test(res.body))
        wrong.push(`${shot.name}: no error code`);
    }
    assert.deepEqual(wrong, []);
  });

  it('answers every malformed form with a 4xx page that says so, never a 5xx', async () => {
    await browser.get('/tickets/new');
    const wrong: string[] = [];
    for (const shot of formShots(categoryId)) {
      const page = await browser.request({
        method: shot.method ?? 'POST',
        url: shot.url,
        headers: { 'x-csrf-token': browser.csrf ?? '', ...(shot.type ? { 'content-type': shot.type } : {}) },
        ...(shot.payload !== undefined ? { payload: shot.payload } : {}),
      });
      const html = String(page.headers['content-type']).includes('html');
      if (!shot.want.includes(page.status)) wrong.push(`${shot.name}: ${page.status}`);
      else if (
        page.status >= 400 &&
        html &&
        !page.dom.querySelector('[role=alert], [id$="-error"], .error-page p')
      )
        wrong.push(`${shot.name}: refused without saying why`);
    }
    assert.deepEqual(wrong, []);
  });

  it('refuses an API request without a token before it stores any file it carries', async () => {
    const t = use();
    const before = await attachmentRows(t);
    const body = multipartBody([
      { name: 'subject', value: 'no token' },
      { name: 'body', value: 'no token' },
      { name: 'categoryId', value: String(categoryId) },
      { name: 'files', filename: 'a.txt', type: 'text/plain', data: Buffer.from('x'.repeat(10_000)) },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { 'content-type': MULTIPART },
      payload: body,
    });
    assert.equal(res.statusCode, 401);
    assert.equal(await attachmentRows(t), before, 'nothing was stored for a request that was refused');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    assert.equal(bad.statusCode, 401, 'no token: 401 before the body is even validated');
  });
});
