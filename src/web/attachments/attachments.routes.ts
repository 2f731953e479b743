import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import {
  contentDisposition,
  openAttachment,
  toAttachmentItem,
  type OpenedFile,
} from '../../modules/attachments/index.ts';
import { AppError } from '../../platform/errors.ts';
import { sendJsonError } from '../../platform/http/error-handler.ts';
import { ctxOf, type AppDeps } from '../../platform/http/request-context.ts';
import { RASTER_IMAGES } from '../../platform/storage/file-types.ts';
import { Throttle } from '../../platform/throttle.ts';
import { receiveMultipart } from './upload-form.ts';
import { uploaderToken } from './uploader-cookie.ts';

/** Nothing in a served file may run, load or frame anything, even if a browser were to render it. */
const FILE_CSP = "default-src 'none'; sandbox";

function contentTypeHeader(type: string): string {
  return type.startsWith('text/') || type === 'application/json' ? `${type}; charset=utf-8` : type;
}

/**
 * Sends a stored file. Only raster images are shown inline; everything else (text, PDF, and any
 * HTML or SVG that might have slipped in as text) is a download, never sniffed, and sandboxed.
 */
export function sendFile(req: FastifyRequest, reply: FastifyReply, file: OpenedFile) {
  const etag = file.sha256 ? `"${file.sha256}"` : undefined;
  reply
    .header('content-type', contentTypeHeader(file.type))
    .header(
      'content-disposition',
      contentDisposition(RASTER_IMAGES.has(file.type) ? 'inline' : 'attachment', file.name),
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', FILE_CSP)
    .header('cross-origin-resource-policy', 'same-origin')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'private, max-age=3600');
  if (etag) reply.header('etag', etag);
  if (etag && req.headers['if-none-match'] === etag) {
    file.stream.destroy();
    return reply.code(304).send();
  }
  if (file.size !== undefined) reply.header('content-length', String(file.size));
  if (req.method === 'HEAD') {
    // Fastify keeps the length of a stream answer to HEAD; the file itself need not be read.
    file.stream.destroy();
    return reply.send(Readable.from([]));
  }
  return reply.send(file.stream);
}

function wantsJson(req: FastifyRequest): boolean {
  return !String(req.headers.accept ?? '').includes('text/html');
}

/**
 * Attachments for the portal and the desk: `POST /attachments` stores one file as a pending
 * upload of the author (JSON answer for scripts), `GET /attachments/:id/:name` serves a file to
 * whoever may see its message, `GET /attachments/thumbs/:id` its thumbnail.
 */
export async function attachmentRoutes(app: FastifyInstance, { deps }: { deps: AppDeps }) {
  // Guests may upload before they have a ticket; this keeps one address from filling the disk.
  const guestUploads = new Throttle(100, 3600_000);

  app.post('/attachments', async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    if (req.actor.kind === 'anonymous' && !guestUploads.hit(req.ip, deps.now()))
      throw new AppError('RATE_LIMITED');
    const form = await receiveMultipart(req, reply, deps, { maxFiles: 1 });
    const error =
      form.error ??
      (form.uploads.length === 0
        ? new AppError('VALIDATION', { files: 'attachments.error.none' })
        : undefined);
    if (error) {
      if (wantsJson(req)) return sendJsonError(req, reply, error);
      throw error;
    }
    const item = toAttachmentItem(form.uploads[0]!);
    return reply.code(201).header('cache-control', 'no-store').send({
      id: item.id,
      name: item.name,
      size: item.size,
      type: item.type,
      url: item.url,
      thumbUrl: item.thumbUrl,
      markdown: item.markdown,
    });
  });

  app.get('/attachments/thumbs/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const file = await openAttachment(ctxOf(req, deps), deps.storage, id, {
      guestToken: uploaderToken(req),
      thumbnail: true,
    });
    return sendFile(req, reply, file);
  });

  app.get('/attachments/:id/:name', async (req, reply) => {
    const { id } = req.params as { id: string };
    const file = await openAttachment(ctxOf(req, deps), deps.storage, id, { guestToken: uploaderToken(req) });
    return sendFile(req, reply, file);
  });
}
