import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { requireUser } from '../accounts/index.ts';
import { checkEmail, normaliseEmail } from '../accounts/user.validation.ts';
import { queueMail } from '../mail/index.ts';
import { ticketPath } from './ticket-key.ts';
import { listIssuerTickets, listTicketsByEmail, type TicketListRow } from './ticket.repo.ts';

export const PAGE_SIZE = 25;

export interface TicketCursor {
  at: number;
  id: number;
}

export function encodeCursor(c: TicketCursor): string {
  return `${c.at}_${c.id}`;
}

export function decodeCursor(raw: unknown): TicketCursor | undefined {
  if (typeof raw !== 'string' || !/^\d{1,16}_\d{1,16}$/.test(raw)) return undefined;
  const [at, id] = raw.split('_').map(Number) as [number, number];
  return { at, id };
}

export interface MyTicketsPage {
  rows: (TicketListRow & { unread: boolean })[];
  next?: string | undefined;
}

/**
 * The signed-in member's tickets in one tab ("open" or "closed"), newest activity first. A ticket
 * is unread when someone else was active on it since the member last looked.
 */
export async function listMyTickets(
  ctx: Ctx,
  opts: { tab: 'open' | 'closed'; cursor?: string | undefined; limit?: number },
): Promise<MyTicketsPage> {
  requireUser(ctx.actor);
  const me = ctx.actor.id;
  const limit = Math.min(opts.limit ?? PAGE_SIZE, 100);
  const rows = await listIssuerTickets(ctx.db, me, {
    closed: opts.tab === 'closed',
    before: decodeCursor(opts.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit).map((r) => ({
    ...r,
    unread: r.last_activity_by !== me && r.last_activity_at > (r.seen_at ?? 0),
  }));
  const last = page[page.length - 1];
  return {
    rows: page,
    next: rows.length > limit && last ? encodeCursor({ at: last.last_activity_at, id: last.id }) : undefined,
  };
}

/**
 * "Find my tickets": mails the links of the tickets filed under an address to that address.
 * Answers the same whether or not there are any, and is rate-limited per address and per client.
 */
export async function sendTicketLinks(ctx: Ctx, emailInput: string): Promise<void> {
  const errors: FieldErrors = {};
  checkEmail(errors, 'email', emailInput ?? '');
  assertValid(errors);
  const email = normaliseEmail(emailInput);
  const now = ctx.now();
  if (!ctx.throttles.mailPerIp.hit(`links-ip:${ctx.ip ?? 'unknown'}`, now))
    throw new AppError('RATE_LIMITED');
  if (!ctx.throttles.resetPerAccount.hit(`links:${email}`, now)) return;
  await tx(ctx.db, async (trx) => {
    const tickets = await listTicketsByEmail(trx, email, 50);
    if (tickets.length === 0) return;
    const list = tickets
      .map((t) => `#${t.number} ${t.subject}\n${ctx.config.publicUrl}${ticketPath(t)}`)
      .join('\n\n');
    await queueMail(
      { ...ctx, db: trx },
      { to: email, locale: ctx.locale, template: 'ticket-links', params: { count: tickets.length, list } },
    );
  });
}
