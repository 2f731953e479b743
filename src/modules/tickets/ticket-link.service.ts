import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { requirePermission } from '../accounts/index.ts';
import { findUserById } from '../accounts/user.repo.ts';
import { queueMail } from '../mail/index.ts';
import { getSiteSettings } from '../settings/index.ts';
import { newTicketKey, ticketPath } from './ticket-key.ts';
import { recordTicketNote } from './ticket-note.service.ts';
import { findTicketByNumber, updateTicketVersioned } from './ticket.repo.ts';

/**
 * Gives a ticket a new secret key, for a link that leaked (a forwarded mail, a shared screen): the
 * old link stops working at once and the issuer is mailed the new one, whatever their notification
 * settings, since it is the only way back in for a guest. Staff with `tickets`; one transaction,
 * with a history line everyone on the ticket sees.
 */
export async function renewTicketLink(ctx: Ctx, ticketNumber: number): Promise<void> {
  requirePermission(ctx.actor, 'tickets');
  await tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const ticket = await findTicketByNumber(trx, ticketNumber);
    if (!ticket) throw new AppError('NOT_FOUND');
    const key = newTicketKey();
    await updateTicketVersioned(trx, ticket.id, { key });
    await recordTicketNote(inner, ticketNumber, { key: 'timeline.linkRenewed', public: true });
    if (ticket.issuer_deleted_at !== null) return;
    const member =
      ticket.issuer_user_id === null ? undefined : await findUserById(trx, ticket.issuer_user_id);
    const site = await getSiteSettings(inner);
    await queueMail(inner, {
      to: member?.email ?? ticket.issuer_email,
      toName: member?.display_name ?? ticket.issuer_name,
      locale: member?.locale ?? site.defaultLocale,
      template: 'ticket-link-renewed',
      ticketId: ticket.id,
      params: {
        name: member?.display_name ?? ticket.issuer_name,
        number: ticket.number,
        subject: ticket.subject,
        link: `${ctx.config.publicUrl}${ticketPath({ key, subject: ticket.subject })}`,
      },
    });
  });
}
