import { Readable } from 'node:stream';
import type { Ctx } from '../../platform/context.ts';
import { randomToken } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { ownerKeyOf, storeUpload, uploadLimits } from '../attachments/index.ts';
import type { AttachmentInput } from '../tickets/index.ts';
import type { MailAttachment } from './parse.ts';

/** A file the mail carried that the ticket did not keep, and why (a catalog key). */
export interface DroppedFile {
  name: string;
  key: string;
}

function droppedKey(err: AppError): string {
  if (err.code === 'PAYLOAD_TOO_LARGE') return 'inbound.note.droppedTooLarge';
  if (err.code === 'UNSUPPORTED_MEDIA_TYPE') return 'inbound.note.droppedType';
  return 'inbound.note.dropped';
}

/**
 * Stores a mail's files as pending uploads of the acting author, under the same limits as uploads
 * from the web. A file over a limit or of a type the site does not accept is dropped and reported,
 * and the mail goes on. Runs before the apply transaction (storage is I/O); uploads nobody claims
 * expire like any other.
 */
export async function stageFiles(
  ctx: Ctx,
  storage: Storage,
  files: MailAttachment[],
): Promise<{ input: AttachmentInput | undefined; dropped: DroppedFile[] }> {
  if (files.length === 0) return { input: undefined, dropped: [] };
  const limits = await uploadLimits(ctx);
  const guestToken = ctx.actor.kind === 'anonymous' ? randomToken(24) : undefined;
  const ownerKey = ownerKeyOf(ctx.actor, guestToken);
  if (!ownerKey)
    return { input: undefined, dropped: files.map((f) => ({ name: f.name, key: 'inbound.note.dropped' })) };
  const uploadIds: string[] = [];
  const dropped: DroppedFile[] = [];
  let used = 0;
  for (const file of files) {
    if (uploadIds.length >= limits.maxFiles) {
      dropped.push({ name: file.name, key: 'inbound.note.droppedTooMany' });
      continue;
    }
    try {
      const stream = Readable.from([file.content]);
      const row = await storeUpload(ctx, storage, {
        name: file.name,
        stream,
        ownerKey,
        limits,
        usedBytes: used,
      });
      used += row.size;
      uploadIds.push(row.id);
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'STORAGE_UNAVAILABLE') throw err;
      dropped.push({ name: file.name, key: droppedKey(err) });
    }
  }
  return { input: uploadIds.length ? { uploadIds, guestToken } : undefined, dropped };
}
