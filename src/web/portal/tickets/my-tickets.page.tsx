import { Csrf, Field, FormError, Submit, type FormState } from '../../ui/Form.tsx';
import { TicketLabels, type LabelModel } from '../../ui/TicketLabels.tsx';
import { PortalLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';

export interface MyTicketRow {
  path: string;
  number: number;
  subject: string;
  labels: LabelModel;
  lastActivity: string;
  lastActivityIso: string;
  unread: boolean;
}

export interface MyTicketsModel {
  tab: 'open' | 'closed';
  rows: MyTicketRow[];
  next?: string | undefined;
}

export function MyTicketsPage({ v, m }: { v: View; m: MyTicketsModel }) {
  const t = v.t.t;
  const tab = (name: 'open' | 'closed') => (
    <a
      href={name === 'open' ? '/tickets' : '/tickets?tab=closed'}
      class="tab"
      aria-current={m.tab === name ? 'page' : undefined}
      safe
    >
      {t(`tickets.tab.${name}`)}
    </a>
  );
  return (
    <PortalLayout v={v} title={t('tickets.title')}>
      <div class="page-head">
        <h1 safe>{t('tickets.title')}</h1>
        <a class="button button-primary" href="/tickets/new" safe>
          {t('ticket.new.title')}
        </a>
      </div>
      <nav class="tabs" aria-label={t('tickets.tabs')}>
        {tab('open')}
        {tab('closed')}
      </nav>
      {m.rows.length === 0 ? (
        <p class="empty" safe>
          {t(`tickets.empty.${m.tab}`)}
        </p>
      ) : (
        <ul class="ticket-list">
          {m.rows.map((r) => (
            <li class={r.unread ? 'ticket-row unread' : 'ticket-row'}>
              <a href={r.path}>
                {r.unread ? (
                  <span class="unread-dot" title={t('tickets.unread')}>
                    <span class="visually-hidden" safe>
                      {t('tickets.unread')}
                    </span>
                  </span>
                ) : (
                  ''
                )}
                <span class="ticket-subject" safe>
                  {r.subject}
                </span>
                <span class="muted" safe>{`#${r.number}`}</span>
              </a>
              <TicketLabels v={v} m={r.labels} />
              <time class="muted" datetime={r.lastActivityIso} safe>
                {r.lastActivity}
              </time>
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label={t('pager.label')}>
        {m.next ? (
          <a href={`/tickets?tab=${m.tab}&before=${m.next}`} rel="next" safe>
            {t('pager.older')}
          </a>
        ) : (
          ''
        )}
      </nav>
    </PortalLayout>
  );
}

/** For visitors who are not logged in: log in, or get their guest ticket links by mail. */
export function FindTicketsPage({ v, form, sent }: { v: View; form: FormState; sent: boolean }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('tickets.find.title')}>
      <section class="card narrow">
        <h1 safe>{t('tickets.find.title')}</h1>
        <p>
          <a href="/login?next=%2Ftickets" safe>
            {t('tickets.find.login')}
          </a>
        </p>
        {sent ? (
          <p class="alert alert-success" role="status" safe>
            {t('tickets.find.sent')}
          </p>
        ) : (
          ''
        )}
        <p safe>{t('tickets.find.intro')}</p>
        <FormError v={v} form={form} />
        <form method="post" action="/tickets/find" class="stack">
          <Csrf v={v} />
          <Field
            v={v}
            form={form}
            name="email"
            type="email"
            label={t('field.email')}
            autocomplete="email"
            required
          />
          <Submit label={t('tickets.find.submit')} />
        </form>
      </section>
    </PortalLayout>
  );
}
