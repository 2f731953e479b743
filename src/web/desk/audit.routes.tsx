import type { FastifyInstance } from 'fastify';
import { listAuditTrail } from '../../modules/audit/index.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { DeskLayout } from '../ui/layouts.tsx';
import { Pager } from '../ui/Pager.tsx';
import { optionalNumber, routeKit, type WebDeps } from '../route-kit.ts';

/** The admin audit trail, newest first (admins only). */
export async function deskAuditRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);
  app.get('/desk/audit', async (req, reply) => {
    const q = req.query as { before?: string; action?: string };
    const page = await listAuditTrail(ctx(req), { beforeId: optionalNumber(q.before), action: q.action });
    const v = await view(req, reply);
    const t = v.t.t;
    return sendHtml(
      reply,
      <DeskLayout v={v} title={t('desk.audit.title')}>
        <h1 safe>{t('desk.audit.title')}</h1>
        <table class="table">
          <thead>
            <tr>
              <th safe>{t('desk.audit.when')}</th>
              <th safe>{t('desk.audit.who')}</th>
              <th safe>{t('desk.audit.what')}</th>
              <th safe>{t('desk.audit.target')}</th>
              <th safe>{t('desk.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr>
                <td safe>{v.t.dateTime(r.created_at)}</td>
                <td safe>{r.actor_name ?? t('desk.audit.system')}</td>
                <td safe>{t(`audit.${r.action}`)}</td>
                <td safe>{`${r.target_type}${r.target_id ? ` #${r.target_id}` : ''}`}</td>
                <td>
                  <code class="audit-data" safe>
                    {JSON.stringify(r.data)}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? (
          <p class="empty" safe>
            {t('desk.audit.empty')}
          </p>
        ) : (
          ''
        )}
        <Pager
          v={v}
          base="/desk/audit"
          cursorName="before"
          cursor={page.nextBeforeId}
          params={{ action: q.action }}
        />
      </DeskLayout>,
    );
  });
}
