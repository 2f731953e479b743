import { anonymous, system, type Ctx } from '../../platform/context.ts';
import { tx, type Tx } from '../../platform/db/tx.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { actorFromUser } from '../accounts/index.ts';
import { queueMail, recordInboundMail } from '../mail/index.ts';
import { getSiteSettings } from '../settings/index.ts';
import { activeCategories, loadLabels } from '../taxonomy/index.ts';
import {
  keepReplyWhileLocked,
  openTicket,
  recordTicketNote,
  replyToTicket,
  type ReplyInput,
} from '../tickets/index.ts';
import type { Decision, Values } from './decide.ts';
import { moveInboundStatus, updateInboundMail } from './inbound.repo.ts';
import type { InboundStatus } from './inbound.tables.ts';
import { guestName, messageBody, ticketSubject } from './message-content.ts';
import type { ParsedMail } from './parse.ts';
import { stageFiles, type DroppedFile } from './stage-files.ts';
import { findNewestMessageId, findRoutedTicketById, type RoutedTicket } from './ticket-lookup.repo.ts';

/** The stored mail being applied and the statuses it may be applied from. */
export interface Target {
  id: number;
  from: InboundStatus[];
}

type Written = { ticketId: number; messageId: number | null; number: number };

const sys = (ctx: Ctx, trx: Tx): Ctx => ({ ...ctx, actor: system, db: trx });

async function note(ctx: Ctx, trx: Tx, number: number, key: string, values: Values = {}) {
  await recordTicketNote(sys(ctx, trx), number, { key, values });
}

/**
 * Marks the mail as decided, in the caller's transaction. False when another run got there first
 * (the mail is no longer in a status it may be applied from): the caller then writes nothing.
 */
async function claim(trx: Tx, target: Target, status: InboundStatus): Promise<boolean> {
  return moveInboundStatus(trx, target.id, target.from, status);
}

async function finish(
  ctx: Ctx,
  trx: Tx,
  target: Target,
  d: { code: string; values: Values },
  written?: Partial<Written>,
) {
  await updateInboundMail(trx, target.id, {
    decision: d.code,
    decision_detail: JSON.stringify(d.values),
    ticket_id: written?.ticketId ?? null,
    ticket_message_id: written?.messageId ?? null,
    processed_at: ctx.now(),
    error: null,
  });
}

/** Ignored and held mails: recorded with their reason, and noted on the ticket they point at. */
export async function recordOnly(
  ctx: Ctx,
  target: Target,
  d: Extract<Decision, { action: 'ignore' | 'hold' }>,
) {
  await tx(ctx.db, async (trx) => {
    if (!(await claim(trx, target, d.action === 'hold' ? 'held' : 'ignored'))) return;
    const ticket = d.ticket;
    if (ticket && (d.code === 'autoReply' || d.code === 'heldNotIssuer'))
      await note(ctx, trx, ticket.number, `inbound.decision.${d.code}`, d.values);
    await finish(ctx, trx, target, d, ticket ? { ticketId: ticket.id, number: ticket.number } : undefined);
  });
}

async function locale(ctx: Ctx) {
  return (await getSiteSettings(ctx)).defaultLocale;
}

/** Notes on the ticket for what the mail brought that the message does not show. */
async function sideNotes(ctx: Ctx, trx: Tx, number: number, dropped: DroppedFile[], truncated: boolean) {
  for (const file of dropped) await note(ctx, trx, number, file.key, { name: file.name });
  if (truncated) await note(ctx, trx, number, 'inbound.note.truncated');
}

async function remember(ctx: Ctx, trx: Tx, mail: ParsedMail, ticketId: number) {
  if (!mail.hasOwnMessageId) return;
  await recordInboundMail(sys(ctx, trx), {
    messageId: mail.messageId,
    ticketId,
    inReplyTo: mail.inReplyTo.join(' '),
    references: mail.references.join(' '),
  });
}

/** A new ticket from the mail: the verified account with the sender's address files it, else a guest. */
export async function applyOpen(
  ctx: Ctx,
  storage: Storage,
  target: Target,
  mail: ParsedMail,
  d: Extract<Decision, { action: 'open' }>,
) {
  const lang = await locale(ctx);
  const actor = d.user ? actorFromUser(d.user) : anonymous;
  const svc: Ctx = { ...ctx, actor, locale: d.user?.locale ?? lang };
  const files = await stageFiles(svc, storage, mail.attachments);
  const t = translator(lang);
  const content = messageBody(mail, t, !!files.input);
  const category = activeCategories(await loadLabels(ctx, lang))[0];
  if (!category) throw new Error('no active category for new tickets');
  await tx(ctx.db, async (trx) => {
    if (!(await claim(trx, target, 'processed'))) return;
    const ticket = await openTicket(
      { ...svc, db: trx },
      {
        subject: ticketSubject(mail, t),
        body: content.body,
        categoryId: category.id,
        guest: d.user ? undefined : { name: guestName(mail), email: mail.from!.address },
        source: 'email',
        attachments: files.input,
      },
    );
    const messageId = await findNewestMessageId(trx, ticket.id);
    await note(ctx, trx, ticket.number, `inbound.decision.${d.code}`, d.values);
    await sideNotes(ctx, trx, ticket.number, files.dropped, content.truncated);
    await remember(ctx, trx, mail, ticket.id);
    await finish(ctx, trx, target, d, { ticketId: ticket.id, messageId, number: ticket.number });
  });
}

/**
 * A reply on a ticket: the issuer's (reopening a closed ticket, as on the web) or a staff member's
 * (a staff reply, mailed to the customer). To a locked ticket the issuer's mail is kept as a
 * staff-only message, and the sender is told once per ticket that it is locked.
 */
export async function applyReply(
  ctx: Ctx,
  storage: Storage,
  target: Target,
  mail: ParsedMail,
  d: Extract<Decision, { action: 'reply' }>,
) {
  const lang = await locale(ctx);
  const actor = d.user ? actorFromUser(d.user) : anonymous;
  const svc: Ctx = { ...ctx, actor, locale: d.user?.locale ?? lang };
  const files = await stageFiles(svc, storage, mail.attachments);
  const content = messageBody(mail, translator(lang), !!files.input);
  const ref = d.as === 'staff' ? String(d.ticket.number) : d.ticket.key;
  const input: ReplyInput = { body: content.body, source: 'email', attachments: files.input };
  await tx(ctx.db, async (trx) => {
    if (!(await claim(trx, target, 'processed'))) return;
    const ticket = (await findRoutedTicketById(trx, d.ticket.id))!;
    const locked = ticket.locked === 1 && d.as === 'issuer';
    if (locked) await keepReplyWhileLocked({ ...svc, db: trx }, ref, input);
    else await replyToTicket({ ...svc, db: trx }, ref, input);
    const messageId = await findNewestMessageId(trx, ticket.id);
    await note(ctx, trx, ticket.number, `inbound.decision.${d.code}`, d.values);
    if (locked) await lockedNotice(ctx, trx, ticket, mail, d.user?.locale ?? lang);
    await sideNotes(ctx, trx, ticket.number, files.dropped, content.truncated);
    await remember(ctx, trx, mail, ticket.id);
    const values = locked ? { ...d.values, locked: 1 } : d.values;
    await finish(
      ctx,
      trx,
      target,
      { code: d.code, values },
      { ticketId: ticket.id, messageId, number: ticket.number },
    );
  });
}

/** "Received while locked" on the ticket, and one notice per ticket to the sender. */
async function lockedNotice(ctx: Ctx, trx: Tx, ticket: RoutedTicket, mail: ParsedMail, lang: string) {
  await note(ctx, trx, ticket.number, 'inbound.note.locked');
  await queueMail(sys(ctx, trx), {
    to: mail.from!.address,
    toName: mail.from!.name || null,
    locale: lang,
    template: 'inbound-locked',
    params: { number: ticket.number },
    ticketId: ticket.id,
    dedupeKey: `inbound-locked:${ticket.id}`,
  });
}
