import type { Ctx } from '../../platform/context.ts';
import { hmac, safeEqual } from '../../platform/crypto.ts';
import { MAIL_TYPES, type MailType } from './notification.tables.ts';

/** Whose mail of which type a link stops: an account, or a guest's address. */
export interface UnsubscribeTarget {
  type: MailType;
  userId?: number | undefined;
  email?: string | undefined;
  /** For `new_ticket`: the category followed. */
  categoryId?: number | undefined;
}

function sign(ctx: Pick<Ctx, 'config'>, payload: string): string {
  return hmac(ctx.config.appSecret, `unsubscribe:${payload}`);
}

/** `<payload>.<signature>`, URL-safe; it does not expire, as unsubscribe links must keep working. */
export function makeUnsubscribeToken(ctx: Pick<Ctx, 'config'>, target: UnsubscribeTarget): string {
  const payload = Buffer.from(
    JSON.stringify({ t: target.type, u: target.userId, e: target.email, c: target.categoryId }),
  ).toString('base64url');
  return `${payload}.${sign(ctx, payload)}`;
}

export function unsubscribeUrl(ctx: Pick<Ctx, 'config'>, target: UnsubscribeTarget): string {
  return `${ctx.config.publicUrl}/unsubscribe/${makeUnsubscribeToken(ctx, target)}`;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** The target of a genuine token; undefined for anything forged, truncated or malformed. */
export function parseUnsubscribeToken(
  ctx: Pick<Ctx, 'config'>,
  token: string,
): UnsubscribeTarget | undefined {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0 || payload.length > 600) return undefined;
  if (!safeEqual(signature, sign(ctx, payload))) return undefined;
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!(MAIL_TYPES as readonly unknown[]).includes(raw.t)) return undefined;
    const target: UnsubscribeTarget = { type: raw.t as MailType };
    if (isId(raw.u)) target.userId = raw.u;
    else if (typeof raw.e === 'string' && raw.e.includes('@')) target.email = raw.e;
    else return undefined;
    if (isId(raw.c)) target.categoryId = raw.c;
    return target;
  } catch {
    return undefined;
  }
}
