import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { labelColors, type LabelColors } from '../../modules/taxonomy/index.ts';
import type { WebDeps } from '../route-kit.ts';

const HEX = /^#[0-9a-fA-F]{6}$/;
const color = (c: string, fallback: string) => (HEX.test(c) ? c : fallback);

/** The class a priority label carries: priority-m2 … priority-2. */
export function priorityClass(value: number): string {
  return `priority-${value < 0 ? `m${-value}` : value}`;
}

function variables(selector: string, c: LabelColors): string {
  return (
    `${selector}{--label-light-bg:${color(c.light.background, '#cccccc')};` +
    `--label-light-fg:${color(c.light.text, '#000000')};` +
    `--label-dark-bg:${color(c.dark.background, '#333333')};` +
    `--label-dark-fg:${color(c.dark.text, '#ffffff')}}`
  );
}

/**
 * The stylesheet: each label class holds its four colours as custom properties; the scheme picks a
 * pair. Scheme selectors sit in :where() so a preview box (`.label-scheme-light|dark`) can force
 * either scheme, and a script may override the custom properties for a live preview.
 */
export function labelsCss(colors: Awaited<ReturnType<typeof labelColors>>): string {
  const rules = [
    // Defaults for a label of a status not saved yet (the "new status" preview).
    '.label-preview{--label-light-bg:#cccccc;--label-light-fg:#000000;--label-dark-bg:#333333;--label-dark-fg:#ffffff}',
    ...colors.statuses.map((s) => variables(`.status-${s.id}`, s.colors)),
    ...colors.priorities.map((p) => variables(`.${priorityClass(p.value)}`, p.colors)),
  ];
  const all = `:is(${[
    '.label-preview',
    ...colors.statuses.map((s) => `.status-${s.id}`),
    ...colors.priorities.map((p) => `.${priorityClass(p.value)}`),
  ].join(',')})`;
  const light = '--label-bg:var(--label-light-bg);--label-fg:var(--label-light-fg)';
  const dark = '--label-bg:var(--label-dark-bg);--label-fg:var(--label-dark-fg)';
  return [
    ...rules,
    `${all}{${light};background:var(--label-bg);color:var(--label-fg)}`,
    `@media (prefers-color-scheme: dark){:where(:root:not([data-theme='light'])) ${all}{${dark}}}`,
    `:where(:root[data-theme='dark']) ${all}{${dark}}`,
    `.label-scheme-light .label{${light}}`,
    `.label-scheme-dark .label{${dark}}`,
    '',
  ].join('\n');
}

/**
 * Status and priority label colours as a stylesheet generated from the database (a strict CSP
 * forbids inline styles). Revalidated on every use with its ETag, so a colour change shows at once
 * and an unchanged sheet costs a 304.
 */
export async function labelsCssRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  app.get('/styles/labels.css', async (req, reply) => {
    const css = labelsCss(await labelColors({ db: deps.database.db }));
    const etag = `"${createHash('sha1').update(css).digest('base64url')}"`;
    reply.header('cache-control', 'public, no-cache').header('etag', etag).type('text/css; charset=utf-8');
    const ifNoneMatch = req.headers['if-none-match'] ?? '';
    if (ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
      return reply.code(304).send();
    return css;
  });
}
