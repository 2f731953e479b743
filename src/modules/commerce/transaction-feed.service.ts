import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { TRANSACTION_STATUSES, type Transaction, type TransactionStatus } from './commerce.schema.ts';
import { checkCurrency, checkExternalId, checkMinor, checkText, checkTime } from './commerce.validation.ts';
import { findInvoiceByExternalId, updateInvoice } from './invoice.repo.ts';
import { requireFeed, type FeedOptions } from './feed.service.ts';
import {
  findTransactionByExternalId,
  insertTransaction,
  listInvoiceTransactions,
  updateTransaction,
} from './transaction.repo.ts';

export interface TransactionInput {
  invoiceExternalId: string;
  kind?: 'payment' | 'refund' | undefined;
  gateway: string;
  /** Minor units, positive for payments and refunds alike. */
  amount: number;
  currency: string;
  status: TransactionStatus;
  reference?: string | null | undefined;
  createdAt?: number | undefined;
}

/**
 * Creates or updates the transaction with this external id on the invoice with the given external
 * id, then brings the invoice's refunded sum up to date. A currency other than the invoice's is
 * CURRENCY_MISMATCH.
 */
export async function upsertTransaction(
  ctx: Ctx,
  externalId: string,
  input: TransactionInput,
  opts: FeedOptions = {},
): Promise<{ transaction: Transaction; created: boolean }> {
  requireFeed(ctx);
  const errors: FieldErrors = {};
  const extId = checkExternalId(errors, 'externalId', externalId);
  const gateway = checkText(errors, 'gateway', input.gateway, { max: 60 });
  const amount = checkMinor(errors, 'amount', input.amount, 1);
  const currency = checkCurrency(errors, 'currency', input.currency);
  const reference = checkText(errors, 'reference', input.reference ?? '', { optional: true, max: 200 });
  const createdAt = checkTime(errors, 'createdAt', input.createdAt, true);
  if (!TRANSACTION_STATUSES.includes(input.status)) errors.status = 'error.field.invalid';
  const kind =
    input.kind ??
    (input.status === 'refunded' || input.status === 'partially_refunded' ? 'refund' : 'payment');
  if (kind !== 'payment' && kind !== 'refund') errors.kind = 'error.field.invalid';
  assertValid(errors);
  return tx(ctx.db, async (trx) => {
    const invoice = await findInvoiceByExternalId(trx, input.invoiceExternalId ?? '');
    if (!invoice) throw new AppError('VALIDATION', { invoiceExternalId: 'commerce.error.unknownInvoice' });
    if (invoice.currency !== currency)
      throw new AppError('CURRENCY_MISMATCH', {}, { currency: invoice.currency });
    const existing = await findTransactionByExternalId(trx, extId);
    if (existing && existing.invoice_id !== invoice.id)
      throw new AppError('VALIDATION', { invoiceExternalId: 'commerce.error.otherInvoice' });
    const row = { kind, gateway, amount_minor: amount, currency, status: input.status, reference };
    const transaction = existing
      ? await updateTransaction(trx, existing.id, row)
      : await insertTransaction(trx, {
          ...row,
          invoice_id: invoice.id,
          idempotency_key: null,
          external_id: extId,
          created_at: createdAt ?? ctx.now(),
        });
    const all = await listInvoiceTransactions(trx, invoice.id);
    const refunded = all
      .filter((x) => x.kind === 'refund' && x.status !== 'failed')
      .reduce((s, x) => s + x.amount_minor, 0);
    if (refunded !== invoice.refunded_minor)
      await updateInvoice(trx, invoice.id, { refunded_minor: refunded, updated_at: ctx.now() });
    if (opts.audit !== false)
      await recordAudit(
        { ...ctx, db: trx },
        {
          action: 'commerce.feed.transaction',
          targetType: 'transaction',
          targetId: transaction.id,
          data: { externalId: extId, created: !existing },
        },
      );
    return { transaction, created: !existing };
  });
}
