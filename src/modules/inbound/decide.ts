import { system, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserByEmailForSystem, type User } from '../accounts/index.ts';
import { findRecordedMail } from '../mail/index.ts';
import type { Classification } from './classify.ts';
import { countRecentFromSender } from './inbound.repo.ts';
import type { ParsedMail } from './parse.ts';
import { routeMail, type Route } from './route.ts';
import { dmarcVerdict } from './sender-auth.ts';
import { getSiteSettings } from '../settings/index.ts';
import type { RoutedTicket } from './ticket-lookup.repo.ts';

/** More mails than this from one sender within an hour are held for review. */
export const SENDER_LIMIT_PER_HOUR = 30;

export type Values = Record<string, string | number>;

/**
 * What to do with a mail, and the decision code that explains why (a catalog key
 * `inbound.decision.<code>`, recorded on the mail and, where there is one, on the ticket).
 */
export type Decision =
  | { action: 'ignore'; code: string; values: Values; ticket?: RoutedTicket | undefined }
  | { action: 'hold'; code: string; values: Values; ticket?: RoutedTicket | undefined }
  | { action: 'bounce'; code: string; values: Values }
  | {
      action: 'reply';
      code: string;
      values: Values;
      ticket: RoutedTicket;
      as: 'issuer' | 'staff';
      user?: User;
    }
  | { action: 'open'; code: string; values: Values; user?: User };

/** The verified, enabled account behind an address, if any. */
export async function accountFor(ctx: Ctx, address: string): Promise<User | undefined> {
  try {
    const user = await findUserByEmailForSystem({ ...ctx, actor: system }, address);
    return user.disabled_at === null && user.email_verified_at !== null ? user : undefined;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}

function isIssuerOf(ticket: RoutedTicket, from: string, account: User | undefined): boolean {
  if (ticket.issuer_user_id !== null) return account?.id === ticket.issuer_user_id;
  return ticket.issuer_email.toLowerCase() === from;
}

const isStaffAccount = (u: User | undefined) => !!u && (u.role === 'staff' || u.role === 'admin');

/** A mail that routed to a ticket: the issuer joins, staff answer, anyone else waits for review. */
function joinOrHold(
  route: Extract<Route, { kind: 'ticket' }>,
  from: string,
  account: User | undefined,
): Decision {
  const { ticket, via } = route;
  const values = { number: ticket.number, matched: route.matched, sender: from };
  if (isIssuerOf(ticket, from, account))
    return {
      action: 'reply',
      code: via,
      values,
      ticket,
      as: 'issuer',
      ...(account ? { user: account } : {}),
    };
  // A From header is easy to forge, and a customer sees the thread ids and their own reply address.
  // So a mail posts as staff only through the reply address Parley gave that staff member (reply
  // tokens are per recipient); anything else from a staff address waits for review.
  if (isStaffAccount(account)) {
    if (via === 'replyToken' && route.senderVouched)
      return { action: 'reply', code: 'staff.replyToken', values, ticket, as: 'staff', user: account! };
    return { action: 'hold', code: 'heldStaffUnvouched', values, ticket };
  }
  return { action: 'hold', code: 'heldNotIssuer', values, ticket };
}

/** The decision for a mail that is not a customer message (receipts, reports, auto-replies, lists). */
async function decideAutomatic(ctx: Ctx, mail: ParsedMail, cls: Classification): Promise<Decision> {
  const sender = mail.from?.address ?? '';
  if (cls.kind === 'bounce') return { action: 'bounce', code: 'bounce', values: { sender } };
  if (cls.kind === 'delay' || cls.kind === 'mdn')
    return { action: 'ignore', code: cls.kind, values: { sender } };
  if (cls.kind === 'list' || cls.kind === 'bulk')
    return { action: 'hold', code: cls.kind === 'list' ? 'heldList' : 'heldBulk', values: { sender } };
  const account = sender ? await accountFor(ctx, sender) : undefined;
  const route = await routeMail(ctx, mail, async (t) => isIssuerOf(t, sender, account));
  const ticket = route.kind === 'ticket' ? route.ticket : undefined;
  return { action: 'ignore', code: 'autoReply', values: { sender, reason: cls.reason }, ticket };
}

/**
 * Decides what a classified mail becomes: nothing (a duplicate, our own mail coming back, a receipt),
 * a bounce to link, a held mail, a reply on a ticket, or a new ticket. `forceNew` is staff's
 * "open as a new ticket" for a held mail.
 */
export async function decideMail(
  ctx: Ctx,
  mailId: number,
  mail: ParsedMail,
  cls: Classification,
  forceNew = false,
): Promise<Decision> {
  if (mail.hasOwnMessageId) {
    const seen = await findRecordedMail(ctx, mail.messageId);
    if (seen.sent) return { action: 'ignore', code: 'ownMail', values: { matched: mail.messageId } };
    if (seen.received) return { action: 'ignore', code: 'duplicate', values: { matched: mail.messageId } };
  }
  const from = mail.from?.address;
  if (forceNew && from) {
    const user = await accountFor(ctx, from);
    return { action: 'open', code: 'newTicketByStaff', values: { sender: from }, ...(user ? { user } : {}) };
  }
  if (cls.kind !== 'message') return decideAutomatic(ctx, mail, cls);
  if (!from) return { action: 'hold', code: 'heldNoSender', values: {} };
  // Our own receiving server says the From domain's owner disowns this mail: the address is forged.
  const server = (await getSiteSettings(ctx)).inboundAuthservId;
  if (dmarcVerdict(mail.headers, server) === 'fail')
    return { action: 'hold', code: 'heldDmarcFail', values: { sender: from, server } };
  const account = await accountFor(ctx, from);
  const recent = await countRecentFromSender(ctx.db, from, ctx.now() - 3600_000, mailId);
  if (recent >= SENDER_LIMIT_PER_HOUR)
    return { action: 'hold', code: 'heldRateLimit', values: { sender: from, limit: SENDER_LIMIT_PER_HOUR } };
  const route = await routeMail(ctx, mail, async (t) => isIssuerOf(t, from, account));
  if (route.kind === 'ticket') return joinOrHold(route, from, account);
  const values = { sender: from, ...(route.subjectNumber ? { number: route.subjectNumber } : {}) };
  const code = route.subjectNumber ? 'newTicketNotIssuer' : 'newTicket';
  return { action: 'open', code, values, ...(account ? { user: account } : {}) };
}
