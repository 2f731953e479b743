import { minorToMajorText, type InvoiceDetail } from '../../../modules/commerce/index.ts';
import { Csrf, Field, FormError, Submit, type FormState } from '../../ui/Form.tsx';
import { DeskLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';
import { carryFields, type Carry } from './carry.ts';

export const BLANK_ITEM_ROWS = 3;

function TextArea(props: {
  v: View;
  form: FormState;
  name: string;
  label: string;
  value: string;
  rows?: number;
}) {
  const error = props.form.errors[props.name];
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={`f-${props.name}`} safe>
        {props.label}
      </label>
      <textarea id={`f-${props.name}`} name={props.name} rows={String(props.rows ?? 3)} safe>
        {props.form.values[props.name] ?? props.value}
      </textarea>
      {error ? (
        <p class="field-error" safe>
          {props.v.t.t(error)}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

export interface ItemRow {
  name: string;
  price: string;
  qty: string;
}

function ItemsEditor({
  v,
  d,
  form,
  typed,
}: {
  v: View;
  d: InvoiceDetail;
  form: FormState;
  typed?: ItemRow[] | undefined;
}) {
  const t = v.t.t;
  const cur = d.invoice.currency;
  const rows = [
    ...(typed ??
      d.items.map((i) => ({
        name: i.name,
        price: minorToMajorText(i.unit_price_minor, cur),
        qty: String(i.quantity),
      }))),
    ...Array.from({ length: BLANK_ITEM_ROWS }, () => ({ name: '', price: '', qty: '' })),
  ];
  return (
    <fieldset>
      <legend safe>{t('commerce.edit.items', { currency: cur })}</legend>
      {form.errors.items ? (
        <p class="field-error" safe>
          {t(form.errors.items)}
        </p>
      ) : (
        ''
      )}
      <table class="table invoice-items-editor">
        <thead>
          <tr>
            <th safe>{t('commerce.invoice.item')}</th>
            <th safe>{t('commerce.invoice.unitPrice')}</th>
            <th safe>{t('commerce.invoice.quantity')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr>
              <td>
                <input
                  name="item_name"
                  value={r.name}
                  aria-label={`${t('commerce.invoice.item')} ${i + 1}`}
                  maxlength={200}
                />
              </td>
              <td>
                <input
                  name="item_price"
                  value={r.price}
                  inputmode="decimal"
                  aria-label={`${t('commerce.invoice.unitPrice')} ${i + 1}`}
                />
              </td>
              <td>
                <input
                  name="item_qty"
                  value={r.qty}
                  inputmode="numeric"
                  aria-label={`${t('commerce.invoice.quantity')} ${i + 1}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Field
        v={v}
        form={form}
        name="tax"
        label={t('commerce.invoice.tax')}
        value={form.values.tax ?? minorToMajorText(d.invoice.tax_minor, cur)}
      />
    </fieldset>
  );
}

/** The invoice edit page (opened in a new tab): details always, line items while pending. */
export function InvoiceEditPage(props: {
  v: View;
  d: InvoiceDetail;
  carry: Carry;
  form: FormState;
  typedItems?: ItemRow[] | undefined;
}) {
  const { v, d, carry, form } = props;
  const t = v.t.t;
  const inv = d.invoice;
  const title = t('commerce.edit.title', { number: inv.number });
  return (
    <DeskLayout v={v} title={title}>
      <h1 safe>{title}</h1>
      <p class="muted" safe>
        {`${inv.customer_name} <${inv.customer_email}> · ${t(`commerce.invoiceStatus.${inv.status}`)} · ${v.t.money(inv.total_minor, inv.currency)}`}
      </p>
      <form method="post" action={`/desk/invoices/${inv.id}/edit`} class="stack form-card">
        <Csrf v={v} />
        {Object.entries(carryFields(carry)).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <FormError v={v} form={form} />
        <Field
          v={v}
          form={form}
          name="title"
          label={t('commerce.edit.titleField')}
          value={form.values.title ?? inv.title}
          required
          maxlength={200}
        />
        <TextArea
          v={v}
          form={form}
          name="billingAddress"
          label={t('commerce.invoice.billedTo')}
          value={inv.billing_address}
          rows={4}
        />
        <Field
          v={v}
          form={form}
          name="poNumber"
          label={t('commerce.invoice.poNumber')}
          value={form.values.poNumber ?? inv.po_number}
          maxlength={100}
        />
        <Field
          v={v}
          form={form}
          name="dueAt"
          type="date"
          label={t('commerce.invoice.due')}
          value={form.values.dueAt ?? (inv.due_at ? new Date(inv.due_at).toISOString().slice(0, 10) : '')}
        />
        <TextArea v={v} form={form} name="notes" label={t('commerce.invoice.notes')} value={inv.notes} />
        {inv.status === 'pending' ? (
          <ItemsEditor v={v} d={d} form={form} typed={props.typedItems} />
        ) : (
          <p class="field-hint" safe>
            {t('commerce.edit.itemsLocked')}
          </p>
        )}
        <Submit label={t('common.save')} />
      </form>
    </DeskLayout>
  );
}
