import type { Ctx } from '../../../platform/context.ts';
import type { View } from '../../ui/view.ts';
import { CommercePanels } from './panels.tsx';
import { loadCommercePanels, type CommercePanelsModel } from './panels.view-model.ts';

/**
 * The customer page's commerce section: all of the customer's purchases (tabs) and invoices,
 * 20 a page, with the same dialogs as in a ticket (no ticket history line).
 * `query` is the page's query string: ptab, pbefore and ibefore page through the lists.
 */
export function loadCustomerCommerce(
  ctx: Ctx,
  opts: { customer: string; customerName?: string; back: string; query?: Record<string, unknown> },
): Promise<CommercePanelsModel | null> {
  const q = opts.query ?? {};
  const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : undefined);
  return loadCommercePanels(ctx, {
    customer: opts.customer,
    customerName: opts.customerName,
    back: opts.back,
    mode: 'page',
    purchaseTab: str('ptab'),
    purchaseCursor: str('pbefore'),
    invoiceCursor: str('ibefore'),
  });
}

export function CustomerCommerce({ v, m }: { v: View; m: CommercePanelsModel | null }) {
  return <CommercePanels v={v} m={m} />;
}
