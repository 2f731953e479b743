import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Ctx } from '../../platform/context.ts';
import { randomToken } from '../../platform/crypto.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { RASTER_IMAGES } from '../../platform/storage/file-types.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { requireWritable } from '../accounts/index.ts';
import { getSiteSettings } from '../settings/index.ts';
import { deletePending, insertAttachment, type Attachment } from './attachment.repo.ts';
import { scheduleCleanup } from './cleanup.service.ts';
import { sanitizeFileName } from './file-name.ts';
import { storeThumbnail } from './thumbnail.ts';
import { UploadMeter } from './upload-meter.ts';

export interface UploadLimits {
  maxFileBytes: number;
  maxMessageBytes: number;
  maxFiles: number;
  allowedTypes: ReadonlySet<string>;
}

/** The limits in force: sizes and count from the configuration, allowed types from the site settings. */
export async function uploadLimits(ctx: Ctx): Promise<UploadLimits> {
  const settings = await getSiteSettings(ctx);
  return {
    maxFileBytes: ctx.config.uploadMaxFileBytes,
    maxMessageBytes: ctx.config.uploadMaxMessageBytes,
    maxFiles: ctx.config.uploadMaxFiles,
    allowedTypes: new Set(settings.uploadTypes),
  };
}

export interface IncomingFile {
  /** The name the browser sent; sanitised before it is stored. */
  name: string;
  stream: Readable;
  ownerKey: string;
  limits: UploadLimits;
  /** Bytes earlier files of the same message already use. */
  usedBytes: number;
}

/** Removes stored objects, ignoring ones already gone; clean-up must not hide the real error. */
export async function deleteObjects(storage: Storage, keys: (string | null)[]): Promise<void> {
  await Promise.all(
    keys.filter((k): k is string => !!k).map((k) => storage.delete(k).catch(() => undefined)),
  );
}

/**
 * Streams one file into storage as a pending upload of its owner: its type from its first bytes,
 * a SHA-256 of all of it, size limits enforced as the bytes arrive, a thumbnail for raster images.
 * Any failure (limit, type, empty, truncated input, storage) removes what was written and throws
 * an AppError; only a complete file gets a row.
 */
export async function storeUpload(ctx: Ctx, storage: Storage, file: IncomingFile): Promise<Attachment> {
  requireWritable(ctx.actor);
  const id = randomToken(16);
  const key = `${id.slice(0, 2)}/${id}`;
  const { meter, thumbKey } = await streamToStorage(storage, key, file);
  const type = meter.type ?? 'application/octet-stream';
  const row: Attachment = {
    id,
    owner_key: file.ownerKey,
    message_id: null,
    ticket_id: null,
    name: sanitizeFileName(file.name, type),
    size: meter.bytes,
    content_type: type,
    sha256: meter.sha256,
    storage_key: key,
    thumb_key: thumbKey,
    created_at: ctx.now(),
    claimed_at: null,
    position: 0,
  };
  try {
    await tx(ctx.db, async (trx) => {
      await insertAttachment(trx, row);
      await scheduleCleanup(trx, ctx.now());
    });
  } catch (err) {
    await deleteObjects(storage, [key, thumbKey]);
    throw err;
  }
  return row;
}

/** Pipes the upload through the meter into storage, then adds a thumbnail for raster images. */
async function streamToStorage(storage: Storage, key: string, file: IncomingFile) {
  const meter = new UploadMeter(file.name, {
    maxFileBytes: file.limits.maxFileBytes,
    remainingBytes: file.limits.maxMessageBytes - file.usedBytes,
    allowedTypes: file.limits.allowedTypes,
  });
  const origin = failureOrigin(file.stream, meter);
  let thumbKey: string | null = null;
  try {
    pipeline(file.stream, meter).catch(() => undefined);
    await storage.put(key, meter, { contentType: 'application/octet-stream' });
    if (RASTER_IMAGES.has(meter.type ?? '') && (await storeThumbnail(storage, key, `${key}.thumb`)))
      thumbKey = `${key}.thumb`;
    return { meter, thumbKey };
  } catch (err) {
    file.stream.destroy();
    await deleteObjects(storage, [key, thumbKey]);
    throw uploadError(err, meter, origin());
  }
}

/**
 * Which side failed first. A broken upload (truncated body, client gone) errors the source before
 * the meter; a storage failure errors the meter first and only then, through the pipe, the source.
 */
function failureOrigin(source: Readable, meter: UploadMeter): () => 'source' | 'storage' | undefined {
  let origin: 'source' | 'storage' | undefined;
  const broken = (err: NodeJS.ErrnoException | null) => !!err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE';
  // The parser may have seen the body end before this file's consumer started.
  if (broken(source.errored)) origin = 'source';
  source.once('error', (err: NodeJS.ErrnoException) => {
    if (broken(err)) origin ??= 'source';
  });
  meter.once('error', () => (origin ??= 'storage'));
  return () => origin;
}

/** The first thing that went wrong, as the user should hear it. */
function uploadError(err: unknown, meter: UploadMeter, origin: 'source' | 'storage' | undefined): unknown {
  if (meter.failure) return meter.failure;
  if (err instanceof AppError) return err;
  if (origin === 'source') return new AppError('VALIDATION', { files: 'attachments.error.truncated' });
  return new AppError('STORAGE_UNAVAILABLE', { files: 'attachments.error.storage' });
}

/**
 * Takes back pending uploads that a request stored before a later file of the same request
 * failed, so a refused submission leaves nothing behind. Claimed rows are never touched.
 */
export async function discardUploads(ctx: Ctx, storage: Storage, uploads: Attachment[]): Promise<void> {
  const deleted = new Set(
    await deletePending(
      ctx.db,
      uploads.map((u) => u.id),
    ),
  );
  const gone = uploads.filter((u) => deleted.has(u.id));
  await deleteObjects(
    storage,
    gone.flatMap((u) => [u.storage_key, u.thumb_key]),
  );
}
