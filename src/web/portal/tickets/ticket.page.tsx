import { ActionForm, Csrf, FormError, Submit, type FormState } from '../../ui/Form.tsx';
import { MarkdownEditor } from '../../ui/MarkdownEditor.tsx';
import { TicketLabels, type LabelModel } from '../../ui/TicketLabels.tsx';
import { PortalLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';
import {
  AttachmentList,
  AttachmentPicker,
  multipartAction,
  type UploadLimitsView,
} from '../../ui/Attachments.tsx';
import type { AttachmentItem } from '../../../modules/attachments/index.ts';

export type TimelineItem =
  | {
      type: 'message';
      id: number;
      at: string;
      iso: string;
      author: string;
      role: 'issuer' | 'staff' | 'system';
      html: string;
      internal: boolean;
      viaEmail: boolean;
      files: AttachmentItem[];
      /** Desk only: how a mailed message was routed, and where its original is. */
      mail?: { decision: string; originalUrl: string; gmailUrl: string | null };
    }
  | { type: 'change'; id: number; at: string; iso: string; text: string };

export interface TicketPageModel {
  key: string;
  path: string;
  number: number;
  subject: string;
  created: string;
  labels: LabelModel;
  timeline: TimelineItem[];
  can: { reply: boolean; resolve: boolean };
  closing: boolean;
  version: number;
  form: FormState;
  limits: UploadLimitsView;
}

function Entry({ v, item }: { v: View; item: TimelineItem }) {
  if (item.type === 'change') {
    return (
      <li class="timeline-change" id={`e${item.id}`}>
        <span safe>{item.text}</span>{' '}
        <time datetime={item.iso} safe>
          {item.at}
        </time>
      </li>
    );
  }
  const cls = `timeline-message role-${item.role}${item.internal ? ' internal' : ''}${item.viaEmail ? ' via-email' : ''}`;
  return (
    <li class={cls} id={`e${item.id}`}>
      <article aria-label={v.t.t('ticket.messageBy', { name: item.author })}>
        <header class="message-head">
          <strong safe>{item.author}</strong>
          {item.role === 'staff' ? (
            <span class="badge" safe>
              {v.t.t('ticket.role.staff')}
            </span>
          ) : (
            ''
          )}
          {item.internal ? (
            <span class="badge badge-internal" safe>
              {v.t.t('ticket.internalNote')}
            </span>
          ) : (
            ''
          )}
          <time datetime={item.iso} safe>
            {item.at}
          </time>
        </header>
        <div class="message-body">{item.html as 'safe'}</div>
        {item.files.length ? <AttachmentList v={v} items={item.files} /> : ''}
      </article>
    </li>
  );
}

export function TicketPage({ v, m }: { v: View; m: TicketPageModel }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={m.subject}>
      <nav class="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <a href="/tickets" safe>
          {t('tickets.title')}
        </a>
      </nav>
      <header class="ticket-head">
        <h1>
          <span safe>{m.subject}</span> <span class="muted ticket-number" safe>{`#${m.number}`}</span>
        </h1>
        <p>
          <TicketLabels v={v} m={m.labels} />{' '}
          <span class="muted" safe>
            {t('ticket.opened', { when: m.created })}
          </span>
        </p>
      </header>
      <ol class="timeline">
        {m.timeline.map((item) => (
          <Entry v={v} item={item} />
        ))}
      </ol>
      {m.can.reply ? (
        <section class="card" aria-labelledby="reply-heading">
          <h2 id="reply-heading" safe>
            {t('ticket.reply.title')}
          </h2>
          <FormError v={v} form={m.form} />
          {m.closing ? (
            <p class="alert alert-info" safe>
              {t('ticket.reply.reopens')}
            </p>
          ) : (
            ''
          )}
          <form
            method="post"
            action={multipartAction(v, `/tickets/${m.key}/replies`)}
            enctype="multipart/form-data"
            class="stack"
          >
            <Csrf v={v} />
            <input type="hidden" name="expectedVersion" value={String(m.version)} />
            <MarkdownEditor
              v={v}
              form={m.form}
              name="body"
              label={t('field.message')}
              draftKey={`reply-${m.key}`}
              maxlength={100000}
            />
            <AttachmentPicker v={v} uploaded={m.form.uploads} limits={m.limits} error={m.form.errors.files} />
            <Submit label={t('ticket.reply.submit')} />
          </form>
        </section>
      ) : (
        <section class="card">
          <p class="alert alert-info locked-notice" role="status" safe>
            {t('ticket.lockedNotice')}
          </p>
          <FormError v={v} form={m.form} />
          {m.form.values.body ? (
            <div class="field">
              <label for="f-unsent" safe>
                {t('ticket.reply.unsent')}
              </label>
              <textarea id="f-unsent" readonly rows="6" safe>
                {m.form.values.body}
              </textarea>
            </div>
          ) : (
            ''
          )}
        </section>
      )}
      {m.can.resolve ? (
        <ActionForm
          v={v}
          action={`/tickets/${m.key}/resolve`}
          label={t('ticket.resolve')}
          confirm={t('ticket.resolveConfirm')}
        />
      ) : (
        ''
      )}
    </PortalLayout>
  );
}
