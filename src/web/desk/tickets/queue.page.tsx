import { TicketLabels, type LabelModel } from '../../ui/TicketLabels.tsx';
import { DeskLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';

export interface QueueRowModel {
  number: number;
  subject: string;
  issuer: string;
  customerHref: string;
  labels: LabelModel;
  assignee: string;
  lastActivity: string;
  lastActivityIso: string;
  lastActivityBy: string;
  messages: number;
  unread: boolean;
}

export interface Option {
  value: string;
  label: string;
}

export interface QueueModel {
  tab: string;
  tabs: { key: string; href: string }[];
  query: Record<string, string | string[]>;
  statuses: Option[];
  categories: Option[];
  priorities: Option[];
  assignees: Option[];
  rows: QueueRowModel[];
  nextHref?: string | undefined;
  firstHref: string;
}

function Select({
  v,
  name,
  label,
  options,
  value,
  any,
}: {
  v: View;
  name: string;
  label: string;
  options: Option[];
  value: string;
  any?: boolean;
}) {
  return (
    <div class="field">
      <label for={`q-${name}`} safe>
        {label}
      </label>
      <select id={`q-${name}`} name={name}>
        {any === false ? (
          ''
        ) : (
          <option value="" safe>
            {v.t.t('queue.any')}
          </option>
        )}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({ v, m }: { v: View; m: QueueModel }) {
  const t = v.t.t;
  const q = (k: string) => (typeof m.query[k] === 'string' ? (m.query[k] as string) : '');
  const chosen = new Set(([] as string[]).concat(m.query.status ?? []));
  return (
    <form method="get" action="/desk/tickets" class="queue-filters" role="search">
      <input type="hidden" name="tab" value={m.tab} />
      <div class="field">
        <label for="q-q" safe>
          {t('queue.text')}
        </label>
        <input id="q-q" name="q" type="search" value={q('q')} placeholder={t('queue.textHint')} />
      </div>
      <div class="field">
        <label for="q-issuer" safe>
          {t('queue.issuer')}
        </label>
        <input
          id="q-issuer"
          name="issuer"
          type="search"
          value={q('issuer')}
          placeholder={t('queue.issuerHint')}
        />
      </div>
      <Select
        v={v}
        name="category"
        label={t('field.category')}
        options={m.categories}
        value={q('category')}
      />
      <Select
        v={v}
        name="priority"
        label={t('queue.priority')}
        options={m.priorities}
        value={q('priority')}
      />
      <Select v={v} name="assignee" label={t('queue.assignee')} options={m.assignees} value={q('assignee')} />
      <fieldset class="field status-choices">
        <legend safe>{t('queue.status')}</legend>
        {m.statuses.map((s) => (
          <label class="choice">
            <input type="checkbox" name="status" value={s.value} checked={chosen.has(s.value)} />{' '}
            <span safe>{s.label}</span>
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="q-createdFrom" safe>
          {t('queue.createdFrom')}
        </label>
        <input id="q-createdFrom" name="createdFrom" type="date" value={q('createdFrom')} />
      </div>
      <div class="field">
        <label for="q-createdTo" safe>
          {t('queue.createdTo')}
        </label>
        <input id="q-createdTo" name="createdTo" type="date" value={q('createdTo')} />
      </div>
      <div class="field">
        <label for="q-activityFrom" safe>
          {t('queue.activityFrom')}
        </label>
        <input id="q-activityFrom" name="activityFrom" type="date" value={q('activityFrom')} />
      </div>
      <div class="field">
        <label for="q-activityTo" safe>
          {t('queue.activityTo')}
        </label>
        <input id="q-activityTo" name="activityTo" type="date" value={q('activityTo')} />
      </div>
      <Select
        v={v}
        name="sort"
        label={t('queue.sort')}
        any={false}
        value={q('sort') || 'activity'}
        options={['activity', 'created', 'priority', 'number'].map((s) => ({
          value: s,
          label: t(`queue.sort.${s}`),
        }))}
      />
      <Select
        v={v}
        name="dir"
        label={t('queue.dir')}
        any={false}
        value={q('dir') || 'desc'}
        options={[
          { value: 'desc', label: t('queue.dir.desc') },
          { value: 'asc', label: t('queue.dir.asc') },
        ]}
      />
      <div class="filter-actions">
        <button type="submit" class="button button-primary" safe>
          {t('queue.apply')}
        </button>
        <a class="button button-plain" href={`/desk/tickets?tab=${m.tab}`} safe>
          {t('queue.clear')}
        </a>
      </div>
    </form>
  );
}

export function QueuePage({ v, m }: { v: View; m: QueueModel }) {
  const t = v.t.t;
  return (
    <DeskLayout v={v} title={t('queue.title')}>
      <div class="page-head">
        <h1 safe>{t('queue.title')}</h1>
      </div>
      <nav class="tabs" aria-label={t('queue.tabs')}>
        {m.tabs.map((tab) => (
          <a class="tab" href={tab.href} aria-current={tab.key === m.tab ? 'page' : undefined} safe>
            {t(`queue.tab.${tab.key}`)}
          </a>
        ))}
      </nav>
      <details class="filters-panel" open={Object.keys(m.query).some((k) => !['tab', 'cursor'].includes(k))}>
        <summary safe>{t('queue.filters')}</summary>
        <Filters v={v} m={m} />
      </details>
      <table class="table queue">
        <thead>
          <tr>
            <th safe>{t('queue.col.ticket')}</th>
            <th safe>{t('queue.col.labels')}</th>
            <th safe>{t('queue.assignee')}</th>
            <th safe>{t('queue.col.activity')}</th>
            <th safe>{t('queue.col.messages')}</th>
          </tr>
        </thead>
        <tbody>
          {m.rows.map((r) => (
            <tr class={r.unread ? 'unread' : ''}>
              <td>
                {r.unread ? (
                  <span class="unread-dot" title={t('tickets.unread')}>
                    <span class="visually-hidden" safe>
                      {t('tickets.unread')}
                    </span>
                  </span>
                ) : (
                  ''
                )}
                <a class="queue-subject" href={`/desk/tickets/${r.number}`} safe>
                  {r.subject}
                </a>{' '}
                <span class="muted" safe>{`#${r.number}`}</span>
                <div class="muted small">
                  <a href={r.customerHref} safe>
                    {r.issuer}
                  </a>
                </div>
              </td>
              <td>
                <TicketLabels v={v} m={r.labels} />
              </td>
              <td safe>{r.assignee}</td>
              <td>
                <time datetime={r.lastActivityIso} safe>
                  {r.lastActivity}
                </time>
                <div class="muted small" safe>
                  {r.lastActivityBy}
                </div>
              </td>
              <td class="num" safe>
                {String(r.messages)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {m.rows.length === 0 ? (
        <p class="empty" safe>
          {t('queue.empty')}
        </p>
      ) : (
        ''
      )}
      <nav class="pager" aria-label={t('pager.label')}>
        <a href={m.firstHref} safe>
          {t('pager.first')}
        </a>
        {m.nextHref ? (
          <a href={m.nextHref} rel="next" safe>
            {t('pager.next')}
          </a>
        ) : (
          ''
        )}
      </nav>
    </DeskLayout>
  );
}
