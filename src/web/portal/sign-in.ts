import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  beginSecondStep,
  endSession,
  needsSecondStep,
  startSession,
  type User,
} from '../../modules/accounts/index.ts';
import { redirectWithFlash, safeLocalPath } from '../../platform/http/request-context.ts';
import { routeKit, type WebDeps } from '../route-kit.ts';
import { setSessionCookie } from './session-cookie.ts';

export type FirstFactor = 'password' | 'oidc' | 'setup';

/** The cookie that carries a login waiting for its second factor (10 minutes, only on /login). */
export const SECOND_STEP_COOKIE = 'parley_login_step';
export const SECOND_STEP_PATH = '/login/two-factor';

/** Where a user lands after logging in when no `next` was asked for. */
export function homeOf(user: Pick<User, 'role'>): string {
  return user.role === 'customer' ? '/' : '/desk';
}

/**
 * Starts a session: a fresh id on every login; the one from before (another account on a shared
 * browser, or a session someone planted) ends on the server too.
 */
export async function startBrowserSession(
  deps: WebDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  user: User,
  login: { method: FirstFactor | string; secondFactor?: 'totp' | 'recovery' },
): Promise<void> {
  const { ctx } = routeKit(deps);
  if (req.sessionId) await endSession(deps.database.db, req.sessionId);
  const raw = await startSession(ctx(req), user, { ...login, userAgent: req.headers['user-agent'] ?? null });
  setSessionCookie(reply, deps.config, raw);
}

/** Sends a freshly logged-in user where they wanted to go, or home. */
export function redirectAfterLogin(reply: FastifyReply, user: User, next: string): FastifyReply {
  const home = homeOf(user);
  return redirectWithFlash(reply, safeLocalPath(next, home) || home, {
    kind: 'success',
    key: 'flash.loggedIn',
  });
}

/**
 * The one way into a session once a first factor (a password, or a single sign-on) proved who the
 * user is. With two-factor authentication switched on the session does not start yet: the login
 * waits, server-side, for the second step.
 */
export async function afterFirstFactor(
  deps: WebDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  user: User,
  opts: { next: string; method: FirstFactor },
): Promise<FastifyReply> {
  if (needsSecondStep(user)) {
    const { ctx } = routeKit(deps);
    const raw = await beginSecondStep(ctx(req), user, opts.method, safeLocalPath(opts.next, ''));
    reply.setCookie(SECOND_STEP_COOKIE, raw, {
      path: '/login',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.publicUrl.startsWith('https:'),
      maxAge: 600,
    });
    return reply.redirect(SECOND_STEP_PATH, 303);
  }
  await startBrowserSession(deps, req, reply, user, { method: opts.method });
  return redirectAfterLogin(reply, user, opts.next);
}
