import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../..');

function cli(dataDir: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  });
}

describe('commerce commands', () => {
  it('fills an empty install with demo data once, then refuses', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-demo-'));
    const first = cli(dir, ['demo']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /Demo data: 4 customers, 3 products, 8 purchases, 12 invoices, 4 tickets\./);
    assert.match(first.stdout, /admin\s+admin@example\.com\s+\S{16}/);
    const second = cli(dir, ['demo']);
    assert.equal(second.status, 1);
    assert.match(second.stderr, /only fills an empty install/);
  });

  it('imports a CSV with progress and a summary, and reports bad rows by line without importing them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-import-'));
    const file = path.join(dir, 'purchases.csv');
    writeFileSync(
      file,
      'external_id,customer_email,name,purchased_at\n' +
        'p1,zoe@example.test,Parley Pro,2026-01-02\n' +
        'p2,broken,Seat,2026-01-02\n' +
        'p3,zoe@example.test,Seat,yesterday\n',
    );
    const res = cli(dir, ['commerce:import', file, '--kind', 'purchases']);
    assert.equal(res.status, 1, 'bad rows make the exit code 1');
    assert.match(res.stderr, /Importing purchases: 3\/3 \(100%\)/);
    assert.match(res.stderr, /line 3: customer_email: Enter a valid email address\./);
    assert.match(res.stderr, /line 4: purchased_at: Enter a date such as 2026-03-31\./);
    assert.match(res.stdout, /Imported 1 of 3 purchases: 1 created, 0 updated; 2 bad rows not imported\./);
    const usage = cli(dir, ['commerce:import', file]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /needs FILE\.csv and --kind purchases\|invoices/);
  });
});
