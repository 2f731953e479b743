import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeLocalPath } from '../../src/platform/http/request-context.ts';
import { buildUser } from '../support/factories.ts';
import { Agent } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';

describe('safeLocalPath', () => {
  it('keeps same-origin paths and refuses everything a browser could read as another origin', () => {
    assert.equal(safeLocalPath('/tickets?tab=open'), '/tickets?tab=open');
    for (const evil of [
      '//evil.test',
      '/\\evil.test',
      '/\t/evil.test',
      '/\n/evil.test',
      '/\r\nSet-Cookie: x=1',
      '/a\\b',
      '/\u007f',
      'https://evil.test',
      'evil.test',
    ]) {
      assert.equal(safeLocalPath(evil, '/home'), '/home', JSON.stringify(evil));
    }
  });
});

describeEachDialect('redirects after login', (use) => {
  it('sends a user with a hostile `next` home, never elsewhere and never with a 500', async () => {
    const t = use();
    const user = await buildUser(t);
    for (const next of ['/\t/evil.test', '/\n', '//evil.test']) {
      const agent = new Agent(t.app);
      const login = await agent.submit('/login', '/login', {
        email: user.email,
        password: 'correct horse battery',
        next,
      });
      assert.equal(login.status, 303, JSON.stringify(next));
      assert.equal(login.location, '/', JSON.stringify(next));
    }
  });
});
