import type { Ctx } from '../../platform/context.ts';
import { requirePermission } from '../accounts/index.ts';
import {
  findInboundOriginal,
  findInboundRaw,
  listInboundByStatus,
  listInboundForMessages,
  type InboundSummary,
} from './inbound.repo.ts';
import type { InboundStatus } from './inbound.tables.ts';
import { findImapRow } from './imap.repo.ts';
import { requeueInboundMail } from './pipeline.service.ts';
import { findRoutedTicketById } from './ticket-lookup.repo.ts';

/** What the desk shows about how a mail was routed: a catalog key with its values, and where to read the original. */
export interface InboundBadge {
  mailId: number;
  /** `inbound.decision.<code>`; render with `t(key, values)`. */
  key: string;
  values: Record<string, string | number>;
  originalUrl: string;
  /** For a mailbox at Gmail: the original in Gmail. */
  gmailUrl: string | null;
}

export const INBOUND_TABS = {
  problems: ['failed', 'held'],
  failed: ['failed'],
  held: ['held'],
  all: ['received', 'processed', 'held', 'ignored', 'failed'],
} as const satisfies Record<string, InboundStatus[]>;
export type InboundTab = keyof typeof INBOUND_TABS;

async function gmailBase(ctx: Ctx): Promise<string | null> {
  const imap = await findImapRow(ctx.db);
  if (!imap || !/(^|\.)(gmail|googlemail)\.com$/i.test(imap.host)) return null;
  return `https://mail.google.com/mail/u/${encodeURIComponent(imap.username)}/#search/rfc822msgid:`;
}

function badge(row: InboundSummary, gmail: string | null): InboundBadge {
  const generated = row.message_id.endsWith('@generated.parley.invalid>');
  return {
    mailId: row.id,
    key: `inbound.decision.${row.decision ?? 'pending'}`,
    values: row.decision_detail ? (JSON.parse(row.decision_detail) as Record<string, string | number>) : {},
    originalUrl: `/desk/inbound/${row.id}`,
    gmailUrl:
      gmail && row.source === 'imap' && !generated
        ? gmail + encodeURIComponent(row.message_id.replace(/^<|>$/g, ''))
        : null,
  };
}

/**
 * For the desk timeline: the routing decision of each ticket message that came in by mail, by
 * message id (staff with `tickets`). Messages written on the web are simply absent.
 */
export async function inboundBadgesForMessages(
  ctx: Ctx,
  messageIds: number[],
): Promise<Map<number, InboundBadge>> {
  requirePermission(ctx.actor, 'tickets');
  const rows = await listInboundForMessages(ctx.db, messageIds);
  const gmail = rows.length ? await gmailBase(ctx) : null;
  return new Map(rows.map((r) => [r.ticket_message_id!, badge(r, gmail)]));
}

/** The Inbound page: mails in the tab's statuses, newest first, 50 a page (staff with `tickets`). */
export async function listInboundMails(ctx: Ctx, opts: { tab: InboundTab; beforeId?: number | undefined }) {
  requirePermission(ctx.actor, 'tickets');
  const limit = 50;
  const rows = await listInboundByStatus(ctx.db, [...INBOUND_TABS[opts.tab]], {
    beforeId: opts.beforeId,
    limit: limit + 1,
  });
  return { rows: rows.slice(0, limit), nextBeforeId: rows.length > limit ? rows[limit - 1]!.id : undefined };
}

/** One received mail with its decision and full original text and HTML (staff with `tickets`). */
export async function getInboundMail(ctx: Ctx, id: number) {
  requirePermission(ctx.actor, 'tickets');
  const row = await findInboundOriginal(ctx.db, id);
  if (!row) return undefined;
  const ticket = row.ticket_id ? await findRoutedTicketById(ctx.db, row.ticket_id) : undefined;
  return { ...row, ticketNumber: ticket?.number ?? null, badge: badge(row, await gmailBase(ctx)) };
}

/** Staff send a failed or held mail through the pipeline again, or open a held one as a new ticket. */
export async function retryInboundMail(ctx: Ctx, id: number, mode: 'retry' | 'new'): Promise<boolean> {
  requirePermission(ctx.actor, 'tickets');
  return requeueInboundMail(ctx, id, mode === 'new');
}

/** The raw bytes of a received mail, for download (staff with `tickets`). */
export async function getInboundRaw(ctx: Ctx, id: number): Promise<Buffer | undefined> {
  requirePermission(ctx.actor, 'tickets');
  return (await findInboundRaw(ctx.db, id))?.raw;
}
