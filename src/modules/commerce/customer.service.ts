import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { formatCustomerRef, parseCustomerRef } from './customer-ref.ts';
import { findAccountByEmail, findAccountById } from './customer.repo.ts';

export interface Customer {
  /** The canonical reference, `user:<id>` or `email:<address>`. */
  ref: string;
  /** Every customer key their records may be stored under: the account and its address. */
  keys: string[];
  userId: number | null;
  email: string;
  name: string;
  locale: string | null;
}

/**
 * Resolves a customer reference. An account matches its own records and those filed under its
 * address (bought as a guest before registering); an address matches the account that owns it
 * too. An unknown account id or a malformed reference is NOT_FOUND.
 */
export async function resolveCustomer(
  ctx: Pick<Ctx, 'db'>,
  raw: string,
  fallbackName?: string,
): Promise<Customer> {
  const ref = parseCustomerRef(raw);
  if (!ref) throw new AppError('NOT_FOUND');
  const account =
    ref.kind === 'user'
      ? await findAccountById(ctx.db, ref.userId)
      : await findAccountByEmail(ctx.db, ref.email);
  if (ref.kind === 'user' && !account) throw new AppError('NOT_FOUND');
  if (account) {
    return {
      ref: formatCustomerRef(ref),
      keys: [`user:${account.id}`, `email:${account.email}`],
      userId: account.id,
      email: account.email,
      name: account.display_name,
      locale: account.locale,
    };
  }
  const email = ref.kind === 'email' ? ref.email : '';
  return {
    ref: formatCustomerRef(ref),
    keys: [`email:${email}`],
    userId: null,
    email,
    name: fallbackName?.trim() || email,
    locale: null,
  };
}
