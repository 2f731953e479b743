import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config/config.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'parley-config-'));

describe('configuration', () => {
  it('defaults to the SQLite file in DATA_DIR, port 3000 and captcha on', () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir });
    assert.equal(config.port, 3000);
    assert.equal(config.dialect, 'sqlite');
    assert.equal(config.databaseUrl, `sqlite:${path.join(dir, 'parley.sqlite')}`);
    assert.equal(config.captcha, true);
    assert.equal(config.publicUrl, 'http://localhost:3000');
  });

  it('generates APP_SECRET into DATA_DIR once and keeps it', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir }).appSecret;
    assert.ok(first.length >= 40);
    assert.ok(existsSync(path.join(dir, 'app-secret')));
    assert.equal(loadConfig({ DATA_DIR: dir }).appSecret, first);
    assert.equal(readFileSync(path.join(dir, 'app-secret'), 'utf8').trim(), first);
  });

  it('selects PostgreSQL for a postgres:// DATABASE_URL', () => {
    const config = loadConfig({ DATA_DIR: tmp(), DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
    assert.equal(config.dialect, 'postgres');
  });

  it('names every bad variable and what is wrong with it', () => {
    try {
      loadConfig({
        DATA_DIR: tmp(),
        PORT: 'eighty',
        CAPTCHA: 'maybe',
        PUBLIC_URL: 'ftp://x',
        DATABASE_URL: 'mysql://x',
        APP_SECRET: 'short',
      });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const text = err.message;
      for (const name of ['PORT', 'CAPTCHA', 'PUBLIC_URL', 'DATABASE_URL'])
        assert.match(text, new RegExp(name));
      assert.match(text, /PORT must be a whole number/);
      assert.match(text, /CAPTCHA must be "on" or "off"/);
    }
  });

  it('rejects a short APP_SECRET', () => {
    assert.throws(
      () => loadConfig({ DATA_DIR: tmp(), APP_SECRET: 'tooshort' }),
      /APP_SECRET must be at least 32/,
    );
  });
});
