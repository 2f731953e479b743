import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  discardUploads,
  ownerKeyOf,
  storeUpload,
  uploadLimits,
  type Attachment,
} from '../../modules/attachments/index.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxOf, formBody, formList, type AppDeps } from '../../platform/http/request-context.ts';
import { ensureUploaderToken, uploaderToken } from './uploader-cookie.ts';

/** The field that lists pending uploads made earlier (by script, or kept from a refused submission). */
export const ATTACHMENT_IDS_FIELD = 'attachmentIds';
/** The plain file input's name. */
export const FILES_FIELD = 'files';

export interface UploadForm {
  /** Text fields; a repeated field keeps its last value (as formBody does). */
  fields: Record<string, string>;
  /** Every value of every text field, in order. */
  lists: Record<string, string[]>;
  /** What to hand to claimUploads: the `attachmentIds` fields, then the files sent with this form. */
  uploadIds: string[];
  /** A guest's uploader token, for claimUploads (undefined for users). */
  guestToken: string | undefined;
  /** Set when a file was refused; nothing from this submission's files was kept. */
  error?: AppError;
}

function addField(form: UploadForm, name: string, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  form.fields[name] = text;
  (form.lists[name] ??= []).push(text);
}

/** Errors of the multipart parser itself (not of one file): limits, or a body cut short. */
function parserError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; message?: string };
  if (e.code === 'FST_FILES_LIMIT') return new AppError('VALIDATION', { files: 'attachments.error.tooMany' });
  if (e.code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('PAYLOAD_TOO_LARGE', { files: 'attachments.error.fileTooLarge' });
  if (e.code === 'FST_PARTS_LIMIT' || e.code === 'FST_FIELDS_LIMIT') return new AppError('PAYLOAD_TOO_LARGE');
  if (
    e.code?.startsWith('FST_') ||
    /multipart|unexpected end|terminated early|malformed|boundary/i.test(e.message ?? '')
  )
    return new AppError('VALIDATION', { files: 'attachments.error.truncated' });
  throw err;
}

/**
 * Reads a multipart submission as it arrives: text fields are collected, every chosen file is
 * streamed into storage as a pending upload of the author (type, size and count checked on the
 * way). All or nothing: when any file is refused, the files this request already stored are
 * removed again and `error` says why, with the fields read so far.
 */
export async function receiveMultipart(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  opts: { maxFiles?: number } = {},
): Promise<UploadForm & { uploads: Attachment[] }> {
  const ctx = ctxOf(req, deps);
  const limits = await uploadLimits(ctx);
  const maxFiles = Math.min(opts.maxFiles ?? limits.maxFiles, limits.maxFiles);
  const guestToken = ensureUploaderToken(req, reply, deps.config.publicUrl.startsWith('https:'));
  const ownerKey = ownerKeyOf(req.actor, guestToken);
  const form: UploadForm = { fields: {}, lists: {}, uploadIds: [], guestToken };
  const uploads: Attachment[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') addField(form, part.fieldname, part.value);
      // An empty file input still sends a part, with no name and no bytes.
      else if (!part.filename) part.file.resume();
      else {
        if (!ownerKey) throw new AppError('UNAUTHENTICATED');
        if (uploads.length >= maxFiles)
          throw new AppError('VALIDATION', { files: 'attachments.error.tooMany' });
        const usedBytes = uploads.reduce((sum, u) => sum + u.size, 0);
        const file = { name: part.filename, stream: part.file, ownerKey, limits, usedBytes };
        uploads.push(await storeUpload(ctx, deps.storage, file));
      }
    }
  } catch (err) {
    await discardUploads(ctx, deps.storage, uploads);
    form.error = parserError(err);
    form.uploadIds = form.lists[ATTACHMENT_IDS_FIELD] ?? [];
    return { ...form, uploads: [] };
  }
  form.uploadIds = [...(form.lists[ATTACHMENT_IDS_FIELD] ?? []), ...uploads.map((u) => u.id)];
  return { ...form, uploads };
}

/**
 * A form submission with or without files, for the new-ticket, reply and note routes: a
 * multipart body is streamed as above, a urlencoded one is read as usual. Either way the result
 * carries the upload ids to claim and the guest token to claim them with.
 */
export async function readUploadForm(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
): Promise<UploadForm> {
  if (req.isMultipart()) {
    const { uploads: _uploads, ...form } = await receiveMultipart(req, reply, deps);
    return form;
  }
  const fields = formBody(req);
  const lists = Object.fromEntries(Object.keys(fields).map((k) => [k, formList(req, k)]));
  return { fields, lists, uploadIds: formList(req, ATTACHMENT_IDS_FIELD), guestToken: uploaderToken(req) };
}
