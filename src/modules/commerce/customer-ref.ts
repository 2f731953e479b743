import { isValidEmail, normaliseEmail } from '../accounts/user.validation.ts';

/**
 * A customer reference names the person whose purchases and invoices we look at:
 * `user:<id>` for an account, `email:<address>` for anyone known by address (guests, shop
 * customers without an account). A bare number is read as an account id.
 */
export type CustomerRef = { kind: 'user'; userId: number } | { kind: 'email'; email: string };

/** Parses a reference, or undefined when it is not one. */
export function parseCustomerRef(raw: unknown): CustomerRef | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  const id = /^(?:user:)?(\d{1,15})$/.exec(value)?.[1];
  if (id) return Number(id) > 0 ? { kind: 'user', userId: Number(id) } : undefined;
  if (!value.startsWith('email:')) return undefined;
  const email = normaliseEmail(value.slice('email:'.length));
  return isValidEmail(email) ? { kind: 'email', email } : undefined;
}

export function formatCustomerRef(ref: CustomerRef): string {
  return ref.kind === 'user' ? `user:${ref.userId}` : `email:${ref.email}`;
}

/**
 * The reference for a ticket's issuer: their account when the ticket has one, else their
 * address. The desk builds the commerce panels of a ticket with this.
 */
export function customerRefOf(issuer: { issuer_user_id: number | null; issuer_email: string }): string {
  return issuer.issuer_user_id !== null
    ? `user:${issuer.issuer_user_id}`
    : `email:${normaliseEmail(issuer.issuer_email)}`;
}

/** The key stored on a new purchase or invoice. */
export function customerKeyFor(userId: number | null | undefined, email: string): string {
  return userId ? `user:${userId}` : `email:${normaliseEmail(email)}`;
}
