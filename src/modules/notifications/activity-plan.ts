import type { Ctx } from '../../platform/context.ts';
import type { SiteSettings } from '../settings/index.ts';
import type { TicketActivity } from '../tickets/index.ts';
import {
  findMessageRow,
  findTicketRow,
  findValueAfterEvent,
  listEventRows,
  type MessageRow,
  type TicketRow,
} from './activity.repo.ts';
import type { MailType } from './notification.tables.ts';
import { categoryWatchers, issuerRecipient, staffRecipients, type Recipient } from './recipients.ts';

export type Heading = 'created' | 'staffReply' | 'newTicket' | 'customerReply' | 'assignment';

/** One mail to send: to whom, of which type (for settings and unsubscribe), saying what. */
export interface Plan {
  recipient: Recipient;
  type: MailType;
  heading: Heading;
  reason: string;
  categoryId?: number;
}

export interface Activity {
  ticket: TicketRow;
  message: MessageRow | undefined;
  /** Set when the write assigned the ticket: the new assignee and who did it. */
  assigned: { userId: number; by: string | null } | undefined;
  raw: TicketActivity;
}

/** Who hears about an activity. The actor never hears about their own doing, except the issuer's confirmation. */
export async function planMails(ctx: Ctx, a: Activity, site: SiteSettings): Promise<Plan[]> {
  const { ticket, raw } = a;
  const lang = site.defaultLocale;
  const isPublic = a.message?.visibility === 'public' && !raw.internal;
  const plans: Plan[] = [];
  const add = (recipients: (Recipient | undefined)[], plan: Omit<Plan, 'recipient'>) => {
    for (const r of recipients) if (r) plans.push({ ...plan, recipient: r });
  };
  if (raw.opened) {
    add([await issuerRecipient(ctx.db, ticket, 'created', lang)], {
      type: 'created',
      heading: 'created',
      reason: 'notify.reason.issuer',
    });
  }
  if (isPublic && raw.actorRole === 'staff') {
    add([await issuerRecipient(ctx.db, ticket, 'staff_reply', lang)], {
      type: 'staff_reply',
      heading: 'staffReply',
      reason: 'notify.reason.issuer',
    });
  }
  if (a.assigned && a.assigned.userId !== raw.actorUserId) {
    add(await staffRecipients(ctx.db, [a.assigned.userId], 'assignment', lang), {
      type: 'assignment',
      heading: 'assignment',
      reason: 'notify.reason.assignment',
    });
  }
  if (isPublic && raw.actorRole === 'issuer') plans.push(...(await staffPlans(ctx, a, lang)));
  const seen = new Set<string>();
  return plans.filter((p) => {
    const mine = p.recipient.userId !== null && p.recipient.userId === raw.actorUserId;
    if ((mine && p.type !== 'created') || seen.has(p.recipient.email)) return false;
    seen.add(p.recipient.email);
    return true;
  });
}

/** A new ticket or customer reply: the assignee, or for an unassigned ticket the category's followers. */
async function staffPlans(ctx: Ctx, a: Activity, lang: SiteSettings['defaultLocale']): Promise<Plan[]> {
  const heading: Heading = a.raw.opened ? 'newTicket' : 'customerReply';
  if (a.ticket.assignee_id !== null) {
    const [assignee] = await staffRecipients(ctx.db, [a.ticket.assignee_id], 'customer_reply', lang);
    return assignee
      ? [{ recipient: assignee, type: 'customer_reply', heading, reason: 'notify.reason.assignee' }]
      : [];
  }
  const watchers = await categoryWatchers(ctx.db, a.ticket.category_id, lang);
  return watchers.map((recipient) => ({
    recipient,
    type: 'new_ticket',
    heading,
    reason: 'notify.reason.category',
    categoryId: a.ticket.category_id,
  }));
}

/** What one write did to a ticket, with the ticket as that write left it. */
export async function loadActivity(ctx: Ctx, raw: TicketActivity): Promise<Activity | undefined> {
  const current = await findTicketRow(ctx.db, raw.ticketId);
  if (!current || raw.eventIds.length === 0) return undefined;
  // Recipients follow the ticket as this write left it, not as later writes changed it.
  const lastEvent = Math.max(...raw.eventIds);
  const assignee = await findValueAfterEvent(ctx.db, current.id, lastEvent, 'assignment');
  const category = await findValueAfterEvent(ctx.db, current.id, lastEvent, 'category');
  const ticket = {
    ...current,
    ...(assignee !== undefined ? { assignee_id: assignee } : {}),
    ...(category ? { category_id: category } : {}),
  };
  const events = await listEventRows(ctx.db, ticket.id, raw.eventIds);
  const message = raw.messageId ? await findMessageRow(ctx.db, ticket.id, raw.messageId) : undefined;
  const assignment = events.find((e) => e.kind === 'assignment' && e.new_value !== null);
  const assigned = assignment
    ? {
        userId: Number(assignment.new_value),
        by: assignment.actor_role === 'system' ? null : assignment.actor_name,
      }
    : undefined;
  return { ticket, message, assigned, raw };
}
