import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.ts';
import type { Actor, Ctx } from '../context.ts';
import type { Database } from '../db/database.ts';
import { translator, type Locale, type Translator } from '../i18n/i18n.ts';
import type { Throttles } from '../throttle.ts';
import type { User } from '../../modules/accounts/index.ts';
import type { Captcha } from '../captcha/captcha.ts';
import type { Storage } from '../storage/storage.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    user: User | undefined;
    sessionId: string | undefined;
    locale: Locale;
    t: Translator;
    flash: Flash | undefined;
  }
}

export interface Flash {
  kind: 'success' | 'error' | 'info';
  key: string;
  values?: Record<string, string | number>;
  /** A browser-side draft to forget because what it held was saved. */
  clearDraft?: string;
}

/** What the web and API layers need from the running app. Passed to plugins, never hung on Fastify. */
export interface AppDeps {
  config: Config;
  database: Database;
  throttles: Throttles;
  now: () => number;
  captcha: Captcha;
  /** Where attachment files live (disk or S3). */
  storage: Storage;
  /** Wakes the in-process worker after a request queued a job. */
  pokeWorker: () => void;
}

/** The use-case context for this request. */
export function ctxOf(req: FastifyRequest, deps: AppDeps): Ctx {
  return {
    db: deps.database.db,
    dialect: deps.database.dialect,
    config: deps.config,
    actor: req.actor,
    now: deps.now,
    locale: req.locale,
    requestId: req.id,
    ip: req.ip ?? null,
    throttles: deps.throttles,
  };
}

export function setRequestLocale(req: FastifyRequest, locale: Locale): void {
  req.locale = locale;
  req.t = translator(locale);
}

const FLASH_COOKIE = 'parley_flash';

/** Queues a one-shot message for the next page (post/redirect/get). */
export function setFlash(reply: FastifyReply, flash: Flash): void {
  reply.setCookie(FLASH_COOKIE, JSON.stringify(flash), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
  });
}

export function takeFlash(req: FastifyRequest, reply: FastifyReply): Flash | undefined {
  const raw = req.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const flash = JSON.parse(unsigned.value) as Flash;
    return typeof flash.key === 'string' ? flash : undefined;
  } catch {
    return undefined;
  }
}

/** Redirects with a flash message. Always a same-site path. */
export function redirectWithFlash(reply: FastifyReply, to: string, flash?: Flash, code = 303) {
  if (flash) setFlash(reply, flash);
  return reply.redirect(safeLocalPath(to), code);
}

/**
 * Only same-origin paths: "/x" but never "//evil" or "/\\evil" or an absolute URL. Backslashes and
 * control characters are refused anywhere: browsers drop tabs and line breaks from a Location, so
 * "/\t/evil" would become "//evil", and a line break cannot be sent in a header at all.
 */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    // eslint-disable-next-line no-control-regex
    /[\\\u0000-\u001f\u007f]/.test(value)
  ) {
    return fallback;
  }
  return value.slice(0, 2000);
}

/** A form body as a flat string map; repeated fields keep their last value unless read with formList. */
export function formBody(req: FastifyRequest): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const v = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

export function formList(req: FastifyRequest, field: string): string[] {
  const value = ((req.body ?? {}) as Record<string, unknown>)[field];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}
