import type { Ctx } from '../../platform/context.ts';
import type { Invoice, Purchase, Transaction } from './commerce.schema.ts';

/**
 * What a shop integration does when staff act on commerce records. Parley keeps its own records
 * and calls the provider from inside the use case's database transaction (`ctx.db` is that
 * transaction), before it writes anything of its own:
 *
 * - Throwing aborts the whole action: nothing is written, and the person sees the error. Throw
 *   `new AppError('PROVIDER_DECLINED')` for a refusal the person should read.
 * - Keep calls short, or defer them: enqueue a job with `enqueueJob(ctx.db, …)` (it only exists if
 *   the action commits) and do the network call in the job.
 * - `refund` gets an idempotency key; pass it to the gateway (e.g. Stripe's `Idempotency-Key`), so a
 *   retry after a rolled-back transaction never refunds twice at the gateway.
 */
export interface CommerceProvider {
  /** Recorded as the gateway of transactions the provider creates, e.g. "local" or "stripe". */
  readonly name: string;
  /** Refunds `amountMinor` of a paid invoice at the payment gateway. */
  refund(ctx: Ctx, request: RefundRequest): Promise<ProviderReceipt>;
  /** Records a payment made outside the gateway (bank transfer, cash) when staff mark an invoice paid. */
  markPaid(ctx: Ctx, request: { invoice: Invoice }): Promise<ProviderReceipt>;
  /** The invoice will no longer be collected (cancel a pending payment or dunning). */
  cancelInvoice(ctx: Ctx, request: { invoice: Invoice }): Promise<void>;
  /** Ends the benefits of a purchase (licence, subscription) and stops renewals. */
  cancelPurchase(ctx: Ctx, request: { purchase: Purchase; reason: string }): Promise<void>;
  /** Restores a canceled purchase. */
  reinstatePurchase(ctx: Ctx, request: { purchase: Purchase }): Promise<void>;
  /**
   * Sends the invoice to the customer. Return `{ sent: false }` to let Parley mail its own
   * plain-text copy through the outbox; `{ sent: true }` when the shop sent it.
   */
  resendInvoice(ctx: Ctx, request: { invoice: Invoice; to: string }): Promise<{ sent: boolean }>;
}

export interface RefundRequest {
  invoice: Invoice;
  /** The invoice's earlier transactions, e.g. to find the charge to refund. */
  transactions: Transaction[];
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
}

export interface ProviderReceipt {
  /** The gateway's reference for what it did, shown with the transaction. */
  reference: string;
  /** The gateway it went through, when not the provider's own name. */
  gateway?: string;
}

/** The built-in provider: Parley's own records are the whole truth, so every action simply succeeds. */
export const localProvider: CommerceProvider = {
  name: 'local',
  refund: async (_ctx, r) => ({ reference: `local-refund-${r.idempotencyKey.slice(0, 40)}` }),
  markPaid: async (_ctx, r) => ({ reference: `local-payment-${r.invoice.number}`, gateway: 'manual' }),
  cancelInvoice: async () => undefined,
  cancelPurchase: async () => undefined,
  reinstatePurchase: async () => undefined,
  resendInvoice: async () => ({ sent: false }),
};

let current: CommerceProvider = localProvider;

/**
 * Installs the provider for this process (call it once at start-up, before serving). Returns the
 * previous one, so tests can put it back.
 */
export function useCommerceProvider(provider: CommerceProvider): CommerceProvider {
  const previous = current;
  current = provider;
  return previous;
}

export function commerceProvider(): CommerceProvider {
  return current;
}
