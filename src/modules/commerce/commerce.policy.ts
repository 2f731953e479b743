import type { Actor } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { isStaff, requireUser } from '../accounts/index.ts';
import type { Invoice, InvoiceStatus, Purchase } from './commerce.schema.ts';

/**
 * Staff with `commerce` (and `refunds` for refunds) may run the desk's commerce actions, through
 * the desk or with any of their API tokens that may write: support automation uses the same
 * permissions as the person. The system (CLI, jobs) may too. Customers never.
 */
export function requireCommerce(actor: Actor, permission: 'commerce' | 'refunds' = 'commerce'): void {
  if (actor.kind === 'system') return;
  requireUser(actor);
  if (!isStaff(actor) || !actor.permissions.has('commerce')) throw forbidden();
  if (permission === 'refunds' && !actor.permissions.has('refunds')) throw forbidden();
}

export function mayCommerce(actor: Actor, permission: 'commerce' | 'refunds' = 'commerce'): boolean {
  try {
    requireCommerce(actor, permission);
    return true;
  } catch {
    return false;
  }
}

export const REFUNDABLE: readonly InvoiceStatus[] = ['paid', 'partially_refunded'];
export const DELETABLE: readonly InvoiceStatus[] = ['pending', 'canceled'];
export const PAYABLE: readonly InvoiceStatus[] = ['pending', 'expired', 'canceled'];
export const CANCELABLE: readonly InvoiceStatus[] = ['pending', 'expired'];

/** What the actor may do with an invoice in its present status: the buttons a dialog shows. */
export function invoiceAbilities(actor: Actor, invoice: Invoice) {
  const manage = mayCommerce(actor) && !(actor.kind === 'user' && actor.tokenScope === 'read');
  return {
    markPaid: manage && PAYABLE.includes(invoice.status),
    cancel: manage && CANCELABLE.includes(invoice.status),
    refund:
      manage &&
      mayCommerce(actor, 'refunds') &&
      REFUNDABLE.includes(invoice.status) &&
      invoice.total_minor > invoice.refunded_minor,
    delete: manage && DELETABLE.includes(invoice.status),
    resend: manage,
    track: manage && actor.kind === 'user',
    edit: manage,
  };
}
export type InvoiceAbilities = ReturnType<typeof invoiceAbilities>;

/** A purchase shows as expired once its expiry passed, even before anyone stored that. */
export function effectivePurchaseState(purchase: Purchase, now: number): Purchase['state'] {
  if (purchase.state === 'active' && purchase.expires_at !== null && purchase.expires_at <= now)
    return 'expired';
  return purchase.state;
}

export function purchaseAbilities(actor: Actor, purchase: Purchase, now: number) {
  const manage = mayCommerce(actor) && !(actor.kind === 'user' && actor.tokenScope === 'read');
  const state = effectivePurchaseState(purchase, now);
  return { cancel: manage && state !== 'canceled', reinstate: manage && state === 'canceled' };
}
export type PurchaseAbilities = ReturnType<typeof purchaseAbilities>;
