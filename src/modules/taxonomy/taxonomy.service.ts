import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import {
  findCategoryRow,
  findStatusIdByCode,
  listCategoryRows,
  listCategoryTranslationRows,
  listPriorityTranslationRows,
  listStatusRows,
  listStatusTranslationRows,
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

/** Picks the text in the locale, else English, else any translation. */
function pick<T extends { locale: string }>(rows: T[], locale: string): T | undefined {
  return rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === 'en') ?? rows[0];
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/** Category, status and priority names in the locale, with fallbacks. */
export async function loadLabels(ctx: Pick<Ctx, 'db'>, locale: string): Promise<Labels> {
  const [cats, catTr, stats, statTr, prioTr] = await Promise.all([
    listCategoryRows(ctx.db),
    listCategoryTranslationRows(ctx.db),
    listStatusRows(ctx.db),
    listStatusTranslationRows(ctx.db),
    listPriorityTranslationRows(ctx.db),
  ]);
  const catNames = groupBy(catTr, (r) => r.category_id);
  const statNames = groupBy(statTr, (r) => r.status_id);
  const prioNames = groupBy(prioTr, (r) => r.priority);
  return {
    categories: new Map(
      cats.map((c) => {
        const tr = pick(catNames.get(c.id) ?? [], locale);
        return [
          c.id,
          {
            id: c.id,
            name: tr?.name ?? `#${c.id}`,
            disclaimer: tr?.disclaimer ?? null,
            active: c.active === 1,
          },
        ];
      }),
    ),
    statuses: new Map(
      stats.map((s) => [
        s.id,
        {
          id: s.id,
          code: s.code,
          name: pick(statNames.get(s.id) ?? [], locale)?.name ?? `#${s.id}`,
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
    priorities: new Map(PRIORITIES.map((p) => [p, pick(prioNames.get(p) ?? [], locale)?.name ?? String(p)])),
  };
}

/** The active categories a customer may choose, in display order. */
export function activeCategories(labels: Labels): CategoryLabel[] {
  return [...labels.categories.values()].filter((c) => c.active);
}

/** The id of a seeded status by its code ("new", "resolved"); throws if the seed is missing. */
export async function statusIdByCode(
  ctx: Pick<Ctx, 'db'>,
  code: string,
): Promise<{ id: number; closing: boolean }> {
  const row = await findStatusIdByCode(ctx.db, code);
  if (!row) throw new Error(`status ${code} is missing`);
  return { id: row.id, closing: row.closing === 1 };
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
