import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import type { MailTransport } from '../../platform/mail/transport.ts';
import { getSiteSettings } from '../settings/index.ts';
import { requirePermission } from '../accounts/permission.policy.ts';
import { renderMail, type MailTemplate } from './mail.templates.ts';
import {
  findOutboxMail,
  insertOutboxMail,
  listOutboxMail,
  listPendingOutboxIds,
  markOutboxAttemptFailed,
  markOutboxPending,
  markOutboxSent,
} from './outbox.repo.ts';

export const MAIL_SEND_JOB = 'mail.send';
const MAX_SEND_ATTEMPTS = 8;

export interface MailRequest {
  to: string;
  toName?: string | null;
  locale?: string | null;
  template: MailTemplate;
  params: Record<string, string | number>;
}

/**
 * Renders a mail in the recipient's locale and puts it in the outbox, in the caller's transaction.
 * A send job runs after commit; nothing leaves the process inside the transaction.
 */
export async function queueMail(ctx: Ctx, mail: MailRequest): Promise<number> {
  return tx(ctx.db, async (trx) => {
    const settings = await getSiteSettings({ ...ctx, db: trx });
    const locale = isLocale(mail.locale) ? mail.locale : settings.defaultLocale;
    const rendered = renderMail(translator(locale), mail.template, {
      site: settings.siteName,
      ...mail.params,
    });
    const id = await insertOutboxMail(trx, {
      to_address: mail.to,
      to_name: mail.toName ?? null,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: null,
      template: mail.template,
      status: 'pending',
      attempts: 0,
      created_at: ctx.now(),
    });
    await enqueueJob(trx, MAIL_SEND_JOB, { outboxId: id }, ctx.now(), { maxAttempts: MAX_SEND_ATTEMPTS });
    return id;
  });
}

/**
 * The send job. Without a transport the mail stays pending in the outbox for admins to read.
 * A transport error rethrows so the job retries with backoff; after the last attempt the mail is
 * marked failed, never dropped.
 */
export async function sendOutboxMail(
  ctx: Ctx,
  transport: MailTransport | undefined,
  outboxId: number,
  attempt: number,
): Promise<void> {
  const mail = await findOutboxMail(ctx.db, outboxId);
  if (!mail || mail.status === 'sent' || !transport) return;
  try {
    await transport.send({
      from: ctx.config.mailFrom,
      to: mail.to_name ? `"${mail.to_name.replace(/["\\\r\n]/g, '')}" <${mail.to_address}>` : mail.to_address,
      subject: mail.subject,
      text: mail.text_body,
      html: mail.html_body ?? undefined,
      headers: { 'X-Parley-Outbox-Id': String(mail.id), 'Auto-Submitted': 'auto-generated' },
    });
  } catch (err) {
    await markOutboxAttemptFailed(ctx.db, outboxId, (err as Error).message, attempt >= MAX_SEND_ATTEMPTS);
    throw err;
  }
  await markOutboxSent(ctx.db, outboxId, ctx.now());
}

/** Queues a send job for every pending mail; run at start-up so mail written without SMTP goes out once it is configured. */
export async function requeuePendingMail(ctx: Ctx): Promise<number> {
  const pending = await listPendingOutboxIds(ctx.db, 10_000);
  await tx(ctx.db, async (trx) => {
    for (const { id } of pending) {
      await enqueueJob(trx, MAIL_SEND_JOB, { outboxId: id }, ctx.now(), { maxAttempts: MAX_SEND_ATTEMPTS });
    }
  });
  return pending.length;
}

/** The outbox for admins (permission `settings`): newest first. */
export async function listOutbox(ctx: Ctx, opts: { beforeId?: number; limit?: number; status?: string }) {
  requirePermission(ctx.actor, 'settings');
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await listOutboxMail(ctx.db, { ...opts, limit: limit + 1 });
  return { rows: rows.slice(0, limit), nextBeforeId: rows.length > limit ? rows[limit - 1]!.id : undefined };
}

export async function getOutboxMail(ctx: Ctx, id: number) {
  requirePermission(ctx.actor, 'settings');
  return findOutboxMail(ctx.db, id);
}

/** Puts a failed mail back in the queue (permission `settings`). */
export async function retryOutboxMail(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings');
  await tx(ctx.db, async (trx) => {
    const mail = await findOutboxMail(trx, id);
    if (!mail || mail.status === 'sent') return;
    await markOutboxPending(trx, id);
    await enqueueJob(trx, MAIL_SEND_JOB, { outboxId: id }, ctx.now(), { maxAttempts: MAX_SEND_ATTEMPTS });
  });
}
