import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { isLocale, translator, type Translator } from '../../platform/i18n/i18n.ts';
import { recordAudit } from '../audit/index.ts';
import { queueMail } from '../mail/index.ts';
import { getSiteSettings } from '../settings/index.ts';
import { recordTicketNote } from '../tickets/index.ts';
import type { Invoice, InvoiceStatus } from './commerce.schema.ts';
import { listInvoiceTrackers } from './customer.repo.ts';
import { insertCommerceEvent } from './transaction.repo.ts';

export interface ActionRecord {
  /** e.g. "invoice.refund"; the audit action is "commerce.<action>". */
  action: string;
  subject: { type: 'purchase' | 'invoice'; id: number };
  data?: Record<string, unknown>;
  /** The ticket the action was taken from: it gets a staff-only history line. */
  ticketNumber?: number | undefined;
  /** The history line's message key (commerce.history.*) and values. */
  note: { key: string; values: Record<string, string | number> };
}

export function actorName(ctx: Ctx): string {
  return ctx.actor.kind === 'user' ? ctx.actor.displayName : 'System';
}

/**
 * Writes what every commerce action leaves behind, in the caller's transaction: the audit row,
 * the record's own history entry and, when taken from a ticket, the ticket's history line. An
 * unknown ticket number throws NOT_FOUND, which rolls the whole action back.
 */
export async function recordCommerceAction(inner: Ctx, rec: ActionRecord): Promise<void> {
  const data = { ...rec.data, ...(rec.ticketNumber ? { ticket: rec.ticketNumber } : {}) };
  await recordAudit(inner, {
    action: `commerce.${rec.action}`,
    targetType: rec.subject.type,
    targetId: rec.subject.id,
    data,
  });
  await insertCommerceEvent(inner.db, {
    subject_type: rec.subject.type,
    subject_id: rec.subject.id,
    action: rec.action,
    actor_user_id: inner.actor.kind === 'user' ? inner.actor.id : null,
    actor_name: actorName(inner),
    data: JSON.stringify({ key: rec.note.key, values: rec.note.values }),
    ticket_number: rec.ticketNumber ?? null,
    created_at: inner.now(),
  });
  if (rec.ticketNumber !== undefined) await recordTicketNote(inner, rec.ticketNumber, rec.note);
}

/** A ticket number from input: a positive whole number, or undefined when none was given. */
export function ticketNumberOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError('VALIDATION', { ticket: 'error.field.invalid' });
  return n;
}

/** The site's default-language translator: history lines store amounts formatted in it. */
export async function siteTranslator(ctx: Ctx): Promise<Translator> {
  return translator((await getSiteSettings(ctx)).defaultLocale);
}

/**
 * Mails every staff member tracking the invoice (except whoever changed it) that its status
 * changed, through the outbox, each in their own language.
 */
export async function notifyTrackers(inner: Ctx, invoice: Invoice, from: InvoiceStatus): Promise<void> {
  if (invoice.status === from) return;
  const trackers = await listInvoiceTrackers(inner.db, invoice.id);
  const site = await getSiteSettings(inner);
  for (const tracker of trackers) {
    if (inner.actor.kind === 'user' && tracker.id === inner.actor.id) continue;
    const t = translator(isLocale(tracker.locale) ? tracker.locale : site.defaultLocale);
    await queueMail(inner, {
      to: tracker.email,
      toName: tracker.display_name,
      locale: t.locale,
      template: 'invoice-status',
      params: {
        name: tracker.display_name,
        number: invoice.number,
        title: invoice.title,
        from: t.t(`commerce.invoiceStatus.${from}`),
        to: t.t(`commerce.invoiceStatus.${invoice.status}`),
        by: actorName(inner),
        link: `${inner.config.publicUrl}/desk/invoices/${invoice.id}`,
      },
    });
  }
}
