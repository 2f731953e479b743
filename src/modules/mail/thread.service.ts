import type { Ctx } from '../../platform/context.ts';
import { findOutboxMail, markOutboxFailed } from './outbox.repo.ts';
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

/** Whether Parley already recorded a mail with this Message-ID, as received (in) and as sent (out). */
export async function findRecordedMail(
  ctx: Pick<Ctx, 'db'>,
  messageId: string,
): Promise<{ received: boolean; sent: boolean }> {
  const rows = await listMailMessagesByIds(ctx.db, [messageId]);
  return { received: rows.some((r) => r.direction === 'in'), sent: rows.some((r) => r.direction === 'out') };
}

/**
 * A bounce came back for one of the mails Parley sent: the first of `messageIds` that names an
 * outbox mail is marked failed with the reason. Returns that mail's outbox id and ticket, or
 * undefined when none of the ids is ours. Runs in the caller's transaction.
 */
export async function markMailBounced(
  ctx: Pick<Ctx, 'db'>,
  messageIds: string[],
  reason: string,
): Promise<{ outboxId: number; ticketId: number | null; to: string } | undefined> {
  const rows = await listMailMessagesByIds(ctx.db, messageIds);
  for (const id of messageIds) {
    const row = rows.find((r) => r.message_id === id && r.direction === 'out' && r.outbox_id !== null);
    if (!row) continue;
    const mail = await findOutboxMail(ctx.db, row.outbox_id!);
    if (!mail) continue;
    await markOutboxFailed(ctx.db, mail.id, reason);
    return { outboxId: mail.id, ticketId: row.ticket_id, to: mail.to_address };
  }
  return undefined;
}
