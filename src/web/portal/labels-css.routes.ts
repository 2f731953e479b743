import type { FastifyInstance } from 'fastify';
import { loadLabels } from '../../modules/taxonomy/index.ts';
import { createHash } from 'node:crypto';
import type { WebDeps } from '../route-kit.ts';

const HEX = /^#[0-9a-fA-F]{6}$/;
const color = (c: string, fallback: string) => (HEX.test(c) ? c : fallback);

/**
 * Status label colours as a stylesheet (a strict CSP forbids inline styles): light scheme by
 * default, dark when the OS asks and the user did not choose light, or when the user chose dark.
 */
export async function labelsCssRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  app.get('/styles/labels.css', async (req, reply) => {
    const labels = await loadLabels({ db: deps.database.db }, 'en');
    const light: string[] = [];
    const dark: string[] = [];
    for (const s of labels.statuses.values()) {
      light.push(
        `.status-${s.id}{background:${color(s.colors.lightBg, '#cccccc')};color:${color(s.colors.lightFg, '#000000')}}`,
      );
      dark.push(
        `.status-${s.id}{background:${color(s.colors.darkBg, '#333333')};color:${color(s.colors.darkFg, '#ffffff')}}`,
      );
    }
    const css = [
      light.join('\n'),
      `@media (prefers-color-scheme: dark){:root:not([data-theme='light']) ${dark.join(`\n:root:not([data-theme='light']) `)}}`,
      `:root[data-theme='dark'] ${dark.join(`\n:root[data-theme='dark'] `)}`,
    ].join('\n');
    const etag = `"${createHash('sha1').update(css).digest('base64url')}"`;
    reply.header('cache-control', 'public, max-age=60').header('etag', etag).type('text/css; charset=utf-8');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return css;
  });
}
