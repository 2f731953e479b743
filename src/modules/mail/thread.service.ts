import type { Ctx } from '../../platform/context.ts';
import { insertMailMessage, listMailMessagesByIds } from './thread.repo.ts';

export interface MailThreadMatch {
  ticketId: number;
  /** The recorded Message-ID that matched. */
  messageId: string;
  via: 'in-reply-to' | 'references';
}

/** The `<…>` ids in a header value, in order. */
function idsIn(header: string | null | undefined): string[] {
  return (header ?? '').match(/<[^<>\s]+>/g) ?? [];
}

/**
 * The ticket a received mail belongs to, judged by the Message-IDs Parley recorded: In-Reply-To
 * first, then References from the newest back. Undefined when none is ours or names no ticket.
 */
export async function findMailThread(
  ctx: Pick<Ctx, 'db'>,
  headers: { inReplyTo?: string | null; references?: string | null },
): Promise<MailThreadMatch | undefined> {
  const parents = idsIn(headers.inReplyTo);
  const references = idsIn(headers.references).reverse();
  const rows = await listMailMessagesByIds(ctx.db, [...parents, ...references]);
  const byId = new Map(rows.filter((r) => r.ticket_id !== null).map((r) => [r.message_id, r.ticket_id!]));
  for (const [list, via] of [
    [parents, 'in-reply-to'],
    [references, 'references'],
  ] as const) {
    for (const id of list) {
      const ticketId = byId.get(id);
      if (ticketId !== undefined) return { ticketId, messageId: id, via };
    }
  }
  return undefined;
}

/**
 * Records a received mail's Message-ID on its ticket, so later mails thread after it. False when
 * that Message-ID was recorded before (the same mail delivered twice).
 */
export async function recordInboundMail(
  ctx: Pick<Ctx, 'db' | 'now'>,
  mail: { messageId: string; ticketId: number | null; inReplyTo?: string | null; references?: string | null },
): Promise<boolean> {
  const before = await listMailMessagesByIds(ctx.db, [mail.messageId]);
  if (before.some((r) => r.direction === 'in')) return false;
  await insertMailMessage(ctx.db, {
    direction: 'in',
    message_id: mail.messageId,
    ticket_id: mail.ticketId,
    outbox_id: null,
    in_reply_to: idsIn(mail.inReplyTo)[0] ?? null,
    thread_references: idsIn(mail.references).join(' ') || null,
    created_at: ctx.now(),
  });
  return true;
}
