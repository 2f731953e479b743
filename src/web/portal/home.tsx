import type { FastifyInstance } from 'fastify';
import { sendHtml } from '../../platform/render/render.ts';
import { PortalLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';
import { routeKit, type WebDeps } from '../route-kit.ts';

function HomePage({ v }: { v: View }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('home.title')}>
      <section class="hero">
        <h1 safe>{t('home.heading', { site: v.siteName })}</h1>
        <p class="lead" safe>
          {t('home.intro')}
        </p>
        {v.user ? (
          ''
        ) : (
          <p>
            <a class="button button-primary" href="/login" safe>
              {t('nav.login')}
            </a>{' '}
            <a class="button button-plain" href="/register" safe>
              {t('nav.register')}
            </a>
          </p>
        )}
      </section>
    </PortalLayout>
  );
}

export async function homeRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { view } = routeKit(deps);
  app.get('/', async (req, reply) => sendHtml(reply, <HomePage v={await view(req, reply)} />));
}
