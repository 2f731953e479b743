import { createHash } from 'node:crypto';
import { system, type Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { markMailBounced, recordInboundMail } from '../mail/index.ts';
import { recordTicketNote } from '../tickets/index.ts';
import { applyOpen, applyReply, recordOnly, type Target } from './apply.service.ts';
import { classifyMail, type Classification } from './classify.ts';
import { decideMail, type Decision } from './decide.ts';
import {
  findInboundIdByKey,
  findInboundMail,
  findInboundSummary,
  insertInboundMail,
  moveInboundStatus,
  updateInboundMail,
} from './inbound.repo.ts';
import type { InboundSource, InboundStatus } from './inbound.tables.ts';
import { parseMail, type ParsedMail } from './parse.ts';
import { ownMessageId } from './raw-header.ts';
import { findRoutedTicketById } from './ticket-lookup.repo.ts';

export const INBOUND_PROCESS_JOB = 'inbound.process';
/** The largest raw mail accepted; the API's body limit and the IMAP reader use it too. */
export const MAX_RAW_BYTES = 40 * 1024 * 1024;

/**
 * Stage one: stores the raw mail before anything reads it, deduplicated by Message-ID (or, without
 * one, a hash of the bytes) plus the hash of the bytes, and queues its processing in the same
 * transaction. The same mail stored twice returns the first copy's id.
 */
export async function receiveMail(
  ctx: Ctx,
  raw: Buffer,
  source: InboundSource,
): Promise<{ id: number; duplicate: boolean }> {
  const hash = createHash('sha256').update(raw).digest('hex');
  const messageId = ownMessageId(raw);
  return tx(ctx.db, async (trx) => {
    const id = await insertInboundMail(trx, {
      source,
      message_id: messageId,
      content_hash: hash,
      raw,
      size: raw.length,
      status: 'received',
      attempts: 0,
      received_at: ctx.now(),
    });
    if (id === undefined)
      return { id: (await findInboundIdByKey(trx, messageId, hash))!.id, duplicate: true };
    await enqueueJob(trx, INBOUND_PROCESS_JOB, { mailId: id }, ctx.now());
    return { id, duplicate: false };
  });
}

async function markFailed(ctx: Ctx, id: number, error: string) {
  await updateInboundMail(ctx.db, id, {
    status: 'failed',
    error: error.slice(0, 2000),
    processed_at: ctx.now(),
  });
}

/** A bounce: the outbound mail it reports is marked failed and the ticket gets a staff-only line. */
async function applyBounce(ctx: Ctx, target: Target, mail: ParsedMail, cls: Classification) {
  const details = cls.bounce ?? { recipients: [], status: null, originalIds: [] };
  const recipient = details.recipients[0] ?? '?';
  const reason = `bounced: ${details.status ?? 'failed'} ${recipient}`.trim();
  await tx(ctx.db, async (trx) => {
    if (!(await moveInboundStatus(trx, target.id, target.from, 'processed'))) return;
    const inner = { ...ctx, actor: system, db: trx };
    const linked = await markMailBounced(inner, details.originalIds, reason);
    const values = { recipient, status: details.status ?? '', matched: details.originalIds[0] ?? '' };
    const ticket = linked?.ticketId ? await findRoutedTicketById(trx, linked.ticketId) : undefined;
    if (ticket) {
      await recordTicketNote(inner, ticket.number, { key: 'inbound.decision.bounceLinked', values });
      if (mail.hasOwnMessageId) await recordInboundMail(inner, { messageId: mail.messageId, ticketId: null });
    }
    await updateInboundMail(trx, target.id, {
      decision: linked ? 'bounceLinked' : 'bounceUnlinked',
      decision_detail: JSON.stringify({ ...values, outboxId: linked?.outboxId ?? '' }),
      ticket_id: ticket?.id ?? null,
      processed_at: ctx.now(),
      error: null,
    });
  });
}

async function apply(
  ctx: Ctx,
  storage: Storage,
  target: Target,
  mail: ParsedMail,
  cls: Classification,
  d: Decision,
) {
  if (d.action === 'open') return applyOpen(ctx, storage, target, mail, d);
  if (d.action === 'reply') return applyReply(ctx, storage, target, mail, d);
  if (d.action === 'bounce') return applyBounce(ctx, target, mail, cls);
  return recordOnly(ctx, target, d);
}

/**
 * Stages two to five for one stored mail: parse, classify, route and apply. Idempotent: a mail that
 * was already decided is left alone, and the decision commits together with everything it writes.
 * Any failure keeps the raw mail and marks it failed with the reason, for the desk's Inbound page.
 * `forceNew` (staff, for a held mail) opens a new ticket whatever the routing would say.
 */
export async function processInboundMail(
  ctx: Ctx,
  storage: Storage,
  mailId: number,
  opts: { forceNew?: boolean } = {},
): Promise<void> {
  const row = await findInboundMail(ctx.db, mailId);
  const from: InboundStatus[] = opts.forceNew ? ['held', 'failed'] : ['received', 'failed'];
  if (!row || !from.includes(row.status)) return;
  await updateInboundMail(ctx.db, mailId, { attempts: row.attempts + 1 });
  let mail: ParsedMail;
  try {
    mail = await parseMail(row.raw);
  } catch (err) {
    return markFailed(ctx, mailId, `parse: ${(err as Error).message}`);
  }
  const cls = classifyMail(mail);
  try {
    await updateInboundMail(ctx.db, mailId, {
      from_address: mail.from?.address ?? null,
      subject: mail.subject.slice(0, 500),
      mail_class: cls.kind,
      text_full: [mail.text, ...mail.moreText].join('\n\n'),
      html_full: mail.html,
    });
    const decision = await decideMail(ctx, mailId, mail, cls, opts.forceNew);
    await apply(ctx, storage, { id: mailId, from }, mail, cls, decision);
  } catch (err) {
    await markFailed(ctx, mailId, (err as Error).message || String(err));
  }
}

/** Puts a failed or held mail back through the pipeline as a job (staff's retry); false when it is neither. */
export async function requeueInboundMail(ctx: Ctx, mailId: number, forceNew = false): Promise<boolean> {
  return tx(ctx.db, async (trx) => {
    const row = await findInboundSummary(trx, mailId);
    if (!row || (row.status !== 'failed' && row.status !== 'held')) return false;
    if (!forceNew && row.status === 'held') await moveInboundStatus(trx, mailId, ['held'], 'received');
    await enqueueJob(trx, INBOUND_PROCESS_JOB, { mailId, forceNew }, ctx.now());
    return true;
  });
}
