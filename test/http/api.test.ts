import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createApiTokenFor } from '../../src/modules/accounts/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';

describeEachDialect('the API base', (use) => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('answers GET /api/v1/me for a valid token, without secrets', async () => {
    const t = use();
    const user = await buildUser(t, { role: 'staff', permissions: ['categories'] });
    const token = await createApiTokenFor(t.ctx(), user, 'ci', 'write');
    const res = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.email, user.email);
    assert.equal(body.tokenScope, 'write');
    assert.deepEqual(body.permissions.sort(), ['categories', 'tickets']);
    assert.equal(body.password_hash, undefined);
    assert.equal(body.passwordHash, undefined);
  });

  it('refuses a missing, unknown, malformed or revoked token with a JSON 401', async () => {
    const t = use();
    const user = await buildUser(t);
    const none = await t.app.inject({ url: '/api/v1/me' });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().error.code, 'UNAUTHENTICATED');
    const unknown = await t.app.inject({ url: '/api/v1/me', headers: bearer('prl_doesnotexist') });
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(Object.keys(unknown.json().error).sort(), ['code', 'message']);
    assert.equal(unknown.json().error.code, 'INVALID_TOKEN');
    const malformed = await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Basic abc' } });
    assert.equal(malformed.statusCode, 401);

    const agent = await agentFor(t, user);
    const created = await agent.submit('/profile', '/profile/tokens', { name: 'laptop', scope: 'read' });
    assert.equal(created.status, 201);
    const token = created.dom.querySelector('code.token')?.text.trim() ?? '';
    assert.match(token, /^prl_[A-Za-z0-9_-]{43}$/);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode, 200);
    const stored = await t.db.db
      .selectFrom('api_tokens')
      .select(['id', 'token_hash'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, 'only a hash is stored');
    const revoked = await agent.submit('/profile', `/profile/tokens/${stored.id}/revoke`, {});
    assert.equal(revoked.status, 303);
    const after = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'INVALID_TOKEN');
  });

  it('localises API error messages from Accept-Language', async () => {
    const t = use();
    const res = await t.app.inject({ url: '/api/v1/me', headers: { 'accept-language': 'de' } });
    assert.equal(res.json().error.message, 'Bitte melden Sie sich zuerst an.');
  });

  it('refuses admin-scoped tokens for non-admins', async () => {
    const t = use();
    const user = await buildUser(t, { role: 'staff' });
    await assert.rejects(
      createApiTokenFor(t.ctx(), user, 'x', 'admin'),
      (err: Error & { fields?: object }) => {
        assert.deepEqual(err.fields, { scope: 'error.field.adminScope' });
        return true;
      },
    );
  });

  it('answers malformed JSON with 400 BAD_JSON and an unknown route with a JSON 404', async () => {
    const t = use();
    const user = await buildUser(t);
    const token = await createApiTokenFor(t.ctx(), user, 'x', 'write');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"broken": ',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'BAD_JSON');
    const missing = await t.app.inject({ url: '/api/v1/nothing-here', headers: bearer(token) });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'NOT_FOUND');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const t = use();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'y'.repeat(t.config.bodyLimit) }),
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('publishes an OpenAPI 3 document listing the API routes', async () => {
    const t = use();
    const res = await t.app.inject('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/v1/me'].get, 'GET /api/v1/me is documented');
    assert.ok(doc.components.securitySchemes.bearer);
  });
});
