import type { Insertable } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/tx.ts';
import type { AuthorRole, EventKind, TicketEventsTable } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors.ts';
import { renderMarkdown } from '../../platform/render/markdown.ts';
import { updateTicketVersioned, type Ticket } from './ticket.repo.ts';
import { insertEvents, insertMessage } from './timeline.repo.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { findStatusRow } from '../taxonomy/taxonomy.repo.ts';

/** The job written with every ticket activity; its handler sends the notifications. */
export const TICKET_ACTIVITY_JOB = 'tickets.activity';

/** What happened on a ticket in one write, as the activity job receives it. */
export interface TicketActivity {
  ticketId: number;
  /** The history rows written, in order. */
  eventIds: number[];
  messageId: number | null;
  /** True when the message is an internal note (never mailed to the customer). */
  internal: boolean;
  /** True for the first write of a newly opened ticket. */
  opened: boolean;
  actorUserId: number | null;
  actorRole: AuthorRole;
}

/** Who acts on a ticket, as recorded on messages and history rows. */
export interface TicketActor {
  userId: number | null;
  role: AuthorRole;
  name: string;
}

/** The attributes a change may set; absent means "leave as it is" (never "set to zero"). */
export interface TicketChanges {
  statusId?: number;
  categoryId?: number;
  priority?: number;
  locked?: boolean;
  assigneeId?: number | null;
}

export interface ActivityInput {
  message?: { body: string; visibility: 'public' | 'internal'; source: 'web' | 'email' | 'api' };
  changes?: TicketChanges;
  /** When given, the write happens only if the ticket is still at this version (else STALE_TICKET). */
  expectedVersion?: number | undefined;
}

const FIELDS: [keyof TicketChanges, keyof Ticket, EventKind][] = [
  ['statusId', 'status_id', 'status'],
  ['categoryId', 'category_id', 'category'],
  ['priority', 'priority', 'priority'],
  ['locked', 'locked', 'lock'],
  ['assigneeId', 'assignee_id', 'assignment'],
];

function stored(field: keyof TicketChanges, value: TicketChanges[keyof TicketChanges]): number | null {
  if (field === 'locked') return value ? 1 : 0;
  return (value as number | null | undefined) ?? null;
}

/**
 * Writes a message and/or attribute changes to a ticket inside the caller's transaction: one
 * history row per message and per attribute that really changed, all stamped with the same time
 * and ordered by id, then the ticket itself with its new last activity and version. Nothing
 * changed and no message: nothing is written.
 */
export async function writeActivity(
  ctx: Ctx,
  trx: Tx,
  ticket: Ticket,
  actor: TicketActor,
  input: ActivityInput,
): Promise<{ version: number; messageId?: number; changed: EventKind[] }> {
  const now = ctx.now();
  const events: Insertable<TicketEventsTable>[] = [];
  const patch: Record<string, number | null> = {};
  const base = {
    ticket_id: ticket.id,
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_name: actor.name,
    created_at: now,
  };
  let messageId: number | undefined;
  if (input.message) {
    messageId = await insertMessage(trx, {
      ticket_id: ticket.id,
      author_user_id: actor.userId,
      author_role: actor.role,
      author_name: actor.name,
      visibility: input.message.visibility,
      body_md: input.message.body,
      body_html: renderMarkdown(input.message.body),
      source: input.message.source,
      created_at: now,
    });
    const internal = input.message.visibility === 'internal' ? 1 : 0;
    events.push({
      ...base,
      kind: 'message',
      message_id: messageId,
      internal,
      old_value: null,
      new_value: null,
    });
  }
  for (const [field, column, kind] of FIELDS) {
    if (input.changes?.[field] === undefined) continue;
    const next = stored(field, input.changes[field]);
    const prev = ticket[column] as number | null;
    if (next === prev) continue;
    patch[column] = next;
    events.push({
      ...base,
      kind,
      old_value: prev === null ? null : String(prev),
      new_value: next === null ? null : String(next),
      internal: 0,
      message_id: null,
    });
  }
  if (patch.status_id !== undefined && patch.status_id !== null) {
    // Keep the denormalised open/closed flag in step with the status.
    patch.closed = (await findStatusRow(trx, patch.status_id))?.closing ?? 0;
  }
  if (events.length === 0) {
    if (input.expectedVersion !== undefined && input.expectedVersion !== ticket.version)
      throw new AppError('STALE_TICKET');
    return { version: ticket.version, changed: [] };
  }
  const version = await updateTicketVersioned(
    trx,
    ticket.id,
    { ...patch, last_activity_at: now, last_activity_by: actor.userId },
    input.expectedVersion,
    messageId === undefined ? 0 : 1,
  );
  if (version === undefined) throw new AppError('STALE_TICKET');
  const eventIds = await insertEvents(trx, events);
  const activity: TicketActivity = {
    ticketId: ticket.id,
    eventIds,
    messageId: messageId ?? null,
    internal: input.message?.visibility === 'internal',
    opened: ticket.version === 0,
    actorUserId: actor.userId,
    actorRole: actor.role,
  };
  // Notifications and other reactions run as a job after commit, never inside this transaction.
  await enqueueJob(trx, TICKET_ACTIVITY_JOB, activity, now);
  return { version, ...(messageId !== undefined ? { messageId } : {}), changed: events.map((e) => e.kind) };
}
