import type { getInboundMail } from '../../modules/inbound/index.ts';
import { ActionForm } from '../ui/Form.tsx';
import { DeskLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';

type Mail = NonNullable<Awaited<ReturnType<typeof getInboundMail>>>;

/** The routing decision of a mail as a sentence in the viewer's language. */
export function decisionText(
  v: View,
  row: { decision: string | null; decision_detail: string | null },
): string {
  const values = row.decision_detail ? (JSON.parse(row.decision_detail) as Record<string, string>) : {};
  return v.t.t(`inbound.decision.${row.decision ?? 'pending'}`, values);
}

function Facts({ v, mail }: { v: View; mail: Mail }) {
  const t = v.t.t;
  return (
    <dl class="facts">
      <dt safe>{t('desk.inbound.from')}</dt>
      <dd safe>{mail.from_address ?? '?'}</dd>
      <dt safe>{t('desk.inbound.received')}</dt>
      <dd safe>{v.t.dateTime(mail.received_at)}</dd>
      <dt>Message-ID</dt>
      <dd>
        <code safe>{mail.message_id}</code>
      </dd>
      <dt safe>{t('desk.inbound.class')}</dt>
      <dd safe>{t(mail.mail_class ? `inbound.class.${mail.mail_class}` : 'inbound.decision.pending')}</dd>
      <dt safe>{t('desk.inbound.status')}</dt>
      <dd safe>{t(`inbound.status.${mail.status}`)}</dd>
      <dt safe>{t('desk.inbound.decision')}</dt>
      <dd safe>{decisionText(v, mail)}</dd>
      <dt safe>{t('desk.inbound.attempts')}</dt>
      <dd safe>{String(mail.attempts)}</dd>
      {mail.error ? (
        <>
          <dt safe>{t('desk.inbound.error')}</dt>
          <dd safe>{mail.error}</dd>
        </>
      ) : (
        ''
      )}
    </dl>
  );
}

function Actions({ v, mail }: { v: View; mail: Mail }) {
  const t = v.t.t;
  const retry = mail.status === 'failed' || mail.status === 'held';
  return (
    <p class="actions">
      {retry ? (
        <ActionForm
          v={v}
          action={`/desk/inbound/${mail.id}/retry`}
          label={t('desk.inbound.retry')}
          variant="primary"
        />
      ) : (
        ''
      )}
      {retry && mail.from_address ? (
        <ActionForm
          v={v}
          action={`/desk/inbound/${mail.id}/open`}
          label={t('desk.inbound.openAsNew')}
          variant="plain"
        />
      ) : (
        ''
      )}
      <a href={`/desk/inbound/${mail.id}/raw`} safe>
        {t('desk.inbound.raw')}
      </a>
      {mail.badge.gmailUrl ? (
        <a href={mail.badge.gmailUrl} target="_blank" rel="noopener" safe>
          {t('desk.inbound.inGmail')}
        </a>
      ) : (
        ''
      )}
    </p>
  );
}

/** One received mail: what it is, how it was routed, and the full original (quotes and all). */
export function InboundMailPage({ v, mail }: { v: View; mail: Mail }) {
  const t = v.t.t;
  const title = mail.subject || t('desk.inbound.noSubject');
  return (
    <DeskLayout v={v} title={title}>
      <h1 safe>{title}</h1>
      <Facts v={v} mail={mail} />
      {mail.ticketNumber ? (
        <p>
          <a href={`/desk/tickets/${mail.ticketNumber}`} safe>
            {`${t('desk.inbound.ticket')} #${mail.ticketNumber}`}
          </a>
        </p>
      ) : (
        ''
      )}
      <Actions v={v} mail={mail} />
      <h2 safe>{t('desk.inbound.original')}</h2>
      <h3 safe>{t('desk.inbound.text')}</h3>
      <pre class="mail-body" safe>
        {mail.text_full ?? ''}
      </pre>
      {mail.html_full ? (
        <>
          <h3 safe>{t('desk.inbound.html')}</h3>
          <div class="message-body">{mail.html_full as 'safe'}</div>
        </>
      ) : (
        ''
      )}
    </DeskLayout>
  );
}
