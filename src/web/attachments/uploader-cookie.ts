import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../../platform/crypto.ts';

export const UPLOADER_COOKIE = 'parley_uploader';
const ONE_DAY_S = 24 * 3600;

/** The guest's uploader token, when this browser has one. Users own their uploads by id instead. */
export function uploaderToken(req: FastifyRequest): string | undefined {
  if (req.actor.kind !== 'anonymous') return undefined;
  const raw = req.cookies[UPLOADER_COOKIE];
  return raw && /^[A-Za-z0-9_-]{43}$/.test(raw) ? raw : undefined;
}

/**
 * The guest's uploader token, created on their first upload: a random 256-bit value in an
 * httpOnly, SameSite=Lax cookie, of which only the SHA-256 is stored with the upload. It lives as
 * long as a pending upload may wait (a day) and is renewed with each upload.
 */
export function ensureUploaderToken(
  req: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
): string | undefined {
  if (req.actor.kind !== 'anonymous') return undefined;
  const token = uploaderToken(req) ?? randomToken(32);
  reply.setCookie(UPLOADER_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: ONE_DAY_S,
  });
  // Later code in this request (the form handler claiming the uploads) sees it too.
  req.cookies[UPLOADER_COOKIE] = token;
  return token;
}
