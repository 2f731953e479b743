import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';
import sharp from 'sharp';
import type { Config } from '../../src/config/config.ts';
import { S3Storage } from '../../src/platform/storage/s3-storage.ts';
import { createStorage, type PutOptions, type Storage } from '../../src/platform/storage/storage.ts';
import { after } from 'node:test';
import { startSession, type User } from '../../src/modules/accounts/index.ts';
import { testConfig, type TestApp } from '../support/app.ts';
import { describeEachDialect } from '../support/suite.ts';

export const DRIVERS = ['disk', 's3'] as const;
export type Driver = (typeof DRIVERS)[number];
export const BUCKET = 'parley-test';

export interface S3Peer {
  endpoint: string;
  close(): Promise<void>;
}

/** s3rver in this process on a random loopback port, with the test bucket. */
export async function startS3(): Promise<S3Peer> {
  const directory = mkdtempSync(path.join(tmpdir(), 'parley-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const storage = new S3Storage({
    endpoint,
    bucket: BUCKET,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await storage.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  return {
    endpoint,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Environment for a test app on the driver: its own DATA_DIR, small limits unless told otherwise. */
export function driverEnv(driver: Driver, s3: S3Peer | undefined, extra: Record<string, string> = {}) {
  const env: Record<string, string> = {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'parley-att-')),
    ...extra,
  };
  if (driver === 's3') {
    Object.assign(env, {
      STORAGE: 's3',
      S3_ENDPOINT: s3!.endpoint,
      S3_BUCKET: BUCKET,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
  }
  return env;
}

/**
 * A real driver that can be told to fail: after `failAfterBytes` bytes of the next writes it
 * breaks the stream, like a disk filling up or a bucket going away mid-upload. What the real
 * driver already wrote must then be cleaned up by the code under test.
 */
export class FlakyStorage implements Storage {
  failAfterBytes: number | undefined;
  readonly kind: string;

  constructor(readonly inner: Storage) {
    this.kind = inner.kind;
  }

  put(key: string, body: Readable, opts: PutOptions): Promise<void> {
    const limit = this.failAfterBytes;
    if (limit === undefined) return this.inner.put(key, body, opts);
    let seen = 0;
    const breaker = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > limit) return done(new Error('storage went away'));
        done(null, chunk);
      },
    });
    pipeline(body, breaker).catch(() => undefined);
    return this.inner.put(key, breaker, opts);
  }

  get(key: string) {
    return this.inner.get(key);
  }

  delete(key: string) {
    return this.inner.delete(key);
  }

  exists(key: string) {
    return this.inner.exists(key);
  }
}

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every object the storage holds, half-written temporary files included. */
export async function storedObjects(config: Config, _storage?: Storage): Promise<string[]> {
  if (config.storage === 's3') {
    // A client of its own: the app's storage may be a lazy wrapper around the S3 driver.
    const inner = new S3Storage(config.s3!);
    const res = await inner.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    return (res.Contents ?? []).map((c) => c.Key ?? '').sort();
  }
  const root = path.join(config.dataDir, 'attachments');
  return walk(root)
    .map((f) => path.relative(root, f))
    .sort();
}

/** A storage for the test config, wrapped so a test can make it fail. */
export function flakyStorageFor(env: Record<string, string>): FlakyStorage {
  return new FlakyStorage(createStorage(testConfig(env)));
}

/** A part of a hand-built multipart body. */
export type Part =
  { name: string; value: string } | { name: string; filename: string; type?: string; data: Buffer };

export const BOUNDARY = '----parley-test-boundary-7MA4YWxkTrZu0gW';

/** A multipart/form-data body as a browser would send it; `truncate` cuts it off after that many bytes. */
export function multipartBody(parts: Part[], truncate?: number): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n`));
    if ('filename' in part) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    }
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  const body = Buffer.concat(chunks);
  return truncate === undefined ? body : body.subarray(0, truncate);
}

export const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** A tiny valid PNG: one red pixel. */
export const PNG_1PX = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
  'hex',
);

/** Bytes of `size` that look like plain text. */
export function textBytes(size: number, fill = 'log line\n'): Buffer {
  return Buffer.from(fill.repeat(Math.ceil(size / fill.length)).slice(0, size));
}

/** A readable producing `size` bytes in 64 KB chunks, never holding more than one. */
export function generated(size: number, head: Buffer = Buffer.alloc(0)): Readable {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const first = sent === 0 && head.length ? Buffer.concat([head, chunk]) : chunk;
      const piece = first.subarray(0, Math.min(first.length, size - sent));
      sent += piece.length;
      this.push(piece);
    },
  });
}

/** A real 400×300 PNG, big enough that its thumbnail is smaller. */
export function pngImage(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 300, channels: 3, background: '#c0392b' } })
    .png()
    .toBuffer();
}

export interface StorageCase {
  driver: Driver;
  storage: FlakyStorage;
}

/**
 * Declares the suite for each storage driver (disk, and S3 against an in-process s3rver) and each
 * dialect, with small upload limits unless `env` says otherwise.
 */
export async function describeEachStorage(
  name: string,
  body: (use: () => TestApp, c: StorageCase) => void,
  env: Record<string, string> = {},
): Promise<void> {
  const s3 = await startS3();
  after(() => s3.close());
  for (const driver of DRIVERS) {
    const driverVars = driverEnv(driver, s3, env);
    const storage = flakyStorageFor(driverVars);
    describeEachDialect(`${name} [${driver}]`, (use) => body(use, { driver, storage }), {
      env: driverVars,
      storage,
    });
  }
}

/** The session cookie header of a fresh login of the user. */
export async function sessionCookie(t: TestApp, user: User): Promise<string> {
  return `parley_session=${await startSession(t.ctx(), user, { method: 'password', userAgent: 'attachments-test' })}`;
}

/** A GET over inject that keeps the body as bytes. */
export async function download(t: TestApp, url: string, cookie?: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

/** How many attachment rows exist. */
export async function attachmentRows(t: TestApp): Promise<number> {
  const row = await t.db.db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
