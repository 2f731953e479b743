import type { InvoiceDetail } from '../../../modules/commerce/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { View } from '../../ui/view.ts';
import type { ActionForm } from './action-kit.tsx';
import type { Carry } from './carry.ts';
import { ActionFormTag } from './dialog-kit.tsx';
import { ActionLink } from './panels.tsx';
import { invoiceActions } from './panels.view-model.ts';
import { History } from './purchase.dialogs.tsx';

function Money({ v, minor, currency }: { v: View; minor: number; currency: string }) {
  return <span safe>{v.t.money(minor, currency)}</span>;
}

/** The invoice's line items and totals. */
export function InvoiceItemsTable({ v, d }: { v: View; d: InvoiceDetail }) {
  const t = v.t.t;
  const cur = d.invoice.currency;
  const inv = d.invoice;
  const totals: [string, number][] = [
    [t('commerce.invoice.subtotal'), inv.subtotal_minor],
    ...(inv.tax_minor ? ([[t('commerce.invoice.tax'), inv.tax_minor]] as [string, number][]) : []),
    [t('commerce.invoice.total'), inv.total_minor],
    ...(inv.refunded_minor
      ? ([[t('commerce.invoice.refunded'), -inv.refunded_minor]] as [string, number][])
      : []),
  ];
  return (
    <table class="table invoice-items">
      <thead>
        <tr>
          <th safe>{t('commerce.invoice.item')}</th>
          <th class="num" safe>
            {t('commerce.invoice.unitPrice')}
          </th>
          <th class="num" safe>
            {t('commerce.invoice.quantity')}
          </th>
          <th class="num" safe>
            {t('commerce.invoice.linePrice')}
          </th>
        </tr>
      </thead>
      <tbody>
        {d.items.map((i) => (
          <tr>
            <td safe>{i.name}</td>
            <td class="num">
              <Money v={v} minor={i.unit_price_minor} currency={cur} />
            </td>
            <td class="num" safe>
              {String(i.quantity)}
            </td>
            <td class="num">
              <Money v={v} minor={i.unit_price_minor * i.quantity} currency={cur} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {totals.map(([label, minor]) => (
          <tr>
            <th colspan="3" scope="row" safe>
              {label}
            </th>
            <td class="num">
              <Money v={v} minor={minor} currency={cur} />
            </td>
          </tr>
        ))}
      </tfoot>
    </table>
  );
}

/** Billed to, dates and PO number. */
export function InvoiceFacts({ v, d }: { v: View; d: InvoiceDetail }) {
  const t = v.t.t;
  const inv = d.invoice;
  return (
    <div class="grid-2 tight invoice-facts">
      <div>
        <h3 safe>{t('commerce.invoice.billedTo')}</h3>
        <p class="pre-line" safe>
          {[inv.customer_name, inv.customer_email, inv.billing_address].filter(Boolean).join('\n')}
        </p>
      </div>
      <dl class="facts">
        <dt safe>{t('commerce.invoice.created')}</dt>
        <dd safe>{v.t.dateTime(inv.created_at)}</dd>
        {inv.paid_at ? (
          <>
            <dt safe>{t('commerce.invoice.paid')}</dt>
            <dd safe>{v.t.dateTime(inv.paid_at)}</dd>
          </>
        ) : (
          ''
        )}
        {inv.due_at ? (
          <>
            <dt safe>{t('commerce.invoice.due')}</dt>
            <dd safe>{v.t.dateTime(inv.due_at)}</dd>
          </>
        ) : (
          ''
        )}
        <dt safe>{t('commerce.invoice.poNumber')}</dt>
        <dd safe>{inv.po_number || t('commerce.none')}</dd>
      </dl>
    </div>
  );
}

function Transactions({ v, d }: { v: View; d: InvoiceDetail }) {
  const t = v.t.t;
  if (!d.transactions.length)
    return (
      <p class="muted" safe>
        {t('commerce.transactions.none')}
      </p>
    );
  return (
    <ul class="commerce-transactions">
      {d.transactions.map((x) => (
        <li>
          <strong safe>{x.gateway}</strong>{' '}
          <span class={`badge badge-tx-${x.status}`} safe>
            {t(`commerce.txStatus.${x.status}`)}
          </span>{' '}
          <span safe>{`${t(`commerce.txKind.${x.kind}`)} ${v.t.money(x.amount_minor, x.currency)}`}</span>
          <br />
          <span
            class="muted"
            safe
          >{`${v.t.dateTime(x.created_at)}${x.reference ? ` · ${x.reference}` : ''}`}</span>
        </li>
      ))}
    </ul>
  );
}

/** Inspect, like the original's invoice overlay: status, notes, transactions, billed to, items, totals. */
export function InvoiceInspect(props: {
  v: View;
  ctx: Ctx;
  d: InvoiceDetail;
  carry: Carry;
  hx: boolean;
  form?: ActionForm;
}) {
  const { v, d, carry } = props;
  const t = v.t.t;
  const inv = d.invoice;
  const actions = invoiceActions(props.ctx, v.t, carry, inv).slice(1);
  return (
    <div class="invoice-inspect">
      <aside class="invoice-side stack">
        <p class={`invoice-status badge badge-invoice-${inv.status}`} safe>
          {t(`commerce.invoiceStatus.${inv.status}`)}
        </p>
        {d.refundable && inv.refunded_minor ? (
          <p class="muted" safe>
            {t('commerce.invoice.leftToRefund', { amount: v.t.money(d.refundable, inv.currency) })}
          </p>
        ) : (
          ''
        )}
        <h3 safe>{t('commerce.invoice.notes')}</h3>
        <ActionFormTag
          v={v}
          action={`/desk/invoices/${inv.id}/notes`}
          carry={carry}
          hx={props.hx}
          form={props.form}
        >
          <label for="f-notes" class="visually-hidden" safe>
            {t('commerce.invoice.notes')}
          </label>
          <textarea
            id="f-notes"
            name="notes"
            rows="3"
            maxlength={5000}
            placeholder={t('commerce.invoice.noNotes')}
            safe
          >
            {props.form?.values.notes ?? inv.notes}
          </textarea>
          <button type="submit" class="button button-small button-plain" safe>
            {t('commerce.invoice.saveNotes')}
          </button>
        </ActionFormTag>
        <h3 safe>{t('commerce.transactions.title')}</h3>
        <Transactions v={v} d={d} />
      </aside>
      <div class="invoice-main stack">
        <p>
          <strong safe>{inv.customer_name}</strong>{' '}
          <span class="muted" safe>
            {inv.customer_email}
          </span>
        </p>
        <InvoiceFacts v={v} d={d} />
        <InvoiceItemsTable v={v} d={d} />
        <div class="button-row">
          {actions.map((link) => (
            <ActionLink link={link} />
          ))}
        </div>
        {d.can.track ? (
          <ActionFormTag v={v} action={`/desk/invoices/${inv.id}/track`} carry={carry} hx={props.hx}>
            <input type="hidden" name="on" value={d.tracking ? '0' : '1'} />
            <button type="submit" class="button button-small button-plain" safe>
              {t(d.tracking ? 'commerce.action.untrack' : 'commerce.action.track')}
            </button>
          </ActionFormTag>
        ) : (
          ''
        )}
        <h3 safe>{t('commerce.history.title')}</h3>
        <History v={v} events={d.history} />
      </div>
    </div>
  );
}

/** Refund: the amount (all that is left by default) in the invoice's currency. */
export function RefundForm(props: {
  v: View;
  d: InvoiceDetail;
  carry: Carry;
  hx: boolean;
  form?: ActionForm;
  amount: string;
  idempotencyKey: string;
}) {
  const { v, d } = props;
  const t = v.t.t;
  const error = props.form?.errors.amount;
  return (
    <ActionFormTag
      v={v}
      action={`/desk/invoices/${d.invoice.id}/refund`}
      carry={props.carry}
      hx={props.hx}
      form={props.form}
    >
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <input type="hidden" name="currency" value={d.invoice.currency} />
      <p safe>
        {t('commerce.refund.left', {
          amount: v.t.money(d.refundable, d.invoice.currency),
          total: v.t.money(d.invoice.total_minor, d.invoice.currency),
        })}
      </p>
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for="f-amount" safe>
          {t('commerce.refund.amount', { currency: d.invoice.currency })}
        </label>
        <input
          id="f-amount"
          data-autofocus
          name="amount"
          inputmode="decimal"
          required
          value={props.form?.values.amount ?? props.amount}
          aria-invalid={error ? 'true' : undefined}
        />
        <p class="field-hint" safe>
          {t('commerce.refund.hint')}
        </p>
        {error ? (
          <p class="field-error" safe>
            {t(error)}
          </p>
        ) : (
          ''
        )}
      </div>
      <button type="submit" class="button button-danger" safe>
        {t('commerce.refund.submit')}
      </button>
    </ActionFormTag>
  );
}
