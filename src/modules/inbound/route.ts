import type { Ctx } from '../../platform/context.ts';
import { findMailThread, matchReplyAddress } from '../mail/index.ts';
import type { ParsedMail } from './parse.ts';
import { findRoutedTicketById, findRoutedTicketByNumber, type RoutedTicket } from './ticket-lookup.repo.ts';

export type RouteVia = 'replyToken' | 'inReplyTo' | 'references' | 'subjectToken';

/** Where a mail belongs, and by which rule. */
export type Route =
  | {
      kind: 'ticket';
      ticket: RoutedTicket;
      via: RouteVia;
      matched: string;
      /** A reply token issued to the sender's own address (reply tokens are per recipient). */
      senderVouched?: boolean;
    }
  | { kind: 'new'; subjectNumber?: number };

/** The signed reply token in any recipient address (To, Cc, Delivered-To, X-Original-To). */
async function byReplyToken(ctx: Ctx, mail: ParsedMail): Promise<Route | undefined> {
  for (const address of mail.recipients) {
    const match = matchReplyAddress(ctx, address, mail.from?.address);
    if (!match) continue;
    const ticket = await findRoutedTicketById(ctx.db, match.ticketId);
    if (ticket)
      return {
        kind: 'ticket',
        ticket,
        via: 'replyToken',
        matched: address,
        senderVouched: match.issuedToSender,
      };
  }
  return undefined;
}

/** In-Reply-To, then References, against every Message-ID Parley sent or received. */
async function byThread(ctx: Ctx, mail: ParsedMail): Promise<Route | undefined> {
  const match = await findMailThread(ctx, {
    inReplyTo: mail.inReplyTo.join(' '),
    references: mail.references.join(' '),
  });
  if (!match) return undefined;
  const ticket = await findRoutedTicketById(ctx.db, match.ticketId);
  if (!ticket) return undefined;
  return {
    kind: 'ticket',
    ticket,
    via: match.via === 'in-reply-to' ? 'inReplyTo' : 'references',
    matched: match.messageId,
  };
}

/** `[#123]` in the subject counts only when the sender is that ticket's issuer. */
async function bySubject(mail: ParsedMail, ctx: Ctx, isIssuer: IssuerCheck): Promise<Route> {
  const number = /\[#(\d{1,12})\]/.exec(mail.subject)?.[1];
  if (!number) return { kind: 'new' };
  const ticket = await findRoutedTicketByNumber(ctx.db, Number(number));
  if (!ticket) return { kind: 'new' };
  if (await isIssuer(ticket)) return { kind: 'ticket', ticket, via: 'subjectToken', matched: `[#${number}]` };
  return { kind: 'new', subjectNumber: ticket.number };
}

export type IssuerCheck = (ticket: RoutedTicket) => Promise<boolean>;

/**
 * Routes a mail, in this order: the signed reply token in a recipient address, In-Reply-To or
 * References naming a mail of a ticket, the subject's `[#number]` when the sender is its issuer,
 * else a new ticket. Who may then join the ticket is the caller's sender check.
 */
export async function routeMail(ctx: Ctx, mail: ParsedMail, isIssuer: IssuerCheck): Promise<Route> {
  return (await byReplyToken(ctx, mail)) ?? (await byThread(ctx, mail)) ?? bySubject(mail, ctx, isIssuer);
}
