import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../../web/route-kit.ts';
import { readUploadForm } from '../../web/attachments/upload-form.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Upload ids of files sent with a multipart API request, to claim for the new message. */
    uploadIds: string[];
  }
}

const NUMBERS = new Set(['categoryId', 'expectedVersion', 'statusId', 'priority']);
const BOOLEANS = new Set(['internal', 'locked']);

/** Multipart fields are strings; the JSON schema wants numbers and booleans where JSON has them. */
function coerce(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (NUMBERS.has(k) && /^-?\d+$/.test(v)) out[k] = Number(v);
    else if (BOOLEANS.has(k)) out[k] = v === 'true' || v === '1';
    else if (k === 'assigneeId') out[k] = v === '' || v === 'null' ? null : /^\d+$/.test(v) ? Number(v) : v;
    else out[k] = v;
  }
  return out;
}

/**
 * A preValidation hook for API routes that also take `multipart/form-data`: the files stream into
 * storage as pending uploads of the token's user, and the text fields become the body the route's
 * schema validates. A refused file answers with its error and keeps nothing.
 */
export function multipartBody(deps: WebDeps) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    req.uploadIds = [];
    if (!req.isMultipart()) return;
    const form = await readUploadForm(req, reply, deps);
    if (form.error) throw form.error;
    req.body = coerce(form.fields);
    req.uploadIds = form.uploadIds;
  };
}
