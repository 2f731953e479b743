import type { Ctx } from '../../../platform/context.ts';
import type { View } from '../../ui/view.ts';
import {
  loadCommercePanels,
  type CommercePanelsModel,
  type InvoiceRowModel,
  type PanelLink,
  type PanelsOptions,
  type PurchaseRowModel,
} from './panels.view-model.ts';

export { loadCommercePanels, type CommercePanelsModel, type PanelsOptions } from './panels.view-model.ts';

/**
 * The panels as an HTML string for the desk ticket page's `panels` slot ('' without permission):
 * `panels: [await renderCommercePanels(ctx(req), v, { customer: customerRefOf(ticket), customerName:
 * ticket.issuer_name, ticketNumber: ticket.number, purchaseTab: req.query.ptab })]`.
 */
export async function renderCommercePanels(ctx: Ctx, v: View, opts: PanelsOptions): Promise<string> {
  const m = await loadCommercePanels(ctx, opts);
  return m ? await (<CommercePanels v={v} m={m} />) : '';
}

/** An action: a dialog through htmx (a full page without JavaScript), or a new tab. */
export function ActionLink({ link, cls }: { link: PanelLink; cls?: string }) {
  const className = `${cls ?? 'button button-small button-plain'}${link.danger ? ' danger-text' : ''}`;
  if (!link.dialog)
    return (
      <a class={className} href={link.href} target="_blank" rel="noopener" safe>
        {link.label}
      </a>
    );
  return (
    <a
      class={className}
      href={link.href}
      hx-get={link.href}
      hx-target="#commerce-dialog"
      hx-swap="innerHTML"
      safe
    >
      {link.label}
    </a>
  );
}

function RowActions({ v, actions }: { v: View; actions: PanelLink[] }) {
  const [first, ...rest] = actions;
  return (
    <div class="commerce-actions">
      {first ? <ActionLink link={first} /> : ''}
      {rest.length ? (
        <details class="menu">
          <summary class="button button-small button-plain" safe>
            {v.t.t('commerce.action.more')}
          </summary>
          <ul class="menu-list">
            {rest.map((link) => (
              <li>
                <ActionLink link={link} cls="menu-item" />
              </li>
            ))}
          </ul>
        </details>
      ) : (
        ''
      )}
    </div>
  );
}

function PurchaseItem({ v, row }: { v: View; row: PurchaseRowModel }) {
  return (
    <li class="commerce-row" data-purchase={String(row.id)}>
      <div class="commerce-main">
        <strong safe>{row.name}</strong>
        <span class="muted" safe>
          {`${row.numberLabel} · ${row.dates}`}
        </span>
      </div>
      <span class={`badge badge-purchase-${row.state}`} safe>
        {row.stateLabel}
      </span>
      <RowActions v={v} actions={row.actions} />
    </li>
  );
}

function InvoiceItem({ v, row }: { v: View; row: InvoiceRowModel }) {
  return (
    <li class="commerce-row" data-invoice={String(row.id)}>
      <div class="commerce-amount">
        <span safe>{row.amount}</span>
        <span class={`badge badge-invoice-${row.status}`} safe>
          {row.statusLabel}
        </span>
      </div>
      <div class="commerce-main">
        <strong safe>{row.heading}</strong>
        <span class="muted" safe>
          {row.created}
        </span>
      </div>
      <RowActions v={v} actions={row.actions} />
    </li>
  );
}

/**
 * "⟨customer⟩'s purchases" (tabs Active, Expired, Canceled with counts) and "⟨customer⟩'s
 * invoices", with every action in a dialog. Renders nothing for a null model (no permission).
 * Every htmx action answers with this whole component, so it replaces itself.
 */
export function CommercePanels({ v, m }: { v: View; m: CommercePanelsModel | null }) {
  if (!m) return '';
  const t = v.t.t;
  return (
    <section id="commerce-panels" class="commerce-panels" data-customer={m.customerRef}>
      <div class="commerce-notice" role="status" aria-live="polite">
        {m.notice ? (
          <p class="alert alert-success" safe>
            {m.notice}
          </p>
        ) : (
          ''
        )}
      </div>
      <section class="card commerce-panel" id="commerce-purchases" aria-labelledby="commerce-purchases-title">
        <h2 id="commerce-purchases-title" safe>
          {t('commerce.panel.purchases', { name: m.customerName })}
        </h2>
        <nav class="tabs commerce-tabs" aria-label={t('commerce.panel.purchaseTabs')}>
          {m.purchases.tabs.map((tab) => (
            <a
              class="tab"
              href={tab.href}
              hx-get={tab.hx}
              hx-target="#commerce-panels"
              hx-swap="outerHTML"
              aria-current={tab.current ? 'page' : undefined}
              data-tab={tab.key}
              safe
            >
              {tab.label}
            </a>
          ))}
        </nav>
        {m.purchases.rows.length ? (
          <ul class="commerce-list">
            {m.purchases.rows.map((row) => (
              <PurchaseItem v={v} row={row} />
            ))}
          </ul>
        ) : (
          <p class="empty" safe>
            {t('commerce.empty')}
          </p>
        )}
        {m.purchases.more ? (
          <a class="commerce-more" href={m.purchases.more} safe>
            {t('commerce.more')}
          </a>
        ) : (
          ''
        )}
      </section>
      <section class="card commerce-panel" id="commerce-invoices" aria-labelledby="commerce-invoices-title">
        <h2 id="commerce-invoices-title" safe>
          {t('commerce.panel.invoices', { name: m.customerName })}
        </h2>
        {m.invoices.rows.length ? (
          <ul class="commerce-list">
            {m.invoices.rows.map((row) => (
              <InvoiceItem v={v} row={row} />
            ))}
          </ul>
        ) : (
          <p class="empty" safe>
            {t('commerce.empty')}
          </p>
        )}
        {m.invoices.more ? (
          <a class="commerce-more" href={m.invoices.more} safe>
            {t('commerce.more')}
          </a>
        ) : (
          ''
        )}
      </section>
      <div id="commerce-dialog" class="commerce-dialog-slot"></div>
    </section>
  );
}
