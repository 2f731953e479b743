import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { translator, type Translator } from '../../platform/i18n/i18n.ts';
import { listAttachmentsForMessages } from '../attachments/index.ts';
import { queueMail } from '../mail/index.ts';
import { getSiteSettings, type SiteSettings } from '../settings/index.ts';
import { loadLabels, type Labels } from '../taxonomy/index.ts';
import { ticketPath, type TicketActivity } from '../tickets/index.ts';
import {
  findMessageRow,
  findTicketRow,
  findValueAfterEvent,
  listEventRows,
  type MessageRow,
  type TicketRow,
} from './activity.repo.ts';
import type { MailType } from './notification.tables.ts';
import { absoluteLinks, renderTicketMail, type RenderedContent } from './notification-mail.tsx';
import { categoryWatchers, issuerRecipient, staffRecipients, type Recipient } from './recipients.ts';
import { unsubscribeUrl } from './unsubscribe-token.ts';

type Heading = 'created' | 'staffReply' | 'newTicket' | 'customerReply' | 'assignment';

/** One mail to send: to whom, of which type (for settings and unsubscribe), saying what. */
interface Plan {
  recipient: Recipient;
  type: MailType;
  heading: Heading;
  reason: string;
  categoryId?: number;
}

interface Activity {
  ticket: TicketRow;
  message: MessageRow | undefined;
  /** Set when the write assigned the ticket: the new assignee and who did it. */
  assigned: { userId: number; by: string | null } | undefined;
  raw: TicketActivity;
}

/** Who hears about an activity. The actor never hears about their own doing, except the issuer's confirmation. */
async function planMails(ctx: Ctx, a: Activity, site: SiteSettings): Promise<Plan[]> {
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

interface RenderInput {
  ctx: Ctx;
  a: Activity;
  plan: Plan;
  t: Translator;
  labels: Labels;
  site: SiteSettings;
  attachments: { name: string; url: string; size: number }[];
}

function headingOf({ a, plan, t, labels, site }: RenderInput): string {
  const { ticket, message } = a;
  const values = {
    number: ticket.number,
    subject: ticket.subject,
    name: ticket.issuer_name,
    issuer: ticket.issuer_name,
  };
  if (plan.heading === 'staffReply') {
    const author = site.revealStaffNames ? message!.author_name : t.t('notify.team', { site: site.siteName });
    return t.t('notify.staffReply.heading', { ...values, author });
  }
  if (plan.heading === 'newTicket') {
    const category = labels.categories.get(ticket.category_id)?.name ?? '';
    return t.t('notify.newTicket.heading', { ...values, category });
  }
  if (plan.heading === 'assignment') {
    const by = a.assigned?.by;
    return by
      ? t.t('notify.assignment.heading', { ...values, actor: by })
      : t.t('notify.assignment.headingSystem', values);
  }
  return t.t(`notify.${plan.heading}.heading`, values);
}

function renderPlan(input: RenderInput): RenderedContent {
  const { ctx, a, plan, t } = input;
  const toDesk = plan.type !== 'created' && plan.type !== 'staff_reply';
  const base = ctx.config.publicUrl;
  const guest = a.ticket.issuer_user_id === null;
  const withMessage = plan.heading !== 'assignment' && a.message?.visibility === 'public';
  return renderTicketMail({
    t,
    number: a.ticket.number,
    subject: a.ticket.subject,
    heading: headingOf(input),
    link: toDesk ? `${base}/desk/tickets/${a.ticket.number}` : `${base}${ticketPath(a.ticket)}`,
    linkLabel: t.t('notify.openTicket'),
    message:
      withMessage && a.message
        ? {
            html: absoluteLinks(a.message.body_html, base),
            text: a.message.body_md.replace(/\]\(\/(?!\/)/g, `](${base}/`),
          }
        : undefined,
    attachments: withMessage ? input.attachments : undefined,
    note:
      plan.type === 'created'
        ? t.t(guest ? 'notify.created.guestNote' : 'notify.created.memberNote')
        : undefined,
  });
}

async function load(ctx: Ctx, raw: TicketActivity): Promise<Activity | undefined> {
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

/**
 * The `tickets.activity` job: queues every notification one ticket write calls for, each in its
 * recipient's language, in one transaction. Internal notes never reach the customer. Running it
 * twice queues nothing new: each mail has a dedupe key made of the activity and the recipient.
 */
export async function notifyTicketActivity(ctx: Ctx, raw: TicketActivity): Promise<number> {
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const a = await load(inner, raw);
    if (!a) return 0;
    const site = await getSiteSettings(inner);
    const plans = await planMails(inner, a, site);
    const files = a.message
      ? (await listAttachmentsForMessages(inner, [a.message.id])).get(a.message.id)
      : undefined;
    const attachments = (files ?? []).map((f) => ({
      name: f.name,
      url: `${ctx.config.publicUrl}${f.url}`,
      size: f.size,
    }));
    const labels = new Map<string, Labels>();
    for (const plan of plans) {
      const { locale } = plan.recipient;
      if (!labels.has(locale)) labels.set(locale, await loadLabels(inner, locale));
      const t = translator(locale);
      const input = { ctx, a, plan, t, labels: labels.get(locale)!, site, attachments };
      await queueMail(inner, {
        to: plan.recipient.email,
        toName: plan.recipient.name,
        locale,
        template: `notify.${plan.type}`,
        params: {},
        content: renderPlan(input),
        ticketId: a.ticket.id,
        unsubscribeUrl: unsubscribeUrl(ctx, {
          type: plan.type,
          ...(plan.recipient.userId !== null
            ? { userId: plan.recipient.userId }
            : { email: plan.recipient.email }),
          ...(plan.categoryId !== undefined ? { categoryId: plan.categoryId } : {}),
        }),
        settingsUrl: plan.recipient.userId !== null ? `${ctx.config.publicUrl}/profile/notifications` : null,
        reason: t.t(plan.reason, { category: input.labels.categories.get(a.ticket.category_id)?.name ?? '' }),
        dedupeKey: `activity:${raw.eventIds[0]}:${plan.type}:${plan.recipient.key}`,
      });
    }
    return plans.length;
  });
}
