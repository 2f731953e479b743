import type { Ctx } from '../../platform/context.ts';
import { AppError, assertValid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { requirePermission, requireWritable } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  colorColumns,
  colorsOf,
  diffColors,
  mergeColors,
  type LabelColors,
  type LabelColorsPatch,
} from './label-colors.ts';
import {
  listPriorityRows,
  listPriorityTexts,
  savePriorityTexts,
  updatePriorityVersioned,
} from './priority.repo.ts';
import { assertFresh, defaultLocaleOf, txNames } from './taxonomy-common.ts';
import {
  NAME_MAX,
  checkNames,
  diffTexts,
  mergeTexts,
  textRows,
  textsFrom,
  type Texts,
  type TextsPatch,
} from './translations.ts';

export interface PriorityDetail {
  /** −2 (backlog) … 2 (urgent); fixed. */
  value: number;
  version: number;
  names: Texts;
  colors: LabelColors;
  updatedAt: number;
}

export interface PriorityInput {
  names?: TextsPatch;
  colors?: LabelColorsPatch;
  expectedVersion?: number;
}

async function loadAll(ctx: Pick<Ctx, 'db'>): Promise<PriorityDetail[]> {
  const [rows, texts] = await Promise.all([listPriorityRows(ctx.db), listPriorityTexts(ctx.db)]);
  return rows.map((r) => ({
    value: r.value,
    version: r.version,
    names: textsFrom(
      texts.filter((t) => t.priority === r.value),
      (t) => t.name,
    ),
    colors: colorsOf(r),
    updatedAt: r.updated_at,
  }));
}

/** The five priorities with all their names and colours, lowest first. Anyone may read them. */
export async function listPriorities(ctx: Pick<Ctx, 'db'>): Promise<PriorityDetail[]> {
  return loadAll(ctx);
}

export async function getPriority(ctx: Pick<Ctx, 'db'>, value: number): Promise<PriorityDetail> {
  const found = (await loadAll(ctx)).find((p) => p.value === value);
  if (!found) throw notFound();
  return found;
}

/** Renames or recolours a priority (permission `statuses`); refuses with STALE_EDIT when it changed since. */
export async function updatePriority(ctx: Ctx, value: number, input: PriorityInput): Promise<PriorityDetail> {
  requirePermission(ctx.actor, 'statuses');
  requireWritable(ctx.actor);
  return txNames(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const before = await getPriority(inner, value);
    assertFresh(input.expectedVersion, before.version);
    const errors: FieldErrors = {};
    const names = mergeTexts(before.names, input.names, 'names', NAME_MAX, errors);
    const colors = mergeColors(before.colors, input.colors, errors);
    const others = (await listPriorityTexts(trx)).filter((t) => t.priority !== value);
    checkNames(names, await defaultLocaleOf(inner), others, errors);
    assertValid(errors);
    const fresh = await updatePriorityVersioned(trx, value, before.version, {
      ...colorColumns(colors),
      now: ctx.now(),
    });
    if (!fresh) throw new AppError('STALE_EDIT');
    await savePriorityTexts(trx, value, textRows(names));
    const after = await getPriority(inner, value);
    await recordAudit(inner, {
      action: 'priority.update',
      targetType: 'priority',
      targetId: value,
      data: { names: diffTexts(before.names, after.names), colors: diffColors(before.colors, after.colors) },
    });
    return after;
  });
}
