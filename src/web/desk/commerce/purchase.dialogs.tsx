import type { CommerceEvent, PurchaseDetail } from '../../../modules/commerce/index.ts';
import type { View } from '../../ui/view.ts';
import type { ActionForm } from './action-kit.tsx';
import { carryQuery, type Carry } from './carry.ts';
import { ActionFormTag } from './dialog-kit.tsx';
import { ActionLink } from './panels.tsx';

/** A record's history, newest first: what happened, who, when. */
export function History({ v, events }: { v: View; events: CommerceEvent[] }) {
  if (!events.length)
    return (
      <p class="muted" safe>
        {v.t.t('commerce.history.none')}
      </p>
    );
  return (
    <ol class="commerce-history">
      {events.map((e) => {
        const note = JSON.parse(e.data) as { key: string; values: Record<string, string | number> };
        return (
          <li>
            <span safe>{v.t.t(note.key, note.values)}</span>{' '}
            <span class="muted" safe>
              {`${e.actor_name} · ${v.t.dateTime(e.created_at)}${e.ticket_number ? ` · #${e.ticket_number}` : ''}`}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function PurchaseInspect({ v, d, carry }: { v: View; d: PurchaseDetail; carry: Carry }) {
  const t = v.t.t;
  const p = d.purchase;
  const q = carryQuery(carry);
  const facts: [string, string][] = [
    [t('commerce.purchase.state'), t(`commerce.purchaseState.${p.effective_state}`)],
    [t('commerce.purchase.product'), d.product?.name ?? t('commerce.none')],
    [t('commerce.purchase.purchased'), v.t.dateTime(p.purchased_at)],
    [
      t('commerce.purchase.expires'),
      p.expires_at ? v.t.dateTime(p.expires_at) : t('commerce.purchase.never'),
    ],
    [t('commerce.purchase.renewal'), p.renewal_terms ?? t('commerce.none')],
    [t('commerce.purchase.customer'), `${p.customer_name} <${p.customer_email}>`],
  ];
  if (p.state === 'canceled' && p.canceled_at)
    facts.push([
      t('commerce.purchase.canceled'),
      `${v.t.dateTime(p.canceled_at)}${p.cancel_reason ? ` · ${p.cancel_reason}` : ''}`,
    ]);
  return (
    <div class="stack">
      <dl class="facts">
        {facts.map(([k, val]) => (
          <>
            <dt safe>{k}</dt>
            <dd safe>{val}</dd>
          </>
        ))}
        {d.invoice ? (
          <>
            <dt safe>{t('commerce.purchase.invoice')}</dt>
            <dd>
              <ActionLink
                link={{
                  href: `/desk/invoices/${d.invoice.id}?${q}`,
                  label: `#${d.invoice.number}: ${d.invoice.title}`,
                  dialog: true,
                }}
                cls="link"
              />
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      <h3 safe>{t('commerce.history.title')}</h3>
      <History v={v} events={d.history} />
      <div class="button-row">
        {d.can.cancel ? (
          <ActionLink
            link={{
              href: `/desk/purchases/${p.id}/cancel?${q}`,
              label: t('commerce.action.cancel'),
              dialog: true,
              danger: true,
            }}
          />
        ) : (
          ''
        )}
        {d.can.reinstate ? (
          <ActionLink
            link={{
              href: `/desk/purchases/${p.id}/reinstate?${q}`,
              label: t('commerce.action.reinstate'),
              dialog: true,
            }}
          />
        ) : (
          ''
        )}
      </div>
    </div>
  );
}

export function CancelPurchaseForm(props: {
  v: View;
  d: PurchaseDetail;
  carry: Carry;
  hx: boolean;
  form?: ActionForm;
}) {
  const t = props.v.t.t;
  const reasonError = props.form?.errors.reason;
  return (
    <ActionFormTag
      v={props.v}
      action={`/desk/purchases/${props.d.purchase.id}/cancel`}
      carry={props.carry}
      hx={props.hx}
      form={props.form}
    >
      <p safe>{t('commerce.purchase.cancelConfirm', { name: props.d.purchase.name })}</p>
      <div class={reasonError ? 'field field-invalid' : 'field'}>
        <label for="f-reason" safe>
          {t('commerce.purchase.reason')}
        </label>
        <textarea id="f-reason" name="reason" maxlength={500} rows="3" data-autofocus safe>
          {props.form?.values.reason ?? ''}
        </textarea>
        {reasonError ? (
          <p class="field-error" safe>
            {t(reasonError)}
          </p>
        ) : (
          ''
        )}
      </div>
      <button type="submit" class="button button-danger" safe>
        {t('commerce.purchase.cancelSubmit')}
      </button>
    </ActionFormTag>
  );
}

/** A yes/no form: the question and one button. */
export function ConfirmForm(props: {
  v: View;
  action: string;
  question: string;
  submit: string;
  danger?: boolean;
  carry: Carry;
  hx: boolean;
  form?: ActionForm | undefined;
}) {
  return (
    <ActionFormTag v={props.v} action={props.action} carry={props.carry} hx={props.hx} form={props.form}>
      <p safe>{props.question}</p>
      <button type="submit" class={props.danger ? 'button button-danger' : 'button button-primary'} safe>
        {props.submit}
      </button>
    </ActionFormTag>
  );
}
