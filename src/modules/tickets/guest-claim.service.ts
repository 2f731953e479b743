import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { verifyEmail, type User } from '../accounts/index.ts';
import { listGuestTicketIdsByEmail, updateTicketVersioned } from './ticket.repo.ts';
import { insertEvents } from './timeline.repo.ts';

/**
 * Confirms an email address from its link and, in the same transaction, attaches the guest tickets
 * filed under that address to the account, each with an "issuer" history row.
 */
export async function confirmEmailAndClaimTickets(
  ctx: Ctx,
  rawToken: string,
): Promise<{ user: User; claimed: number }> {
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const user = await verifyEmail(inner, rawToken);
    const tickets = await listGuestTicketIdsByEmail(trx, user.email);
    const now = ctx.now();
    for (const { id } of tickets) {
      await updateTicketVersioned(trx, id, { issuer_user_id: user.id, issuer_name: user.display_name });
    }
    await insertEvents(
      trx,
      tickets.map(({ id }) => ({
        ticket_id: id,
        actor_user_id: user.id,
        actor_role: 'issuer' as const,
        actor_name: user.display_name,
        kind: 'issuer' as const,
        old_value: null,
        new_value: String(user.id),
        message_id: null,
        internal: 0,
        created_at: now,
      })),
    );
    return { user, claimed: tickets.length };
  });
}
