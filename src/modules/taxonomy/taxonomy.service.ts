import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { getSiteSettings } from '../settings/index.ts';
import { colorsOf, type LabelColors } from './label-colors.ts';
import { listPriorityRows } from './priority.repo.ts';
import { resolveText, textsFrom } from './translations.ts';
import {
  findCategoryRow,
  findStatusIdByCode,
  listCategoryRows,
  listCategoryTranslationRows,
  listPriorityTranslationRows,
  listStatusRows,
  listStatusTranslationRows,
  readTaxonomyStamp,
} from './taxonomy.repo.ts';

export const PRIORITIES = [-2, -1, 0, 1, 2] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface CategoryLabel {
  id: number;
  name: string;
  disclaimer: string | null;
  active: boolean;
}

export interface StatusLabel {
  id: number;
  code: string | null;
  name: string;
  closing: boolean;
  builtin: boolean;
  colors: { lightBg: string; lightFg: string; darkBg: string; darkFg: string };
}

/** Every label a ticket page or list needs, in one locale. Small tables: read whole. */
export interface Labels {
  categories: Map<number, CategoryLabel>;
  statuses: Map<number, StatusLabel>;
  priorities: Map<number, string>;
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/**
 * Category, status and priority names in the locale. A missing name or disclaimer falls back to
 * the site's default locale, then English, then any translation.
 */
export async function loadLabels(ctx: Pick<Ctx, 'db'>, locale: string): Promise<Labels> {
  // Outside transactions the labels come from a per-database cache, checked against one stamp query.
  if (ctx.db.isTransaction) return readLabels(ctx, locale);
  const stamp = await readTaxonomyStamp(ctx.db);
  const perDb = labelCache.get(ctx.db) ?? new Map<string, { stamp: string; labels: Labels }>();
  labelCache.set(ctx.db, perDb);
  const hit = perDb.get(locale);
  if (hit && hit.stamp === stamp) return hit.labels;
  const labels = await readLabels(ctx, locale);
  perDb.set(locale, { stamp, labels });
  return labels;
}

const labelCache = new WeakMap<object, Map<string, { stamp: string; labels: Labels }>>();

async function readLabels(ctx: Pick<Ctx, 'db'>, locale: string): Promise<Labels> {
  const [cats, catTr, stats, statTr, prioTr, site] = await Promise.all([
    listCategoryRows(ctx.db),
    listCategoryTranslationRows(ctx.db),
    listStatusRows(ctx.db),
    listStatusTranslationRows(ctx.db),
    listPriorityTranslationRows(ctx.db),
    getSiteSettings(ctx),
  ]);
  const want = isLocale(locale) ? locale : site.defaultLocale;
  const text = <R extends { locale: string }>(rows: R[] | undefined, get: (row: R) => string | null) =>
    resolveText(textsFrom(rows ?? [], get), want, site.defaultLocale)?.text;
  const catNames = groupBy(catTr, (r) => r.category_id);
  const statNames = groupBy(statTr, (r) => r.status_id);
  const prioNames = groupBy(prioTr, (r) => r.priority);
  return {
    categories: new Map(
      cats.map((c) => [
        c.id,
        {
          id: c.id,
          name: text(catNames.get(c.id), (r) => r.name) ?? `#${c.id}`,
          disclaimer: text(catNames.get(c.id), (r) => r.disclaimer) ?? null,
          active: c.active === 1,
        },
      ]),
    ),
    statuses: new Map(
      stats.map((s) => [
        s.id,
        {
          id: s.id,
          code: s.code,
          name: text(statNames.get(s.id), (r) => r.name) ?? `#${s.id}`,
          closing: s.closing === 1,
          builtin: s.builtin === 1,
          colors: {
            lightBg: s.color_light_bg,
            lightFg: s.color_light_fg,
            darkBg: s.color_dark_bg,
            darkFg: s.color_dark_fg,
          },
        },
      ]),
    ),
    priorities: new Map(PRIORITIES.map((p) => [p, text(prioNames.get(p), (r) => r.name) ?? String(p)])),
  };
}

/** The active categories a customer may choose, in display order. */
export function activeCategories(labels: Labels): CategoryLabel[] {
  return [...labels.categories.values()].filter((c) => c.active);
}

/**
 * The id of a seeded status by its code ("new", "resolved"). Admins may delete "resolved": then the
 * first closing status stands in (one always exists). "new" is builtin and cannot go.
 */
export async function statusIdByCode(
  ctx: Pick<Ctx, 'db'>,
  code: string,
): Promise<{ id: number; closing: boolean }> {
  const row = await findStatusIdByCode(ctx.db, code);
  if (row) return { id: row.id, closing: row.closing === 1 };
  if (code === 'resolved') {
    const closing = (await listStatusRows(ctx.db)).find((s) => s.closing === 1);
    if (closing) return { id: closing.id, closing: true };
  }
  throw new Error(`status ${code} is missing`);
}

/** Label colours of every status and priority, for the generated stylesheet. */
export async function labelColors(ctx: Pick<Ctx, 'db'>): Promise<{
  statuses: { id: number; colors: LabelColors }[];
  priorities: { value: number; colors: LabelColors }[];
}> {
  const [statuses, priorities] = await Promise.all([listStatusRows(ctx.db), listPriorityRows(ctx.db)]);
  return {
    statuses: statuses.map((s) => ({ id: s.id, colors: colorsOf(s) })),
    priorities: priorities.map((p) => ({ value: p.value, colors: colorsOf(p) })),
  };
}

/** Throws VALIDATION unless the category exists and is active (archived ones are not offered). */
export async function requireActiveCategory(
  ctx: Pick<Ctx, 'db'>,
  id: number,
  field = 'categoryId',
): Promise<void> {
  const row = Number.isSafeInteger(id) ? await findCategoryRow(ctx.db, id) : undefined;
  if (!row || row.active !== 1) throw new AppError('VALIDATION', { [field]: 'error.field.category' });
}
