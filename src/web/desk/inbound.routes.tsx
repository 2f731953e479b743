import type { FastifyInstance } from 'fastify';
import {
  INBOUND_TABS,
  getInboundMail,
  getInboundRaw,
  listInboundMails,
  retryInboundMail,
  type InboundTab,
} from '../../modules/inbound/index.ts';
import { AppError } from '../../platform/errors.ts';
import { redirectWithFlash } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { DeskLayout } from '../ui/layouts.tsx';
import { Pager } from '../ui/Pager.tsx';
import type { View } from '../ui/view.ts';
import { numericParam, optionalNumber, routeKit, type WebDeps } from '../route-kit.ts';
import { InboundMailPage, decisionText } from './inbound-mail.page.tsx';

type Row = Awaited<ReturnType<typeof listInboundMails>>['rows'][number];

function InboundTable({ v, rows }: { v: View; rows: Row[] }) {
  const t = v.t.t;
  return (
    <table class="table">
      <thead>
        <tr>
          <th safe>{t('desk.inbound.received')}</th>
          <th safe>{t('desk.inbound.from')}</th>
          <th safe>{t('desk.inbound.subject')}</th>
          <th safe>{t('desk.inbound.status')}</th>
          <th safe>{t('desk.inbound.decision')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr>
            <td safe>{v.t.dateTime(m.received_at)}</td>
            <td safe>{m.from_address ?? '?'}</td>
            <td>
              <a href={`/desk/inbound/${m.id}`} safe>
                {m.subject || t('desk.inbound.noSubject')}
              </a>
            </td>
            <td>
              <span class={`badge badge-${m.status}`} safe>
                {t(`inbound.status.${m.status}`)}
              </span>
            </td>
            <td safe>{m.error ?? decisionText(v, m)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The desk's Inbound page (staff with `tickets`): failed and held mails with retry, and every mail's original. */
export async function deskInboundRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/inbound', async (req, reply) => {
    const q = req.query as { tab?: string; before?: string };
    const tab: InboundTab = q.tab && q.tab in INBOUND_TABS ? (q.tab as InboundTab) : 'problems';
    const page = await listInboundMails(ctx(req), { tab, beforeId: optionalNumber(q.before) });
    const v = await view(req, reply);
    const t = v.t.t;
    return sendHtml(
      reply,
      <DeskLayout v={v} title={t('desk.inbound.title')}>
        <h1 safe>{t('desk.inbound.title')}</h1>
        <nav class="outbox-filter" aria-label={t('desk.inbound.status')}>
          {(Object.keys(INBOUND_TABS) as InboundTab[]).map((name) => (
            <>
              <a href={`/desk/inbound?tab=${name}`} aria-current={tab === name ? 'page' : undefined} safe>
                {t(`desk.inbound.tab.${name}`)}
              </a>{' '}
            </>
          ))}
        </nav>
        {v.user?.isAdmin ? (
          <p>
            <a href="/desk/settings/inbound" safe>
              {t('desk.inbound.settingsLink')}
            </a>
          </p>
        ) : (
          ''
        )}
        <InboundTable v={v} rows={page.rows} />
        {page.rows.length === 0 ? (
          <p class="empty" safe>
            {t('desk.inbound.empty')}
          </p>
        ) : (
          ''
        )}
        <Pager v={v} base="/desk/inbound" cursorName="before" cursor={page.nextBeforeId} params={{ tab }} />
      </DeskLayout>,
    );
  });

  app.get('/desk/inbound/:id', async (req, reply) => {
    const mail = await getInboundMail(ctx(req), numericParam((req.params as { id: string }).id));
    if (!mail) throw new AppError('NOT_FOUND');
    const v = await view(req, reply);
    return sendHtml(reply, <InboundMailPage v={v} mail={mail} />);
  });

  app.get('/desk/inbound/:id/raw', async (req, reply) => {
    const id = numericParam((req.params as { id: string }).id);
    const raw = await getInboundRaw(ctx(req), id);
    if (!raw) throw new AppError('NOT_FOUND');
    return reply
      .header('content-type', 'message/rfc822')
      .header('content-disposition', `attachment; filename="mail-${id}.eml"`)
      .header('x-content-type-options', 'nosniff')
      .send(raw);
  });

  for (const [action, mode] of [
    ['retry', 'retry'],
    ['open', 'new'],
  ] as const) {
    app.post(`/desk/inbound/:id/${action}`, async (req, reply) => {
      const id = numericParam((req.params as { id: string }).id);
      const ok = await retryInboundMail(ctx(req), id, mode);
      deps.pokeWorker();
      const key = ok ? 'flash.inbound.requeued' : 'flash.inbound.notRequeued';
      return redirectWithFlash(reply, `/desk/inbound/${id}`, { kind: ok ? 'success' : 'error', key });
    });
  }
}
