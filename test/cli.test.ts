import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '..');

function cli(dataDir: string, args: string[], extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', ...extraEnv },
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server as `npm start` does (the production bundle, built by `npm test` and by
 * `prestart`), waits for its banner, and returns what it printed; then stops it.
 */
async function startServer(dataDir: string, port: number, check: (output: string) => Promise<void>) {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  try {
    const until = Date.now() + 30_000;
    while (!output.includes('Parley is running at') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    assert.match(output, /Parley is running at/);
    await check(output);
  } finally {
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  return output;
}

describe('operator commands', () => {
  it('creates users and API tokens from the CLI, with clear errors for bad input', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-cli-'));
    const created = cli(dir, [
      'user:create',
      '--email',
      'Boss@Example.test',
      '--password',
      'boss password 1',
      '--name',
      'Boss',
      '--role',
      'admin',
    ]);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /Created admin boss@example.test/);

    const dup = cli(dir, [
      'user:create',
      '--email',
      'boss@example.test',
      '--password',
      'boss password 1',
      '--name',
      'Boss',
    ]);
    assert.equal(dup.status, 1);
    assert.match(dup.stderr, /already uses that email/);
    const bad = cli(dir, [
      'user:create',
      '--email',
      'x@example.test',
      '--password',
      'short',
      '--name',
      'X',
      '--role',
      'king',
    ]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /password: Use 10 to 200 characters/);
    assert.match(bad.stderr, /role: This value is not valid/);

    const token = cli(dir, ['token:create', '--email', 'boss@example.test', '--scope', 'admin']);
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout.trim(), /^prl_[A-Za-z0-9_-]{43}$/);
    const unknown = cli(dir, ['token:create', '--email', 'ghost@example.test', '--scope', 'read']);
    assert.equal(unknown.status, 1);
  });

  it('stops with a message naming a bad variable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-cli-'));
    const res = cli(dir, ['migrate'], { PORT: 'http' });
    assert.equal(res.status, 78);
    assert.match(res.stderr, /PORT must be a whole number/);
    assert.doesNotMatch(res.stderr, /at .*\.ts:\d+/, 'no stack trace');
  });

  it('prints a setup link while no admin exists, keeps data across restarts, and stops printing it once an admin exists', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-start-'));
    const port = await freePort();
    let firstLink = '';
    await startServer(dir, port, async (out) => {
      const link = /http:\/\/127\.0\.0\.1:\d+\/setup\?token=[A-Za-z0-9_-]+/.exec(out);
      assert.ok(link, 'the setup link is printed');
      firstLink = link[0];
      const page = await fetch(firstLink);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Create administrator/);
    });
    await startServer(dir, port, async (out) => {
      assert.match(out, /setup\?token=/, 'still no admin, so a link again');
      assert.equal((await fetch(firstLink)).status, 200, 'the first link stays valid until used');
    });
    assert.equal(
      cli(dir, [
        'user:create',
        '--email',
        'a@example.test',
        '--password',
        'admin password',
        '--name',
        'A',
        '--role',
        'admin',
      ]).status,
      0,
    );
    await startServer(dir, port, async (out) => {
      assert.doesNotMatch(out, /setup\?token=/);
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(res.status, 200);
    });
  });
});
