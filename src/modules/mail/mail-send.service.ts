import type { Ctx } from '../../platform/context.ts';
import { MailRejectedError, type MailTransport, type OutgoingMail } from '../../platform/mail/transport.ts';
import { getSiteSettings } from '../settings/index.ts';
import type { OutboxMail } from './mail.tables.ts';
import {
  findOutboxMail,
  markOutboxAttempt,
  markOutboxFailed,
  markOutboxSending,
  markOutboxSent,
} from './outbox.repo.ts';
import { isDeliverableAddress, senderOf } from './threading.ts';

export const INTERRUPTED = 'interrupted, may not have been delivered';
export const INVALID_ADDRESS = 'invalid recipient address';
/** A send that started this long ago without an answer belongs to a worker that is gone. */
const SENDING_STALE_MS = 3600_000;

/** The job running the send: its id marks who holds a mail in `sending`. */
export interface SendJob {
  id: number;
  attempts: number;
  max_attempts: number;
}

async function outgoing(ctx: Ctx, mail: OutboxMail): Promise<OutgoingMail> {
  const site = await getSiteSettings(ctx);
  const headers: Record<string, string> = {
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'OOF, AutoReply',
    ...(mail.headers ? (JSON.parse(mail.headers) as Record<string, string>) : {}),
  };
  const name = mail.to_name?.replace(/["\\\r\n]/g, '');
  return {
    from: senderOf(ctx.config, site),
    to: name ? `"${name}" <${mail.to_address}>` : mail.to_address,
    subject: mail.subject,
    text: mail.text_body,
    html: mail.html_body ?? undefined,
    messageId: mail.message_id ?? undefined,
    inReplyTo: mail.in_reply_to ?? undefined,
    references: mail.thread_references ?? undefined,
    replyTo: mail.reply_to ?? undefined,
    headers,
  };
}

/**
 * A mail found in `sending`: its send began and never finished. The same job running again means
 * its worker died mid-send; the mail may or may not have left, so it is failed for an admin to
 * resend rather than sent twice. Another job leaves it to its owner unless the send is long stale.
 */
async function settleInterrupted(ctx: Ctx, mail: OutboxMail, job: SendJob): Promise<void> {
  const stale = (mail.sending_at ?? 0) < ctx.now() - SENDING_STALE_MS;
  if (mail.send_job_id === job.id || stale) await markOutboxFailed(ctx.db, mail.id, INTERRUPTED);
}

/**
 * The send job, at most once toward SMTP: the mail is marked `sending` (with its Message-ID already
 * recorded) before the SMTP conversation. Without a transport the mail stays queued. An invalid
 * address or a 5xx answer fails the mail at once with the reason; other errors put it back in the
 * queue and rethrow, so the job retries with exponential backoff until its last attempt.
 */
export async function sendOutboxMail(
  ctx: Ctx,
  transport: MailTransport | undefined,
  outboxId: number,
  job: SendJob,
): Promise<void> {
  const mail = await findOutboxMail(ctx.db, outboxId);
  if (!mail || !transport) return;
  if (mail.status === 'sending') return settleInterrupted(ctx, mail, job);
  if (mail.status !== 'queued') return;
  if (!isDeliverableAddress(mail.to_address)) return markOutboxFailed(ctx.db, mail.id, INVALID_ADDRESS);
  const message = await outgoing(ctx, mail);
  if (!(await markOutboxSending(ctx.db, mail.id, job.id, ctx.now()))) return;
  try {
    await transport.send(message);
  } catch (err) {
    if (err instanceof MailRejectedError) return markOutboxAttempt(ctx.db, mail.id, err.message, 'failed');
    const final = job.attempts >= job.max_attempts;
    await markOutboxAttempt(ctx.db, mail.id, (err as Error).message, final ? 'failed' : 'queued');
    throw err;
  }
  await markOutboxSent(ctx.db, mail.id, ctx.now());
}
