// npm run bench [-- --dialect sqlite|postgres|both] [--tickets N] [--duration S] [--scaling]
// Seeds data, starts Parley in production mode and drives it with autocannon on loopback.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ROOT, startServer } from './server-control.ts';
import { prepareFixtures, withCsrf, type Fixtures } from './fixtures.ts';

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'both' },
    tickets: { type: 'string', default: '100000' },
    messages: { type: 'string', default: '5' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    scaling: { type: 'boolean', default: false },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);

interface Result {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  ratio?: number;
}

async function load(url: string, opts: Partial<autocannon.Options> = {}): Promise<Omit<Result, 'scenario'>> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...opts });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** A bare Fastify answering static HTML of the same size: the ceiling for this machine in this run. */
async function baseline(bytes: number): Promise<number> {
  const app = Fastify();
  const html = `<!doctype html><html><body>${'x'.repeat(Math.max(0, bytes - 40))}</body></html>`;
  app.get('/', async (_req, reply) => reply.type('text/html').send(html));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const r = await load(`http://127.0.0.1:${port}/`);
  await app.close();
  return r.rps;
}

function scenarios(f: Fixtures) {
  const staff = { headers: { cookie: f.staffCookie } };
  const member = { headers: { cookie: f.memberCookie } };
  const api = { headers: { authorization: `Bearer ${f.staffToken}` } };
  return [
    { name: 'desk queue (default tab)', path: '/desk/tickets', opts: staff },
    { name: 'desk queue (assignee+status+category)', path: f.filteredQueuePath, opts: staff },
    { name: 'desk queue (deep keyset page)', path: f.deepQueuePath, opts: staff },
    { name: 'desk ticket view (50 messages)', path: `/desk/tickets/${f.bigTicketNumber}`, opts: staff },
    { name: 'portal ticket view', path: f.memberTicketPath, opts: member },
    { name: 'my tickets', path: '/tickets', opts: member },
    { name: 'API ticket list', path: '/api/v1/tickets?tab=open', opts: api },
    {
      name: 'create ticket (POST)',
      path: '/tickets',
      opts: {
        method: 'POST' as const,
        headers: { cookie: f.memberCookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: f.memberCsrf,
          categoryId: String(f.categoryId),
          subject: 'Bench ticket',
          body: 'Created by the benchmark.',
        }).toString(),
      },
    },
    {
      name: 'staff reply + status change (POST)',
      path: `/api/v1/tickets/${f.replyTicketNumber}/messages`,
      opts: {
        method: 'POST' as const,
        headers: { authorization: `Bearer ${f.staffToken}`, 'content-type': 'application/json' },
        requests: [
          { body: JSON.stringify({ body: 'Bench reply', statusId: f.statusIds[0] }) },
          { body: JSON.stringify({ body: 'Bench reply', statusId: f.statusIds[1] }) },
        ],
      },
    },
  ];
}

async function databaseFor(
  dialect: string,
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-bench-'));
    return { env: { DATA_DIR: dir, DATABASE_URL: '' }, drop: async () => undefined };
  }
  const url =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const name = `parley_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = url.replace(/\/[^/]*$/, `/${name}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-bench-'));
  return {
    env: { DATA_DIR: dir, DATABASE_URL: dbUrl },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function runDialect(dialect: string, tickets: number) {
  const { env, drop } = await databaseFor(dialect);
  const seedStart = Date.now();
  const fixtures = await prepareFixtures(env, tickets, Number(values.messages));
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const server = await startServer(env, 3900 + Math.floor(Math.random() * 90));
  const csrf = await withCsrf(server.base, fixtures.memberCookie);
  fixtures.memberCookie = csrf.cookie;
  fixtures.memberCsrf = csrf.token;
  const results: Result[] = [];
  const sizes: number[] = [];
  for (const s of scenarios(fixtures)) {
    const probe = await fetch(server.base + s.path, {
      method: 'GET',
      headers: (s.opts as { headers: Record<string, string> }).headers,
    });
    sizes.push((await probe.text()).length);
    const r = await load(server.base + s.path, s.opts as Partial<autocannon.Options>);
    results.push({ scenario: s.name, ...r });
    process.stderr.write(`${dialect} ${tickets}: ${s.name}: ${r.rps} req/s, p99 ${r.p99} ms\n`);
  }
  const peakRssMb = server.peakRssMb();
  await server.stop();
  const base = await baseline(Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length));
  for (const r of results) r.ratio = Math.round((r.rps / base) * 100) / 100;
  await drop();
  return {
    dialect,
    tickets,
    messagesPerTicket: Number(values.messages),
    seedSeconds,
    startupMs: server.startupMs,
    peakRssMb,
    baselineRps: base,
    results,
  };
}

function print(run: Awaited<ReturnType<typeof runDialect>>) {
  console.log(
    `\n${run.dialect}, ${run.tickets} tickets (seeded in ${run.seedSeconds.toFixed(1)} s), start-up ${run.startupMs} ms, peak RSS ${run.peakRssMb} MB, bare Fastify ${run.baselineRps} req/s`,
  );
  console.log('| scenario | req/s | p50 ms | p99 ms | errors | non-2xx | vs bare Fastify |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of run.results)
    console.log(
      `| ${r.scenario} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.ratio} |`,
    );
}

const dialects = values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect!];
const sizes = values.scaling ? [10_000, 100_000, 1_000_000] : [Number(values.tickets)];
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
for (const dialect of dialects) {
  const runs = [];
  for (const size of sizes) {
    const run = await runDialect(dialect, size);
    print(run);
    runs.push(run);
  }
  const file = path.join(
    ROOT,
    'bench/results',
    `${new Date().toISOString().slice(0, 10)}-${dialect}${values.scaling ? '-scaling' : ''}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify(
      {
        machine: '2 cores, load generator on the same machine',
        duration: DURATION,
        connections: CONNECTIONS,
        runs,
      },
      null,
      2,
    ),
  );
  console.log(`wrote ${path.relative(ROOT, file)}`);
}
