import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { translator, type Translator } from '../../platform/i18n/i18n.ts';
import { listAttachmentsForMessages } from '../attachments/index.ts';
import { queueMail } from '../mail/index.ts';
import { getSiteSettings, type SiteSettings } from '../settings/index.ts';
import { loadLabels, type Labels } from '../taxonomy/index.ts';
import { ticketPath, type TicketActivity } from '../tickets/index.ts';
import { loadActivity, planMails, type Activity, type Plan } from './activity-plan.ts';
import { absoluteLinks, renderTicketMail, type RenderedContent } from './notification-mail.tsx';
import { unsubscribeUrl } from './unsubscribe-token.ts';

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

async function attachmentsOf(ctx: Ctx, a: Activity) {
  if (!a.message) return [];
  const files = (await listAttachmentsForMessages(ctx, [a.message.id])).get(a.message.id) ?? [];
  return files.map((f) => ({ name: f.name, url: `${ctx.config.publicUrl}${f.url}`, size: f.size }));
}

/** Queues one planned mail, keyed by the activity and the recipient so a rerun adds nothing. */
async function queuePlan(inner: Ctx, input: RenderInput): Promise<void> {
  const { a, plan, t } = input;
  const { recipient } = plan;
  const member = recipient.userId !== null;
  await queueMail(inner, {
    to: recipient.email,
    toName: recipient.name,
    locale: recipient.locale,
    template: `notify.${plan.type}`,
    params: {},
    content: renderPlan(input),
    ticketId: a.ticket.id,
    unsubscribeUrl: unsubscribeUrl(inner, {
      type: plan.type,
      ...(member ? { userId: recipient.userId! } : { email: recipient.email }),
      ...(plan.categoryId !== undefined ? { categoryId: plan.categoryId } : {}),
    }),
    settingsUrl: member ? `${inner.config.publicUrl}/profile/notifications` : null,
    reason: t.t(plan.reason, { category: input.labels.categories.get(a.ticket.category_id)?.name ?? '' }),
    dedupeKey: `activity:${a.raw.eventIds[0]}:${plan.type}:${recipient.key}`,
  });
}

/**
 * The `tickets.activity` job: queues every notification one ticket write calls for, each in its
 * recipient's language, in one transaction. Internal notes never reach the customer. Running it
 * twice queues nothing new: each mail has a dedupe key made of the activity and the recipient.
 */
export async function notifyTicketActivity(ctx: Ctx, raw: TicketActivity): Promise<number> {
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const a = await loadActivity(inner, raw);
    if (!a) return 0;
    const site = await getSiteSettings(inner);
    const plans = await planMails(inner, a, site);
    const attachments = await attachmentsOf(inner, a);
    const labels = new Map<string, Labels>();
    for (const plan of plans) {
      const { locale } = plan.recipient;
      if (!labels.has(locale)) labels.set(locale, await loadLabels(inner, locale));
      const t = translator(locale);
      await queuePlan(inner, { ctx, a, plan, t, labels: labels.get(locale)!, site, attachments });
    }
    return plans.length;
  });
}
