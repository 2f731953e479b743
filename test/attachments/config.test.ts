import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { createStorage } from '../../src/platform/storage/storage.ts';

const dir = () => mkdtempSync(path.join(tmpdir(), 'parley-config-att-'));

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dir(), ...env });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  return [];
}

describe('attachment configuration', () => {
  it('keeps files under DATA_DIR/attachments with 25 MB, 50 MB and 10 files by default', () => {
    const data = dir();
    const config = loadConfig({ DATA_DIR: data });
    assert.equal(config.storage, 'disk');
    assert.equal(config.s3, undefined);
    assert.deepEqual(
      [config.uploadMaxFileBytes, config.uploadMaxMessageBytes, config.uploadMaxFiles],
      [25 * 1024 * 1024, 50 * 1024 * 1024, 10],
    );
    const storage = createStorage(config);
    assert.equal(storage.kind, 'disk');
    assert.equal(storage.localPath?.('ab/abc'), path.join(data, 'attachments', 'ab/abc'));
  });

  it('reads the S3 settings, with path-style addressing for a custom endpoint', () => {
    const config = loadConfig({
      DATA_DIR: dir(),
      STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'parley-files',
      S3_REGION: 'eu-central-1',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    assert.deepEqual(config.s3, {
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'parley-files',
      region: 'eu-central-1',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
    });
    assert.equal(createStorage(config).kind, 's3');
  });

  it('names each bad storage or upload variable', () => {
    const found = problems({
      STORAGE: 'ftp',
      UPLOAD_MAX_FILE_BYTES: '25MB',
      UPLOAD_MAX_MESSAGE_BYTES: '-1',
      UPLOAD_MAX_FILES: '0',
    });
    for (const name of ['STORAGE', 'UPLOAD_MAX_FILE_BYTES', 'UPLOAD_MAX_MESSAGE_BYTES', 'UPLOAD_MAX_FILES'])
      assert.ok(
        found.some((p) => p.startsWith(name)),
        `${name} is named in ${found.join('; ')}`,
      );
    const s3 = problems({ STORAGE: 's3', S3_ENDPOINT: 'not a url', S3_ACCESS_KEY_ID: 'only-the-key' });
    for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID'])
      assert.ok(
        s3.some((p) => p.includes(name)),
        `${name} is named in ${s3.join('; ')}`,
      );
    assert.ok(
      problems({ UPLOAD_MAX_FILE_BYTES: '2000', UPLOAD_MAX_MESSAGE_BYTES: '1000' }).some((p) =>
        p.startsWith('UPLOAD_MAX_FILE_BYTES must not be larger'),
      ),
    );
  });
});
