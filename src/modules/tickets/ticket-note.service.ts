import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { requirePermission } from '../accounts/index.ts';
import { findTicketByNumber, updateTicketVersioned } from './ticket.repo.ts';
import { insertEvents } from './timeline.repo.ts';

export interface TicketNoteInput {
  /** A message key from the catalogs, e.g. "commerce.history.refunded". */
  key: string;
  values?: Record<string, string | number>;
  /** Staff-only by default; true shows it to the customer too. */
  public?: boolean;
}

/**
 * Writes a history line on a ticket (by number) for something that happened elsewhere, e.g. a
 * refund from the commerce panel. Runs in the caller's transaction: pass a ctx whose db is the
 * transaction. Staff with the `tickets` permission, or the system (e.g. the email pipeline, whose
 * line is signed "Parley"); an unknown number is NOT_FOUND.
 */
export async function recordTicketNote(ctx: Ctx, ticketNumber: number, note: TicketNoteInput): Promise<void> {
  if (ctx.actor.kind !== 'system') requirePermission(ctx.actor, 'tickets');
  const ticket = await findTicketByNumber(ctx.db, ticketNumber);
  if (!ticket) throw new AppError('NOT_FOUND');
  const actor =
    ctx.actor.kind === 'user'
      ? { id: ctx.actor.id, role: 'staff' as const, name: ctx.actor.displayName }
      : { id: null, role: 'system' as const, name: 'Parley' };
  await insertEvents(ctx.db, [
    {
      ticket_id: ticket.id,
      actor_user_id: actor.id,
      actor_role: actor.role,
      actor_name: actor.name,
      kind: 'note',
      old_value: null,
      new_value: JSON.stringify({ key: note.key, values: note.values ?? {} }),
      message_id: null,
      internal: note.public ? 0 : 1,
      created_at: ctx.now(),
    },
  ]);
  await updateTicketVersioned(ctx.db, ticket.id, { last_activity_at: ctx.now(), last_activity_by: actor.id });
}
