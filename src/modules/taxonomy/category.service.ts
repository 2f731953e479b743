import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { LOCALES } from '../../platform/i18n/i18n.ts';
import { hasPermission, requirePermission, requireWritable } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  categoryInUse,
  countCategoryTickets,
  deleteCategoryRow,
  findCategory,
  insertCategory,
  listCategoryTexts,
  nextCategoryPosition,
  saveCategoryTexts,
  setCategoryPosition,
  updateCategoryVersioned,
} from './category.repo.ts';
import { assertFresh, defaultLocaleOf, txNames, moveActor, reorder } from './taxonomy-common.ts';
import { listCategoryRows } from './taxonomy.repo.ts';
import { moveTickets } from './ticket-move.repo.ts';
import {
  DISCLAIMER_MAX,
  NAME_MAX,
  checkNames,
  diffTexts,
  mergeTexts,
  textsFrom,
  type Texts,
  type TextsPatch,
} from './translations.ts';

export interface CategoryDetail {
  id: number;
  position: number;
  active: boolean;
  version: number;
  names: Texts;
  disclaimers: Texts;
  createdAt: number;
  updatedAt: number;
}

export interface CategoryInput {
  names?: TextsPatch;
  disclaimers?: TextsPatch;
  active?: boolean;
  /** Where to put it in the list, from 0. */
  position?: number;
  /** The version the editor started from; a newer row refuses the edit with STALE_EDIT. */
  expectedVersion?: number;
}

async function loadAll(ctx: Pick<Ctx, 'db'>): Promise<CategoryDetail[]> {
  const [rows, texts] = await Promise.all([listCategoryRows(ctx.db), listCategoryTexts(ctx.db)]);
  return rows.map((r) => {
    const own = texts.filter((t) => t.category_id === r.id);
    return {
      id: r.id,
      position: r.position,
      active: r.active === 1,
      version: r.version,
      names: textsFrom(own, (t) => t.name),
      disclaimers: textsFrom(own, (t) => t.disclaimer),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

async function loadOne(ctx: Pick<Ctx, 'db'>, id: number): Promise<CategoryDetail> {
  const found = (await loadAll(ctx)).find((c) => c.id === id);
  if (!found) throw notFound();
  return found;
}

/** Every category with all its texts, archived ones too, in list order (permission `categories`). */
export async function listCategoriesForAdmin(ctx: Ctx): Promise<CategoryDetail[]> {
  requirePermission(ctx.actor, 'categories');
  return loadAll(ctx);
}

/** One category with all its texts, archived or not (permission `categories`). */
export async function getCategoryForAdmin(ctx: Ctx, id: number): Promise<CategoryDetail> {
  requirePermission(ctx.actor, 'categories');
  return loadOne(ctx, id);
}

/** Categories as the actor may see them: all for holders of `categories`, else the active ones. */
export async function listCategoriesVisible(ctx: Ctx): Promise<CategoryDetail[]> {
  const all = await loadAll(ctx);
  return hasPermission(ctx.actor, 'categories') ? all : all.filter((c) => c.active);
}

/** One category; an archived one is not found unless the actor holds `categories`. */
export async function getCategory(ctx: Ctx, id: number): Promise<CategoryDetail> {
  const found = (await listCategoriesVisible(ctx)).find((c) => c.id === id);
  if (!found) throw notFound();
  return found;
}

function checkInput(
  stored: { names: Texts; disclaimers: Texts },
  input: CategoryInput,
  errors: FieldErrors,
): { names: Texts; disclaimers: Texts } {
  const names = mergeTexts(stored.names, input.names, 'names', NAME_MAX, errors);
  const disclaimers = mergeTexts(
    stored.disclaimers,
    input.disclaimers,
    'disclaimers',
    DISCLAIMER_MAX,
    errors,
  );
  // A disclaimer is stored beside the name of its language.
  for (const locale of LOCALES) {
    if (disclaimers[locale] && !names[locale])
      errors[`disclaimers.${locale}`] ??= 'error.taxonomy.disclaimerNeedsName';
  }
  if (input.position !== undefined && (!Number.isSafeInteger(input.position) || input.position < 0))
    errors.position = 'error.field.invalid';
  return { names, disclaimers };
}

/** Puts the category at `position` and renumbers the list 0…n−1; returns its old and new index. */
async function place(ctx: Pick<Ctx, 'db'>, id: number, position: number) {
  const rows = await listCategoryRows(ctx.db);
  const ids = reorder(
    rows.map((r) => r.id),
    id,
    position,
  );
  for (const [index, rowId] of ids.entries()) {
    if (rows.find((r) => r.id === rowId)?.position !== index) await setCategoryPosition(ctx.db, rowId, index);
  }
  return { from: rows.findIndex((r) => r.id === id), to: ids.indexOf(id) };
}

function textRows(names: Texts, disclaimers: Texts) {
  return LOCALES.map((locale) => ({ locale, name: names[locale], disclaimer: disclaimers[locale] }));
}

/** Creates a category (permission `categories`): a name in the default locale, no duplicate names. */
export async function createCategory(ctx: Ctx, input: CategoryInput): Promise<CategoryDetail> {
  requirePermission(ctx.actor, 'categories');
  requireWritable(ctx.actor);
  return txNames(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const errors: FieldErrors = {};
    const { names, disclaimers } = checkInput({ names: {}, disclaimers: {} }, input, errors);
    checkNames(names, await defaultLocaleOf(inner), await listCategoryTexts(trx), errors);
    assertValid(errors);
    const active = input.active === false ? 0 : 1;
    const id = await insertCategory(trx, {
      position: await nextCategoryPosition(trx),
      active,
      now: ctx.now(),
    });
    await saveCategoryTexts(trx, id, textRows(names, disclaimers));
    if (input.position !== undefined) await place(inner, id, input.position);
    await recordAudit(inner, {
      action: 'category.create',
      targetType: 'category',
      targetId: id,
      data: { names, disclaimers, active: active === 1 },
    });
    return loadOne(inner, id);
  });
}

/** Edits a category (permission `categories`); refuses with STALE_EDIT when it changed since `expectedVersion`. */
export async function updateCategory(ctx: Ctx, id: number, input: CategoryInput): Promise<CategoryDetail> {
  requirePermission(ctx.actor, 'categories');
  requireWritable(ctx.actor);
  return txNames(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const before = await loadOne(inner, id);
    assertFresh(input.expectedVersion, before.version);
    const errors: FieldErrors = {};
    const { names, disclaimers } = checkInput(before, input, errors);
    const others = (await listCategoryTexts(trx)).filter((t) => t.category_id !== id);
    checkNames(names, await defaultLocaleOf(inner), others, errors);
    assertValid(errors);
    const active = input.active === undefined ? {} : { active: input.active ? 1 : 0 };
    const fresh = await updateCategoryVersioned(trx, id, before.version, { ...active, now: ctx.now() });
    if (!fresh) throw new AppError('STALE_EDIT');
    await saveCategoryTexts(trx, id, textRows(names, disclaimers));
    const moved = input.position === undefined ? undefined : await place(inner, id, input.position);
    const after = await loadOne(inner, id);
    await recordAudit(inner, {
      action: 'category.update',
      targetType: 'category',
      targetId: id,
      data: {
        names: diffTexts(before.names, after.names),
        disclaimers: diffTexts(before.disclaimers, after.disclaimers),
        ...(before.active !== after.active ? { active: { from: before.active, to: after.active } } : {}),
        ...(moved && moved.from !== moved.to ? { position: moved } : {}),
      },
    });
    return after;
  });
}

/** Moves a category to a place in the list, from 0 (permission `categories`). Not an edit: no version bump. */
export async function moveCategory(ctx: Ctx, id: number, position: number): Promise<void> {
  requirePermission(ctx.actor, 'categories');
  requireWritable(ctx.actor);
  if (!Number.isSafeInteger(position) || position < 0)
    throw new AppError('VALIDATION', { position: 'error.field.invalid' });
  await tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    if (!(await findCategory(trx, id))) throw notFound();
    const moved = await place(inner, id, position);
    await recordAudit(inner, {
      action: 'category.reorder',
      targetType: 'category',
      targetId: id,
      data: moved,
    });
  });
}

/** What the delete page needs: the category, how many tickets use it, where they could go. */
export async function categoryDeletion(ctx: Ctx, id: number) {
  requirePermission(ctx.actor, 'categories');
  const all = await loadAll(ctx);
  const category = all.find((c) => c.id === id);
  if (!category) throw notFound();
  return {
    category,
    tickets: await countCategoryTickets(ctx.db, id),
    targets: all.filter((c) => c.id !== id),
  };
}

/**
 * Deletes a category (permission `categories`). Its tickets, if any, move to `moveTo` in the same
 * transaction, each with a history row; without `moveTo` a category in use is refused.
 */
export async function deleteCategory(
  ctx: Ctx,
  id: number,
  opts: { moveTo?: number },
): Promise<{ moved: number }> {
  requirePermission(ctx.actor, 'categories');
  requireWritable(ctx.actor);
  const actor = ctx.actor;
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const category = await findCategory(trx, id);
    if (!category) throw notFound();
    let moved = 0;
    if (await categoryInUse(trx, id)) {
      if (opts.moveTo === undefined)
        throw new AppError('VALIDATION', { moveTo: 'error.taxonomy.moveToRequired' });
      if (opts.moveTo === id || !(await findCategory(trx, opts.moveTo)))
        throw new AppError('VALIDATION', { moveTo: 'error.taxonomy.moveToInvalid' });
      moved = await moveTickets(trx, 'category_id', id, opts.moveTo, moveActor(actor), ctx.now());
    }
    const names = textsFrom(await listCategoryTexts(trx, id), (t) => t.name);
    await deleteCategoryRow(trx, id);
    await recordAudit(inner, {
      action: 'category.delete',
      targetType: 'category',
      targetId: id,
      data: { names, moved, ...(moved ? { moveTo: opts.moveTo } : {}) },
    });
    return { moved };
  });
}
