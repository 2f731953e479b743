import { ActionForm, Csrf } from '../../ui/Form.tsx';
import { TicketLabels, type LabelModel } from '../../ui/TicketLabels.tsx';
import { DeskLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';
import { AttachmentList } from '../../ui/Attachments.tsx';
import type { TimelineItem } from '../../portal/tickets/ticket.page.tsx';
import { ReplyForm, type ReplyFormModel } from './reply-form.tsx';

export interface DeskTicketModel {
  number: number;
  subject: string;
  labels: LabelModel;
  assignee: string | null;
  issuer: { name: string; email: string; href: string; deleted: boolean };
  created: string;
  customerUrl: string;
  timeline: TimelineItem[];
  order: 'asc' | 'desc';
  others: { number: number; subject: string; labels: LabelModel; created: string }[];
  othersHref: string;
  reply: ReplyFormModel;
  /** Extra panels from other modules (commerce), already rendered. */
  panels: string[];
}

/** How a mailed message was routed, with links to the original mail. */
function MailBadge({
  v,
  mail,
}: {
  v: View;
  mail: NonNullable<Extract<TimelineItem, { type: 'message' }>['mail']>;
}) {
  return (
    <p class="message-via muted">
      <span safe>{mail.decision}</span> ·{' '}
      <a href={mail.originalUrl} safe>
        {v.t.t('desk.inbound.original')}
      </a>
      {mail.gmailUrl ? (
        <>
          {' '}
          ·{' '}
          <a href={mail.gmailUrl} target="_blank" rel="noopener noreferrer" safe>
            {v.t.t('desk.inbound.inGmail')}
          </a>
        </>
      ) : (
        ''
      )}
    </p>
  );
}

function Timeline({ v, items }: { v: View; items: TimelineItem[] }) {
  const t = v.t.t;
  return (
    <ol class="timeline">
      {items.map((item) =>
        item.type === 'change' ? (
          <li class="timeline-change" id={`e${item.id}`}>
            <span safe>{item.text}</span>{' '}
            <time datetime={item.iso} safe>
              {item.at}
            </time>
          </li>
        ) : (
          <li
            class={`timeline-message role-${item.role}${item.internal ? ' internal' : ''}${item.viaEmail ? ' via-email' : ''}`}
            id={`e${item.id}`}
          >
            <article
              aria-label={t(item.internal ? 'desk.ticket.noteBy' : 'ticket.messageBy', { name: item.author })}
            >
              <header class="message-head">
                <strong safe>{item.author}</strong>
                <span class="badge" safe>
                  {t(`desk.role.${item.role}`)}
                </span>
                {item.internal ? (
                  <span class="badge badge-internal" safe>
                    {t('ticket.internalNote')}
                  </span>
                ) : (
                  ''
                )}
                <time datetime={item.iso} safe>
                  {item.at}
                </time>
              </header>
              {item.mail ? <MailBadge v={v} mail={item.mail} /> : ''}
              <div class="message-body">{item.html as 'safe'}</div>
              {item.files.length ? <AttachmentList v={v} items={item.files} /> : ''}
            </article>
          </li>
        ),
      )}
    </ol>
  );
}

function Sidebar({ v, m }: { v: View; m: DeskTicketModel }) {
  const t = v.t.t;
  return (
    <aside class="ticket-side">
      <section class="card">
        <h2 safe>{t('desk.ticket.customer')}</h2>
        <p>
          <a href={m.issuer.href} safe>
            {m.issuer.name}
          </a>
          <br />
          <a href={`mailto:${m.issuer.email}`} class="muted" safe>
            {m.issuer.email}
          </a>
        </p>
        {m.issuer.deleted ? (
          <p class="muted" safe>
            {t('desk.ticket.issuerDeleted')}
          </p>
        ) : (
          ''
        )}
        <p>
          <a href={m.customerUrl} target="_blank" rel="noopener" safe>
            {t('desk.ticket.customerView')}
          </a>
        </p>
        <ActionForm
          v={v}
          action={`/desk/tickets/${m.number}/renew-link`}
          label={t('desk.ticket.renewLink')}
          confirm={t('desk.ticket.renewLinkConfirm')}
        />
        <p class="field-hint" safe>
          {t('desk.ticket.renewLinkHint')}
        </p>
      </section>
      <section class="card">
        <h2 safe>{t('desk.ticket.others')}</h2>
        {m.others.length === 0 ? (
          <p class="muted" safe>
            {t('desk.ticket.noOthers')}
          </p>
        ) : (
          <ul class="plain-list">
            {m.others.map((o) => (
              <li>
                <a href={`/desk/tickets/${o.number}`} safe>
                  {o.subject}
                </a>{' '}
                <span class="muted" safe>{`#${o.number} · ${o.created}`}</span>
                <div>
                  <TicketLabels v={v} m={o.labels} />
                </div>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={m.othersHref} safe>
            {t('desk.ticket.showAll')}
          </a>
        </p>
      </section>
      {m.panels.map((p) => p as 'safe')}
    </aside>
  );
}

export function DeskTicketPage({ v, m }: { v: View; m: DeskTicketModel }) {
  const t = v.t.t;
  const form = <ReplyForm v={v} m={m.reply} />;
  return (
    <DeskLayout v={v} title={`#${m.number} ${m.subject}`}>
      <nav class="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <a href="/desk/tickets" safe>
          {t('queue.title')}
        </a>
      </nav>
      <header class="ticket-head">
        <h1>
          <span class="muted ticket-number" safe>{`#${m.number}`}</span> <span safe>{m.subject}</span>
        </h1>
        <p>
          <TicketLabels v={v} m={m.labels} />{' '}
          <span class="muted" safe>
            {t('desk.ticket.meta', { created: m.created, name: m.issuer.name })}
          </span>
          {m.assignee ? (
            <span class="muted" safe>{` · ${t('desk.ticket.assignedTo', { name: m.assignee })}`}</span>
          ) : (
            ''
          )}
        </p>
        <form method="post" action="/desk/preferences/timeline-order" class="inline-form">
          <Csrf v={v} />
          <input type="hidden" name="order" value={m.order === 'asc' ? 'desc' : 'asc'} />
          <input type="hidden" name="back" value={`/desk/tickets/${m.number}`} />
          <button type="submit" class="button button-small button-plain" safe>
            {t(m.order === 'asc' ? 'desk.ticket.newestFirst' : 'desk.ticket.oldestFirst')}
          </button>
        </form>
      </header>
      <div class="ticket-layout">
        <div class="ticket-main">
          {m.order === 'desc' ? form : ''}
          <Timeline v={v} items={m.order === 'desc' ? [...m.timeline].reverse() : m.timeline} />
          {m.order === 'asc' ? form : ''}
        </div>
        <Sidebar v={v} m={m} />
      </div>
    </DeskLayout>
  );
}
