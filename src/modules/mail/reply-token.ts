import { createHmac } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { safeEqual } from '../../platform/crypto.ts';

// Lower case only: some mail servers fold the local part of an address to lower case.
// `<id>-<ticket signature>-<recipient signature>`; tokens from before recipients were bound are
// `<id>-<20 hex>` and still name their ticket, but vouch for no sender.
const TOKEN = /^([0-9a-z]{1,12})-([0-9a-f]{12})-([0-9a-f]{12})$/;
const LEGACY_TOKEN = /^([0-9a-z]{1,12})-([0-9a-f]{20})$/;

function mac(secret: string, text: string, hexChars: number): string {
  return createHmac('sha256', secret).update(text).digest('hex').slice(0, hexChars);
}

const ticketSignature = (secret: string, ticketId: number, chars = 12) =>
  mac(secret, `reply-to:${ticketId}`, chars);
const recipientSignature = (secret: string, ticketId: number, recipient: string) =>
  mac(secret, `reply-to:${ticketId}:${recipient.trim().toLowerCase()}`, 12);

/**
 * A token naming the ticket and the person the mail went to, signed with the app secret (48 bits
 * each). Everyone on a ticket gets their own reply address, so knowing yours does not let you
 * write as somebody else: a mail is vouched for only when it comes from the address it was sent to.
 */
export function makeReplyToken(ctx: Pick<Ctx, 'config'>, ticketId: number, recipient: string): string {
  const secret = ctx.config.appSecret;
  return `${ticketId.toString(36)}-${ticketSignature(secret, ticketId)}-${recipientSignature(secret, ticketId, recipient)}`;
}

interface ParsedToken {
  ticketId: number;
  recipientSig?: string;
}

function parse(ctx: Pick<Ctx, 'config'>, token: string): ParsedToken | undefined {
  const text = token.trim().toLowerCase();
  const match = TOKEN.exec(text) ?? LEGACY_TOKEN.exec(text);
  if (!match) return undefined;
  const id = parseInt(match[1]!, 36);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  if (!safeEqual(match[2]!, ticketSignature(ctx.config.appSecret, id, match[2]!.length))) return undefined;
  return { ticketId: id, ...(match[3] ? { recipientSig: match[3] } : {}) };
}

/** The ticket id a reply token names, or undefined when it is malformed or forged. */
export function parseReplyToken(ctx: Pick<Ctx, 'config'>, token: string): number | undefined {
  return parse(ctx, token)?.ticketId;
}

/** `local+TOKEN@domain` for a ticket's mail to one recipient. */
export function replyAddress(
  ctx: Pick<Ctx, 'config'>,
  local: string,
  domain: string,
  ticketId: number,
  recipient: string,
): string {
  return `${local}+${makeReplyToken(ctx, ticketId, recipient)}@${domain}`;
}

export interface ReplyAddressMatch {
  ticketId: number;
  /** Whether the token was issued to this sender: the mail comes from the address it was sent to. */
  issuedToSender: boolean;
}

/** The ticket from a reply address (`anything+TOKEN@domain`), and whether `from` is whom it was issued to. */
export function matchReplyAddress(
  ctx: Pick<Ctx, 'config'>,
  address: string,
  from: string | undefined,
): ReplyAddressMatch | undefined {
  const match = /\+([^@+]+)@[^@]+$/.exec(address.trim().replace(/^<|>$/g, ''));
  const token = match ? parse(ctx, match[1]!) : undefined;
  if (!token) return undefined;
  const issuedToSender =
    !!from &&
    !!token.recipientSig &&
    safeEqual(token.recipientSig, recipientSignature(ctx.config.appSecret, token.ticketId, from));
  return { ticketId: token.ticketId, issuedToSender };
}

/** The ticket id from a reply address, or undefined. */
export function parseReplyAddress(ctx: Pick<Ctx, 'config'>, address: string): number | undefined {
  return matchReplyAddress(ctx, address, undefined)?.ticketId;
}
