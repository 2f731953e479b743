import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { RouteEntry } from '../../src/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDialect } from '../support/suite.ts';
import { EXPECTATIONS, type Expected } from './route-expectations.ts';
import { fetchCsrf, normalisedBody, observed, tryRoute, type Csrf } from './support/matrix-client.ts';
import {
  ACTORS,
  buildMatrixFixtures,
  type ActorName,
  type MatrixFixtures,
} from './support/matrix-fixtures.ts';

const routeName = (r: RouteEntry) => `${r.method} ${r.url}`;

/** The routes under test: every route the app registered; HEAD is checked against its GET. */
function routesOf(t: TestApp): RouteEntry[] {
  return t.routes.filter((r) => r.method !== 'HEAD');
}

/** Prints the observed matrix in the expectations file's format (MATRIX_RECORD=1), to review by hand. */
function record(rows: Map<string, Expected[]>): void {
  const lines = [...rows].map(
    ([name, cells]) => `  '${name}': [${cells.map((c) => JSON.stringify(c).replace(/"/g, "'")).join(', ')}],`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Ticket routes: their path names a ticket by key, reference or number, or an attachment of one. */
function isTicketRoute(url: string): boolean {
  return /:key|:ref|:number|attachments\/.*:id/.test(url);
}

describeEachDialect('authorisation matrix over every route', (use) => {
  let fx: MatrixFixtures;
  let csrf: Csrf;

  before(async () => {
    fx = await buildMatrixFixtures(use());
    csrf = await fetchCsrf(use());
  });

  it('has an expectation for every route in the route table and none for a route that is gone', () => {
    const registered = routesOf(use()).map(routeName).sort();
    const missing = registered.filter((r) => !(r in EXPECTATIONS));
    const stale = Object.keys(EXPECTATIONS).filter((r) => !registered.includes(r));
    assert.deepEqual(missing, [], 'add these routes to test/security/route-expectations.ts');
    assert.deepEqual(stale, [], 'these expectations name routes the app no longer has');
    assert.ok(registered.length > 100, `only ${registered.length} routes seen`);
  });

  it('answers every route, as each actor, with the expected status', async () => {
    const t = use();
    const seen = new Map<string, Expected[]>();
    const differences: string[] = [];
    for (const route of routesOf(t)) {
      const name = routeName(route);
      const row: Expected[] = [];
      for (const actor of ACTORS) {
        const got = observed(await tryRoute(t, fx, csrf, route, actor));
        row.push(got);
        const want: Expected | undefined = EXPECTATIONS[name]?.[ACTORS.indexOf(actor)];
        if (want !== undefined && want !== got)
          differences.push(`${name} as ${actor}: expected ${want}, got ${got}`);
      }
      seen.set(name, row);
    }
    if (process.env.MATRIX_RECORD) record(seen);
    assert.deepEqual(differences, []);
  });

  it('answers HEAD like GET on every route, for every actor', async () => {
    const t = use();
    const differences: string[] = [];
    for (const route of t.routes.filter((r) => r.method === 'HEAD')) {
      const want = EXPECTATIONS[`GET ${route.url}`];
      if (!want) {
        differences.push(`HEAD ${route.url} has no GET twin`);
        continue;
      }
      for (const actor of ACTORS) {
        const got = observed(await tryRoute(t, fx, csrf, route, actor));
        // Only GET is sent on to the login page; HEAD, like POST, answers 401.
        const cell = want[ACTORS.indexOf(actor)];
        const expected = cell === 'login' ? 401 : cell;
        if (got !== expected)
          differences.push(`HEAD ${route.url} as ${actor}: expected ${expected}, got ${got}`);
      }
    }
    assert.deepEqual(differences, []);
  });

  it('gives the same 404 for a ticket that does not exist as for one that is not yours', async () => {
    const t = use();
    const checked: string[] = [];
    const actors: ActorName[] = ['anonymous', 'otherCustomer'];
    for (const route of routesOf(t).filter((r) => isTicketRoute(r.url))) {
      for (const actor of actors) {
        const notYours = await tryRoute(t, fx, csrf, route, actor);
        if (notYours.status !== 404) continue;
        const missing = await tryRoute(t, fx, csrf, route, actor, {
          key: fx.missingKey,
          number: '987654',
          id: 'AAAAAAAAAAAAAAAAAAAAAA',
        });
        assert.equal(missing.status, 404, `${routeName(route)} as ${actor}`);
        assert.equal(
          normalisedBody(missing.body, missing.path),
          normalisedBody(notYours.body, notYours.path),
          `${routeName(route)} as ${actor}`,
        );
        checked.push(`${routeName(route)} ${actor}`);
      }
    }
    assert.ok(checked.length >= 10, `compared only ${checked.length} answers`);
  });

  it('never lets a session cookie stand in for a token on the API', async () => {
    const t = use();
    const admin = fx.credentials.admin;
    const apiRoutes = routesOf(t).filter((r) => r.url.startsWith('/api/v1/'));
    for (const route of apiRoutes) {
      const cookieOnly = { ...fx, credentials: { ...fx.credentials, admin: { user: admin.user! } } };
      const res = await tryRoute(t, cookieOnly, csrf, route, 'admin');
      assert.equal(res.status, 401, routeName(route));
    }
    assert.ok(apiRoutes.length > 20);
  });
});
