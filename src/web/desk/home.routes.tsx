import type { FastifyInstance } from 'fastify';
import { sendHtml } from '../../platform/render/render.ts';
import { DeskLayout } from '../ui/layouts.tsx';
import { routeKit, type WebDeps } from '../route-kit.ts';

export async function deskHomeRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { view } = routeKit(deps);
  app.get('/desk', async (req, reply) => {
    const v = await view(req, reply);
    const t = v.t.t;
    return sendHtml(
      reply,
      <DeskLayout v={v} title={t('desk.home.title')}>
        <h1 safe>{t('desk.home.title')}</h1>
        <p class="lead" safe>
          {t('desk.home.welcome', { name: v.user?.name ?? '' })}
        </p>
        <div class="grid-3">
          {v.user?.can('users') ? (
            <a class="card card-link" href="/desk/users">
              <h2 safe>{t('desk.nav.users')}</h2>
              <p safe>{t('desk.home.usersHint')}</p>
            </a>
          ) : (
            ''
          )}
          {v.user?.can('settings') ? (
            <a class="card card-link" href="/desk/settings">
              <h2 safe>{t('desk.nav.settings')}</h2>
              <p safe>{t('desk.home.settingsHint')}</p>
            </a>
          ) : (
            ''
          )}
          {v.user?.can('settings') ? (
            <a class="card card-link" href="/desk/outbox">
              <h2 safe>{t('desk.nav.outbox')}</h2>
              <p safe>{t('desk.home.outboxHint')}</p>
            </a>
          ) : (
            ''
          )}
        </div>
      </DeskLayout>,
    );
  });
}
