import type { Insertable } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import { tx, type Tx } from '../../platform/db/tx.ts';
import { isLocale, translator, type Translator } from '../../platform/i18n/i18n.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { getSiteSettings, type SiteSettings } from '../settings/index.ts';
import { requirePermission } from '../accounts/permission.policy.ts';
import { renderMailHtml, renderMailText, textToHtml, type MailFrame } from './mail-layout.tsx';
import type { OutboxRecord } from './mail.tables.ts';
import { renderMail, type MailTemplate } from './mail.templates.ts';
import {
  findOutboxIdByDedupeKey,
  findOutboxMail,
  insertOutboxMail,
  listOutboxMail,
  listQueuedOutboxIds,
  markOutboxQueued,
} from './outbox.repo.ts';
import { replyAddress } from './reply-token.ts';
import { findLatestTicketMail, insertMailMessage } from './thread.repo.ts';
import { chainReferences, messageIdDomain, newMessageId, senderOf } from './threading.ts';

export const MAIL_SEND_JOB = 'mail.send';
/** With backoff 2^n s capped at an hour, twenty attempts span about fifteen hours of SMTP outage. */
export const MAX_SEND_ATTEMPTS = 20;

export interface MailRequest {
  to: string;
  toName?: string | null;
  locale?: string | null;
  /** The catalog template (`mail.<template>.subject/body`); with `content`, only the outbox's label. */
  template: MailTemplate;
  params: Record<string, string | number>;
  /** Content rendered by the caller: subject, plain text and the HTML that goes inside the layout. */
  content?: { subject: string; text: string; html: string } | undefined;
  /** Threads the mail with the ticket's earlier mails and gives it the ticket's reply address. */
  ticketId?: number | null | undefined;
  /** One-click unsubscribe URL for this kind of mail (List-Unsubscribe, List-Unsubscribe-Post). */
  unsubscribeUrl?: string | null | undefined;
  /** Where the recipient manages their notifications (members only). */
  settingsUrl?: string | null | undefined;
  /** Why the recipient gets this mail, shown in the footer. */
  reason?: string | null | undefined;
  /** At most one mail per key, however often the caller runs. */
  dedupeKey?: string | null | undefined;
}

function frameFor(t: Translator, site: SiteSettings, mail: MailRequest, title: string): MailFrame {
  return {
    lang: t.locale,
    title,
    siteName: site.siteName,
    footer: site.mailFooter,
    reason: mail.reason ?? undefined,
    settings: mail.settingsUrl ? { url: mail.settingsUrl, label: t.t('mail.layout.settings') } : undefined,
    unsubscribe: mail.unsubscribeUrl
      ? { url: mail.unsubscribeUrl, label: t.t('mail.layout.unsubscribe') }
      : undefined,
  };
}

/** In-Reply-To, References and Reply-To for a ticket's next mail. */
async function threadOf(
  ctx: Ctx,
  trx: Tx,
  site: SiteSettings,
  ticketId: number | null | undefined,
  recipient: string,
) {
  if (!ticketId) return { inReplyTo: null, references: null, replyTo: null };
  const parent = await findLatestTicketMail(trx, ticketId);
  const local = senderOf(ctx.config, site).address.split('@')[0]!.split('+')[0]!;
  return {
    inReplyTo: parent?.message_id ?? null,
    references: parent ? chainReferences(parent.thread_references, parent.message_id) : null,
    replyTo: site.replyDomain ? replyAddress(ctx, local, site.replyDomain, ticketId, recipient) : null,
  };
}

function extraHeaders(mail: MailRequest): string | null {
  if (!mail.unsubscribeUrl) return null;
  return JSON.stringify({
    'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });
}

/**
 * Renders a mail in the recipient's locale (HTML in the shared layout, and plain text), gives it
 * its own Message-ID, threads it with the ticket's previous mail, records the Message-ID and puts
 * the mail in the outbox, all in the caller's transaction. A send job runs after commit. Returns
 * the outbox id (the existing one when `dedupeKey` was used before).
 */
export async function queueMail(ctx: Ctx, mail: MailRequest): Promise<number> {
  return tx(ctx.db, async (trx) => {
    const existing = mail.dedupeKey ? await findOutboxIdByDedupeKey(trx, mail.dedupeKey) : undefined;
    if (existing !== undefined) return existing;
    const row = await compose(ctx, trx, mail);
    const id = await insertOutboxMail(trx, row);
    // A concurrent run with the same key won: that mail stands.
    if (id === undefined) return (await findOutboxIdByDedupeKey(trx, mail.dedupeKey!))!;
    await insertMailMessage(trx, {
      direction: 'out',
      message_id: row.message_id!,
      ticket_id: row.ticket_id ?? null,
      outbox_id: id,
      in_reply_to: row.in_reply_to ?? null,
      thread_references: row.thread_references ?? null,
      created_at: row.created_at,
    });
    await enqueueJob(trx, MAIL_SEND_JOB, { outboxId: id }, row.created_at, {
      maxAttempts: MAX_SEND_ATTEMPTS,
    });
    return id;
  });
}

/** The outbox row of a request: rendered in the recipient's locale, with its own Message-ID and thread. */
async function compose(ctx: Ctx, trx: Tx, mail: MailRequest): Promise<Insertable<OutboxRecord>> {
  const site = await getSiteSettings({ db: trx });
  const t = translator(isLocale(mail.locale) ? mail.locale : site.defaultLocale);
  const catalog = mail.content
    ? undefined
    : renderMail(t, mail.template, { site: site.siteName, ...mail.params });
  const content = mail.content ?? { ...catalog!, html: textToHtml(catalog!.text) };
  const thread = await threadOf(ctx, trx, site, mail.ticketId, mail.to);
  const subject =
    thread.inReplyTo && !/^re:/i.test(content.subject) ? `Re: ${content.subject}` : content.subject;
  const frame = frameFor(t, site, mail, subject);
  const domain = messageIdDomain(ctx.config, site.replyDomain, senderOf(ctx.config, site).address);
  return {
    to_address: mail.to.trim(),
    to_name: mail.toName ?? null,
    subject,
    text_body: renderMailText(frame, content.text),
    html_body: renderMailHtml(frame, content.html),
    template: mail.template,
    status: 'queued',
    attempts: 0,
    created_at: ctx.now(),
    message_id: newMessageId(domain),
    in_reply_to: thread.inReplyTo,
    thread_references: thread.references,
    reply_to: thread.replyTo,
    ticket_id: mail.ticketId ?? null,
    dedupe_key: mail.dedupeKey ?? null,
    headers: extraHeaders(mail),
  };
}

/** Queues a send job for every queued mail; run at start-up so mail written without SMTP goes out once it is configured. */
export async function requeuePendingMail(ctx: Ctx): Promise<number> {
  const queued = await listQueuedOutboxIds(ctx.db, 10_000);
  await tx(ctx.db, async (trx) => {
    for (const { id } of queued) {
      await enqueueJob(trx, MAIL_SEND_JOB, { outboxId: id }, ctx.now(), { maxAttempts: MAX_SEND_ATTEMPTS });
    }
  });
  return queued.length;
}

/** The outbox for admins (permission `settings`): newest first. */
export async function listOutbox(
  ctx: Ctx,
  opts: { beforeId?: number | undefined; limit?: number; status?: string | undefined },
) {
  requirePermission(ctx.actor, 'settings');
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await listOutboxMail(ctx.db, {
    limit: limit + 1,
    ...(opts.beforeId ? { beforeId: opts.beforeId } : {}),
    ...(opts.status ? { status: opts.status } : {}),
  });
  return { rows: rows.slice(0, limit), nextBeforeId: rows.length > limit ? rows[limit - 1]!.id : undefined };
}

export async function getOutboxMail(ctx: Ctx, id: number) {
  requirePermission(ctx.actor, 'settings');
  return findOutboxMail(ctx.db, id);
}

/** Puts a failed mail back in the queue (permission `settings`), e.g. one whose send was interrupted. */
export async function retryOutboxMail(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings');
  await tx(ctx.db, async (trx) => {
    const mail = await findOutboxMail(trx, id);
    if (!mail || mail.status !== 'failed') return;
    await markOutboxQueued(trx, id);
    await enqueueJob(trx, MAIL_SEND_JOB, { outboxId: id }, ctx.now(), { maxAttempts: MAX_SEND_ATTEMPTS });
  });
}
