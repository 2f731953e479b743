import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { isAssignableStaff, requirePermission, requireWritable } from '../accounts/index.ts';
import { PRIORITIES } from '../taxonomy/index.ts';
import { findCategoryRow, findStatusRow } from '../taxonomy/taxonomy.repo.ts';
import { listEventsSince } from './queue.repo.ts';
import { actorOnTicket } from './reply.service.ts';
import { findTicketForActor } from './ticket-view.service.ts';
import type { Ticket } from './ticket.repo.ts';
import { checkBody } from './ticket.validation.ts';
import { writeActivity, type TicketChanges } from './ticket-write.ts';
import { attachFiles, hasFiles, type AttachmentInput } from './ticket-attachments.ts';

export interface StaffUpdateInput {
  message?: { body: string; internal: boolean } | undefined;
  /** An internal note written in the same step as a public reply (optional, never mailed). */
  note?: string | undefined;
  /** Only the attributes this agent changed. */
  changes: TicketChanges;
  /** The values the agent's form showed; a field someone else changed since is a conflict, not an overwrite. */
  baseline?: TicketChanges | undefined;
  /** Strict optimistic concurrency (the API's PATCH): any change since is STALE_TICKET. */
  expectedVersion?: number | undefined;
  /** The newest history row the agent had seen; newer customer messages hold the reply (COLLISION). */
  seenEventId?: number | undefined;
  /** "Send anyway" after a collision. */
  force?: boolean | undefined;
  source?: 'web' | 'api' | 'email';
  attachments?: AttachmentInput | undefined;
}

const CURRENT: Record<keyof TicketChanges, (t: Ticket) => unknown> = {
  statusId: (t) => t.status_id,
  categoryId: (t) => t.category_id,
  priority: (t) => t.priority,
  locked: (t) => t.locked === 1,
  assigneeId: (t) => t.assignee_id,
};

/** Unknown status, category or assignee and out-of-range priorities are field errors. */
async function validateChanges(
  ctx: Ctx,
  ticket: Ticket,
  c: TicketChanges,
  errors: FieldErrors,
): Promise<void> {
  if (c.statusId !== undefined && !(await findStatusRow(ctx.db, c.statusId)))
    errors.statusId = 'error.field.status';
  if (c.categoryId !== undefined && c.categoryId !== ticket.category_id) {
    const cat = await findCategoryRow(ctx.db, c.categoryId);
    if (!cat || cat.active !== 1) errors.categoryId = 'error.field.category';
  }
  if (c.priority !== undefined && !(PRIORITIES as readonly number[]).includes(c.priority))
    errors.priority = 'error.field.priority';
  if (c.assigneeId !== undefined && c.assigneeId !== null && !(await isAssignableStaff(ctx, c.assigneeId))) {
    errors.assigneeId = 'error.field.assignee';
  }
}

function conflicts(ticket: Ticket, changes: TicketChanges, baseline: TicketChanges | undefined): FieldErrors {
  const errors: FieldErrors = {};
  if (!baseline) return errors;
  for (const field of Object.keys(changes) as (keyof TicketChanges)[]) {
    if (changes[field] === undefined || baseline[field] === undefined) continue;
    if (CURRENT[field](ticket) !== baseline[field]) errors[field] = 'error.field.changedMeanwhile';
  }
  return errors;
}

function checkNote(note: string): string {
  const errors: FieldErrors = {};
  const body = checkBody(errors, note, 'note');
  assertValid(errors);
  return body;
}

/**
 * The desk's reply form and the API's PATCH: an optional public reply or internal note plus any
 * attribute changes, applied in one transaction with one history row per change. Only fields the
 * agent changed are applied, so a stale form never reverts someone else's work.
 */
export async function updateTicketAsStaff(ctx: Ctx, ref: string, input: StaffUpdateInput) {
  requirePermission(ctx.actor, 'tickets');
  requireWritable(ctx.actor);
  const me = ctx.actor.id;
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const ticket = await findTicketForActor(inner, ref);
    const errors: FieldErrors = {};
    const body = input.message
      ? checkBody(errors, input.message.body, 'body', hasFiles(input.attachments))
      : undefined;
    await validateChanges(inner, ticket, input.changes, errors);
    assertValid(errors);
    if (input.expectedVersion !== undefined && input.expectedVersion !== ticket.version)
      throw new AppError('STALE_TICKET');
    const conflict = conflicts(ticket, input.changes, input.baseline);
    if (Object.keys(conflict).length) throw new AppError('STALE_TICKET', conflict);
    if (body !== undefined && !input.force && input.seenEventId !== undefined) {
      const newer = await listEventsSince(trx, ticket.id, input.seenEventId);
      const unseen = newer.filter((e) => e.kind === 'message' && e.actor_user_id !== me && e.internal === 0);
      if (unseen.length) throw new AppError('COLLISION', {}, { count: unseen.length });
    }
    const message =
      body !== undefined
        ? {
            body,
            visibility: input.message!.internal ? ('internal' as const) : ('public' as const),
            source: input.source ?? 'web',
          }
        : undefined;
    const result = await writeActivity(inner, trx, ticket, actorOnTicket(inner, ticket), {
      message,
      changes: input.changes,
    });
    if (message) await attachFiles(inner, input.attachments, result.messageId, ticket.id);
    const note = input.note?.trim() ? input.note.replace(/\r\n/g, '\n') : undefined;
    if (note !== undefined) {
      // The note follows the reply in the same transaction, so the history reads reply, changes, note.
      const fresh = await findTicketForActor(inner, ref);
      const noted = await writeActivity(inner, trx, fresh, actorOnTicket(inner, fresh), {
        message: { body: checkNote(note), visibility: 'internal', source: input.source ?? 'web' },
      });
      return { ticket, ...noted, changed: [...result.changed, ...noted.changed] };
    }
    if (result.changed.length === 0) throw new AppError('VALIDATION', { body: 'error.ticket.nothingToDo' });
    return { ticket, ...result };
  });
}
