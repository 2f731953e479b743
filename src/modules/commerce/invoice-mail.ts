import type { Ctx } from '../../platform/context.ts';
import { isLocale, translator } from '../../platform/i18n/i18n.ts';
import { queueMail } from '../mail/index.ts';
import { getSiteSettings } from '../settings/index.ts';
import type { Invoice } from './commerce.schema.ts';
import { findAccountById } from './customer.repo.ts';
import { listInvoiceItems } from './invoice.repo.ts';

/**
 * Queues the invoice as a plain-text mail to the customer, in their account's language (the
 * site's default for customers known only by address), in the caller's transaction.
 */
export async function queueInvoiceMail(inner: Ctx, invoice: Invoice): Promise<void> {
  const userId = /^user:(\d+)$/.exec(invoice.customer_key)?.[1];
  const account = userId ? await findAccountById(inner.db, Number(userId)) : undefined;
  const site = await getSiteSettings(inner);
  const t = translator(isLocale(account?.locale) ? account.locale : site.defaultLocale);
  const items = await listInvoiceItems(inner.db, invoice.id);
  const lines = items
    .map((i) => `- ${i.name}: ${i.quantity} × ${t.money(i.unit_price_minor, invoice.currency)}`)
    .join('\n');
  await queueMail(inner, {
    to: invoice.customer_email,
    toName: invoice.customer_name,
    locale: t.locale,
    template: 'invoice',
    params: {
      name: invoice.customer_name,
      number: invoice.number,
      title: invoice.title,
      lines,
      subtotal: t.money(invoice.subtotal_minor, invoice.currency),
      tax: t.money(invoice.tax_minor, invoice.currency),
      total: t.money(invoice.total_minor, invoice.currency),
      status: t.t(`commerce.invoiceStatus.${invoice.status}`),
      date: t.date(invoice.created_at),
    },
  });
}
