import { createHmac } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { safeEqual } from '../../platform/crypto.ts';

// Lower case only: some mail servers fold the local part of an address to lower case.
const TOKEN = /^([0-9a-z]{1,12})-([0-9a-f]{20})$/;

function signature(secret: string, ticketId: number): string {
  // 80 bits of HMAC: enough against guessing, short enough for an address.
  return createHmac('sha256', secret).update(`reply-to:${ticketId}`).digest('hex').slice(0, 20);
}

/** A token naming the ticket, signed with the app secret: `<id in base 36>-<signature>`. */
export function makeReplyToken(ctx: Pick<Ctx, 'config'>, ticketId: number): string {
  return `${ticketId.toString(36)}-${signature(ctx.config.appSecret, ticketId)}`;
}

/** The ticket id a reply token names, or undefined when it is malformed or forged. */
export function parseReplyToken(ctx: Pick<Ctx, 'config'>, token: string): number | undefined {
  const match = TOKEN.exec(token.trim().toLowerCase());
  if (!match) return undefined;
  const id = parseInt(match[1]!, 36);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return safeEqual(match[2]!, signature(ctx.config.appSecret, id)) ? id : undefined;
}

/** `local+TOKEN@domain` for a ticket. */
export function replyAddress(
  ctx: Pick<Ctx, 'config'>,
  local: string,
  domain: string,
  ticketId: number,
): string {
  return `${local}+${makeReplyToken(ctx, ticketId)}@${domain}`;
}

/** The ticket id from a reply address (`anything+TOKEN@domain`), or undefined. */
export function parseReplyAddress(ctx: Pick<Ctx, 'config'>, address: string): number | undefined {
  const match = /\+([^@+]+)@[^@]+$/.exec(address.trim().replace(/^<|>$/g, ''));
  return match ? parseReplyToken(ctx, match[1]!) : undefined;
}
