import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { checkInboundToken, createInboundToken } from '../../src/modules/inbound/index.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { composeMail, fixture } from './fixtures.ts';
import { inboundRow } from './support.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describeEachDialect('POST /api/v1/inbound/email', (use) => {
  let token: string;

  function push(body: Buffer | string, headers: Record<string, string> = {}) {
    return use().app.inject({
      method: 'POST',
      url: '/api/v1/inbound/email',
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}`, ...headers },
      payload: body,
    });
  }

  it('refuses a push without a valid inbound token and stores nothing', async () => {
    const t = use();
    token = await createInboundToken(t.ctx(), 'MTA');
    const none = await push(fixture('001'), { authorization: '' });
    assert.equal(none.statusCode, 401);
    const wrong = await push(fixture('001'), { authorization: 'Bearer prli_nottherighttoken' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error.code, 'INVALID_TOKEN');
    const userToken = await push(fixture('001'), { authorization: 'Bearer prl_someusertoken' });
    assert.equal(userToken.statusCode, 401);
    const rows = await t.db.db.selectFrom('inbound_mails').select('id').execute();
    assert.equal(rows.length, 0);
  });

  it('answers 202 once the raw mail is stored and processes it as a job', async () => {
    const t = use();
    const res = await push(fixture('005'));
    assert.equal(res.statusCode, 202);
    const { id, duplicate } = res.json() as { id: number; duplicate: boolean };
    assert.equal(duplicate, false);
    const stored = await t.db.db
      .selectFrom('inbound_mails')
      .select(['raw', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.status, 'received');
    assert.ok(Buffer.from(stored.raw).equals(fixture('005')), 'the raw bytes are kept exactly');
    await t.drainJobs();
    assert.equal((await inboundRow(t, id)).decision, 'newTicket');
  });

  it('answers a repeated push with the stored copy instead of a second one', async () => {
    const res = await push(fixture('005'));
    assert.equal(res.statusCode, 202);
    assert.equal((res.json() as { duplicate: boolean }).duplicate, true);
  });

  it('refuses other content types and empty bodies', async () => {
    const json = await push(JSON.stringify({ raw: 'x' }), { 'content-type': 'application/json' });
    assert.equal(json.statusCode, 415);
    const empty = await push(Buffer.alloc(0));
    assert.equal(empty.statusCode, 400);
  });

  it('stops accepting a token once an admin revokes it in the desk', async () => {
    const t = use();
    const admin = await buildUser(t, { role: 'admin' });
    const agent = await agentFor(t, admin);
    const page = await agent.get('/desk/settings/inbound');
    assert.equal(page.status, 200);
    const created = await agent.submit('/desk/settings/inbound', '/desk/settings/inbound/tokens', {
      name: 'Postfix',
    });
    const shown = created.dom.querySelector('code.token')?.textContent ?? '';
    assert.match(shown, /^prli_[A-Za-z0-9_-]{40,}$/, 'the new token is shown once');
    token = shown;
    assert.equal(
      (await push(composeMail({ from: 'a@example.test', to: 'b@example.test', subject: 'x', body: 'y' })))
        .statusCode,
      202,
    );
    const row = await t.db.db
      .selectFrom('inbound_tokens')
      .select(['id', 'token_hash'])
      .where('name', '=', 'Postfix')
      .executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, shown, 'only a hash is stored');
    await agent.submit('/desk/settings/inbound', `/desk/settings/inbound/tokens/${row.id}/revoke`, {});
    assert.equal(
      (await push(composeMail({ from: 'a@example.test', to: 'b@example.test', subject: 'x', body: 'z' })))
        .statusCode,
      401,
    );
  });

  it('keeps inbound settings from staff who are not admins', async () => {
    const t = use();
    const staff = await buildUser(t, { role: 'staff', permissions: ['settings'] });
    const agent = await agentFor(t, staff);
    assert.equal((await agent.get('/desk/settings/inbound')).status, 403);
    await assert.rejects(createInboundToken(t.ctx(actorFromUser(staff)), 'nope'), /FORBIDDEN/);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await use().app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    assert.ok(doc.paths['/api/v1/inbound/email']);
  });
});

describe('npm run parley -- inbound:token', () => {
  it('prints a new working token each time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-cli-inbound-'));
    try {
      const run = () =>
        spawnSync(
          process.execPath,
          ['--import', 'tsx', 'src/main/cli.ts', 'inbound:token', '--name', 'MTA'],
          {
            cwd: ROOT,
            encoding: 'utf8',
            env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
          },
        );
      const first = run();
      const second = run();
      assert.equal(first.status, 0, first.stderr);
      const [a, b] = [first.stdout.trim(), second.stdout.trim()];
      assert.match(a, /^prli_\S+$/);
      assert.notEqual(a, b);
      const database = openDatabase(`sqlite:${path.join(dir, 'parley.sqlite')}`);
      try {
        assert.equal(await checkInboundToken(database.db, a, Date.now()), true);
        assert.equal(await checkInboundToken(database.db, `${a}x`, Date.now()), false);
      } finally {
        await database.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
