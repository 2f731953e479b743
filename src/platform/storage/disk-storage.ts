import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectMissingError, assertKey, type PutOptions, type Storage } from './storage.ts';

/**
 * Objects as files under a root folder. A write goes to a hidden temporary file beside its target
 * and is renamed into place only when complete, so readers never see half a file and a failed
 * write leaves nothing behind.
 */
export class DiskStorage implements Storage {
  readonly kind = 'disk';

  constructor(readonly root: string) {}

  localPath(key: string): string {
    assertKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, body: Readable, _opts: PutOptions): Promise<void> {
    const target = this.localPath(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(
      path.dirname(target),
      `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`,
    );
    try {
      await pipeline(body, createWriteStream(temp, { flags: 'wx', mode: 0o640 }));
      await rename(temp, target);
    } catch (err) {
      body.destroy(err as Error);
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.localPath(key);
    try {
      // Opening first turns a missing file into a clean error before any byte is sent.
      const handle = await open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ObjectMissingError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.localPath(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      await access(this.localPath(key));
      return true;
    } catch {
      return false;
    }
  }
}
