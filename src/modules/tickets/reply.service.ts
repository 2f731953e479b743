import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { requirePermission, requireWritable } from '../accounts/index.ts';
import { loadLabels, statusIdByCode } from '../taxonomy/index.ts';
import { findTicketForActor } from './ticket-view.service.ts';
import { viewerOf } from './ticket.policy.ts';
import type { Ticket } from './ticket.repo.ts';
import { checkBody } from './ticket.validation.ts';
import { writeActivity, type TicketActor, type TicketChanges } from './ticket-write.ts';
import { attachFiles, hasFiles, type AttachmentInput } from './ticket-attachments.ts';

/** The issuer is whoever filed the ticket (the member, or the guest holding the key); staff answer as staff. */
export function actorOnTicket(ctx: Ctx, ticket: Ticket): TicketActor {
  const actor = ctx.actor;
  if (actor.kind === 'user') {
    const isIssuer = ticket.issuer_user_id === actor.id;
    const role = isIssuer || viewerOf(actor).kind !== 'staff' ? 'issuer' : 'staff';
    return { userId: actor.id, role, name: actor.displayName };
  }
  if (actor.kind === 'system') return { userId: null, role: 'system', name: 'Parley' };
  return { userId: null, role: 'issuer', name: ticket.issuer_name };
}

export interface ReplyInput {
  body: string;
  expectedVersion?: number | undefined;
  source?: 'web' | 'api' | 'email';
  attachments?: AttachmentInput | undefined;
}

/**
 * A public reply on the ticket page. Customers cannot reply to a locked ticket (TICKET_LOCKED,
 * nothing written). A customer's reply to a ticket in a closing status reopens it to "New",
 * with its own history row, in the same transaction.
 */
export async function replyToTicket(
  ctx: Ctx,
  ref: string,
  input: ReplyInput,
): Promise<{ ticket: Ticket; version: number; reopened: boolean }> {
  requireWritable(ctx.actor);
  const errors: FieldErrors = {};
  const body = checkBody(errors, input.body, 'body', hasFiles(input.attachments));
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const ticket = await findTicketForActor(inner, ref);
    const staff = viewerOf(ctx.actor).kind === 'staff';
    if (ticket.locked === 1 && !staff) throw new AppError('TICKET_LOCKED');
    assertValid(errors);
    const actor = actorOnTicket(inner, ticket);
    const changes: TicketChanges = {};
    let reopened = false;
    if (actor.role === 'issuer') {
      const labels = await loadLabels(inner, 'en');
      if (labels.statuses.get(ticket.status_id)?.closing) {
        changes.statusId = (await statusIdByCode(inner, 'new')).id;
        reopened = true;
      }
    }
    const result = await writeActivity(inner, trx, ticket, actor, {
      message: { body, visibility: 'public', source: input.source ?? 'web' },
      changes,
      expectedVersion: input.expectedVersion,
    });
    await attachFiles(inner, input.attachments, result.messageId, ticket.id);
    return { ticket, version: result.version, reopened };
  });
}

/** The issuer marks their own ticket resolved (a closing status). */
export async function resolveMyTicket(ctx: Ctx, ref: string): Promise<void> {
  requireWritable(ctx.actor);
  await tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const ticket = await findTicketForActor(inner, ref);
    const actor = actorOnTicket(inner, ticket);
    if (actor.role !== 'issuer') throw new AppError('NOT_FOUND');
    if (ticket.locked === 1) throw new AppError('TICKET_LOCKED');
    const resolved = await statusIdByCode(inner, 'resolved');
    await writeActivity(inner, trx, ticket, actor, { changes: { statusId: resolved.id } });
  });
}

/** An internal note: staff only, never shown, mailed or exported to the customer. */
export async function addInternalNote(
  ctx: Ctx,
  ref: string,
  input: ReplyInput,
): Promise<{ version: number }> {
  requirePermission(ctx.actor, 'tickets');
  requireWritable(ctx.actor);
  const errors: FieldErrors = {};
  const body = checkBody(errors, input.body, 'body', hasFiles(input.attachments));
  assertValid(errors);
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const ticket = await findTicketForActor(inner, ref);
    const actor: TicketActor = {
      userId: (ctx.actor as { id: number }).id,
      role: 'staff',
      name: (ctx.actor as { displayName: string }).displayName,
    };
    const result = await writeActivity(inner, trx, ticket, actor, {
      message: { body, visibility: 'internal', source: input.source ?? 'web' },
      expectedVersion: input.expectedVersion,
    });
    await attachFiles(inner, input.attachments, result.messageId, ticket.id);
    return { version: result.version };
  });
}

/**
 * A mail reply that arrived for a locked ticket (the email pipeline): kept as a staff-only message
 * by its sender, so nothing is lost, while the ticket stays locked and closed. Ticket found as
 * `replyToTicket` finds it; a ticket that is not locked is a CONFLICT (use `replyToTicket`).
 */
export async function keepReplyWhileLocked(
  ctx: Ctx,
  ref: string,
  input: ReplyInput,
): Promise<{ ticket: Ticket; version: number; messageId: number | undefined }> {
  requireWritable(ctx.actor);
  const errors: FieldErrors = {};
  const body = checkBody(errors, input.body, 'body', hasFiles(input.attachments));
  assertValid(errors);
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const ticket = await findTicketForActor(inner, ref);
    if (ticket.locked !== 1) throw new AppError('CONFLICT');
    const result = await writeActivity(inner, trx, ticket, actorOnTicket(inner, ticket), {
      message: { body, visibility: 'internal', source: input.source ?? 'email' },
    });
    await attachFiles(inner, input.attachments, result.messageId, ticket.id);
    return { ticket, version: result.version, messageId: result.messageId };
  });
}
