import type { FastifyInstance } from 'fastify';
import { getOutboxMail, listOutbox, retryOutboxMail } from '../../modules/mail/index.ts';
import { AppError } from '../../platform/errors.ts';
import { redirectWithFlash } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { ActionForm } from '../ui/Form.tsx';
import { DeskLayout } from '../ui/layouts.tsx';
import { Pager } from '../ui/Pager.tsx';
import { numericParam, optionalNumber, routeKit, type WebDeps } from '../route-kit.ts';

/** The mail outbox (permission `settings`): what Parley sent or still holds, readable without SMTP. */
export async function deskOutboxRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/outbox', async (req, reply) => {
    const q = req.query as { before?: string; status?: string };
    const page = await listOutbox(ctx(req), { beforeId: optionalNumber(q.before), status: q.status });
    const v = await view(req, reply);
    const t = v.t.t;
    return sendHtml(
      reply,
      <DeskLayout v={v} title={t('desk.outbox.title')}>
        <h1 safe>{t('desk.outbox.title')}</h1>
        {deps.config.smtpUrl ? (
          ''
        ) : (
          <p class="alert alert-info" safe>
            {t('desk.outbox.noSmtp')}
          </p>
        )}
        <p class="outbox-filter">
          {['', 'queued', 'sending', 'sent', 'failed'].map((status) => (
            <>
              <a
                href={status ? `/desk/outbox?status=${status}` : '/desk/outbox'}
                aria-current={(q.status ?? '') === status ? 'page' : undefined}
                safe
              >
                {status ? t(`outbox.status.${status}`) : t('desk.outbox.all')}
              </a>{' '}
            </>
          ))}
        </p>
        <table class="table">
          <thead>
            <tr>
              <th safe>{t('desk.outbox.to')}</th>
              <th safe>{t('desk.outbox.subject')}</th>
              <th safe>{t('desk.outbox.status')}</th>
              <th safe>{t('common.created')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((m) => (
              <tr>
                <td safe>{m.to_address}</td>
                <td>
                  <a href={`/desk/outbox/${m.id}`} safe>
                    {m.subject}
                  </a>
                </td>
                <td>
                  <span class={`badge badge-${m.status}`} safe>
                    {t(`outbox.status.${m.status}`)}
                  </span>
                </td>
                <td safe>{v.t.dateTime(m.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? (
          <p class="empty" safe>
            {t('desk.outbox.empty')}
          </p>
        ) : (
          ''
        )}
        <Pager
          v={v}
          base="/desk/outbox"
          cursorName="before"
          cursor={page.nextBeforeId}
          params={{ status: q.status }}
        />
      </DeskLayout>,
    );
  });

  app.get('/desk/outbox/:id', async (req, reply) => {
    const mail = await getOutboxMail(ctx(req), numericParam((req.params as { id: string }).id));
    if (!mail) throw new AppError('NOT_FOUND');
    const v = await view(req, reply);
    const t = v.t.t;
    return sendHtml(
      reply,
      <DeskLayout v={v} title={mail.subject}>
        <h1 safe>{mail.subject}</h1>
        <dl class="facts">
          <dt safe>{t('desk.outbox.to')}</dt>
          <dd safe>{mail.to_name ? `${mail.to_name} <${mail.to_address}>` : mail.to_address}</dd>
          <dt safe>{t('desk.outbox.status')}</dt>
          <dd safe>{t(`outbox.status.${mail.status}`)}</dd>
          <dt safe>{t('desk.outbox.attempts')}</dt>
          <dd safe>{String(mail.attempts)}</dd>
          {mail.message_id ? (
            <>
              <dt>Message-ID</dt>
              <dd>
                <code safe>{mail.message_id}</code>
              </dd>
            </>
          ) : (
            ''
          )}
          {mail.in_reply_to ? (
            <>
              <dt>In-Reply-To</dt>
              <dd>
                <code safe>{mail.in_reply_to}</code>
              </dd>
            </>
          ) : (
            ''
          )}
          {mail.last_error ? (
            <>
              <dt safe>{t('desk.outbox.lastError')}</dt>
              <dd safe>{mail.last_error}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
        <pre class="mail-body" safe>
          {mail.text_body}
        </pre>
        {mail.status === 'failed' ? (
          <ActionForm
            v={v}
            action={`/desk/outbox/${mail.id}/retry`}
            label={t('desk.outbox.retry')}
            variant="primary"
          />
        ) : (
          ''
        )}
      </DeskLayout>,
    );
  });

  app.post('/desk/outbox/:id/retry', async (req, reply) => {
    const id = numericParam((req.params as { id: string }).id);
    await retryOutboxMail(ctx(req), id);
    deps.pokeWorker();
    return redirectWithFlash(reply, `/desk/outbox/${id}`, { kind: 'success', key: 'flash.mailRequeued' });
  });
}
