import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getCustomerAccount, requirePermission, searchCustomerAccounts } from '../accounts/index.ts';
import { normaliseEmail } from '../accounts/user.validation.ts';
import { findGuestIssuer, searchGuestIssuers } from './queue.repo.ts';
import { listQueueForStaff, type QueueResult } from './queue.service.ts';

/** A customer as the desk addresses them: an account, or a guest's email address. */
export type CustomerRef = { userId: number } | { email: string };

export interface CustomerPage {
  ref: CustomerRef;
  name: string;
  email: string;
  userId: number | null;
  since: number | null;
  tickets: QueueResult;
}

/** Accounts and guest addresses matching the text, for the desk's customer search. */
export async function searchCustomers(ctx: Ctx, text: string) {
  requirePermission(ctx.actor, 'tickets');
  const term = text.trim().toLowerCase().slice(0, 200);
  if (!term) return { accounts: [], guests: [] };
  const [accounts, guests] = await Promise.all([
    searchCustomerAccounts(ctx, term),
    searchGuestIssuers(ctx.db, term, 25),
  ]);
  return {
    accounts,
    guests: guests.map((g) => ({
      email: g.issuer_email,
      name: g.issuer_name ?? '',
      tickets: Number(g.tickets),
    })),
  };
}

/** A customer's details and all their tickets (every status), newest activity first. */
export async function getCustomerPage(ctx: Ctx, ref: CustomerRef, cursor?: string): Promise<CustomerPage> {
  requirePermission(ctx.actor, 'tickets');
  if ('userId' in ref) {
    const account = await getCustomerAccount(ctx, ref.userId);
    if (!account) throw new AppError('NOT_FOUND');
    const tickets = await listQueueForStaff(ctx, { tab: 'all', issuer: `user:${account.id}`, cursor });
    return {
      ref,
      name: account.name,
      email: account.email,
      userId: account.id,
      since: account.createdAt,
      tickets,
    };
  }
  const email = normaliseEmail(ref.email);
  const guest = await findGuestIssuer(ctx.db, email);
  if (!guest) throw new AppError('NOT_FOUND');
  const tickets = await listQueueForStaff(ctx, { tab: 'all', issuerEmail: email, cursor });
  return { ref: { email }, name: guest.issuer_name, email, userId: null, since: null, tickets };
}
