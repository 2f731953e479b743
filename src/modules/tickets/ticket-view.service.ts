import type { Ctx } from '../../platform/context.ts';
import type { EventKind } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors.ts';
import { displayNames } from '../accounts/index.ts';
import { listAttachmentsForMessages, type AttachmentItem } from '../attachments/index.ts';
import { getSiteSettings } from '../settings/index.ts';
import { loadLabels, type Labels } from '../taxonomy/index.ts';
import { looksLikeKey } from './ticket-key.ts';
import { abilitiesFor, viewerOf, type TicketAbilities } from './ticket.policy.ts';
import { findTicketByNumber, findVisibleTicketByKey, upsertReadMarker, type Ticket } from './ticket.repo.ts';
import { listTimeline, type TimelineRow } from './timeline.repo.ts';

export type TimelineEntry =
  | {
      type: 'message';
      id: number;
      at: number;
      authorName: string;
      authorRole: 'issuer' | 'staff' | 'system';
      html: string;
      internal: boolean;
      source: string;
      messageId: number;
      files: AttachmentItem[];
    }
  | {
      type: 'change';
      id: number;
      at: number;
      kind: Exclude<EventKind, 'message'>;
      actorName: string | null;
      /** Resolved, locale-specific names of the old and new value; null = none. */
      from: string | null;
      to: string | null;
    };

export interface TicketView {
  ticket: Ticket;
  labels: Labels;
  timeline: TimelineEntry[];
  can: TicketAbilities;
  closing: boolean;
}

/** A ticket by its public key, or, for staff, by its number; not found unless the actor may see it. */
export async function findTicketForActor(ctx: Ctx, ref: string): Promise<Ticket> {
  const viewer = viewerOf(ctx.actor);
  let ticket: Ticket | undefined;
  if (viewer.kind === 'staff' && /^\d{1,15}$/.test(ref))
    ticket = await findTicketByNumber(ctx.db, Number(ref));
  else if (looksLikeKey(ref)) ticket = await findVisibleTicketByKey(ctx.db, ref, viewer);
  if (!ticket) throw new AppError('NOT_FOUND');
  return ticket;
}

function valueName(
  labels: Labels,
  kind: string,
  value: string | null,
  names: Map<number, string>,
  seeStaff: boolean,
) {
  if (value === null) return null;
  const n = Number(value);
  switch (kind) {
    case 'status':
      return labels.statuses.get(n)?.name ?? `#${value}`;
    case 'category':
      return labels.categories.get(n)?.name ?? `#${value}`;
    case 'priority':
      return labels.priorities.get(n) ?? value;
    case 'assignment':
      return seeStaff ? (names.get(n) ?? '?') : '';
    case 'issuer':
      return names.get(n) ?? '?';
    default:
      return value;
  }
}

function toEntries(
  rows: TimelineRow[],
  labels: Labels,
  names: Map<number, string>,
  can: TicketAbilities,
  files: Map<number, AttachmentItem[]>,
): TimelineEntry[] {
  return rows.map((r) => {
    if (r.kind === 'message') {
      return {
        type: 'message' as const,
        id: r.id,
        messageId: r.message_id ?? 0,
        files: files.get(r.message_id ?? 0) ?? [],
        at: r.created_at,
        authorName: r.actor_name,
        authorRole: r.actor_role,
        html: r.body_html ?? '',
        internal: r.visibility === 'internal',
        source: r.source ?? 'web',
      };
    }
    return {
      type: 'change' as const,
      id: r.id,
      at: r.created_at,
      kind: r.kind,
      actorName: can.seeStaffNames || r.actor_role !== 'staff' ? r.actor_name : null,
      from:
        r.kind === 'lock' ? r.old_value : valueName(labels, r.kind, r.old_value, names, can.seeStaffNames),
      to: r.kind === 'lock' ? r.new_value : valueName(labels, r.kind, r.new_value, names, can.seeStaffNames),
    };
  });
}

/**
 * Everything the ticket page shows: the ticket, its timeline as the viewer may see it (never an
 * internal note for customers), the labels and what the viewer may do. Marks it read for members.
 */
export async function viewTicket(ctx: Ctx, ref: string): Promise<TicketView> {
  const ticket = await findTicketForActor(ctx, ref);
  const viewer = viewerOf(ctx.actor);
  const [labels, settings, rows] = await Promise.all([
    loadLabels(ctx, ctx.locale),
    getSiteSettings(ctx),
    listTimeline(ctx.db, ticket.id, viewer.kind === 'staff'),
  ]);
  const closing = labels.statuses.get(ticket.status_id)?.closing ?? false;
  const can = abilitiesFor(viewer, ticket, closing, settings.revealStaffNames);
  const userIds = rows
    .filter((r) => (r.kind === 'assignment' || r.kind === 'issuer') && r.new_value)
    .flatMap((r) => [Number(r.new_value), Number(r.old_value ?? 0)]);
  const names = await displayNames(
    ctx,
    userIds.filter((n) => n > 0),
  );
  if (viewer.kind !== 'guest') await upsertReadMarker(ctx.db, viewer.userId, ticket.id, ctx.now());
  // Internal rows were already left out for customers, so their files never reach them either.
  const files = await listAttachmentsForMessages(
    ctx,
    rows.flatMap((r) => (r.message_id ? [r.message_id] : [])),
  );
  return { ticket, labels, timeline: toEntries(rows, labels, names, can, files), can, closing };
}
