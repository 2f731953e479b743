import type { FastifyReply } from 'fastify';
import type { Config } from '../../config/config.ts';
import { SESSION_COOKIE } from '../request-context.hook.ts';

const MAX_AGE_S = 30 * 24 * 3600;

export function setSessionCookie(reply: FastifyReply, config: Config, raw: string): void {
  reply.setCookie(SESSION_COOKIE, raw, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    maxAge: MAX_AGE_S,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
