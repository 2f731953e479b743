import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { requirePermission, requireWritable } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  DEFAULT_COLORS,
  colorColumns,
  colorsOf,
  diffColors,
  mergeColors,
  type LabelColors,
  type LabelColorsPatch,
} from './label-colors.ts';
import {
  countStatusTickets,
  deleteStatusRow,
  findStatus,
  insertStatus,
  listStatusTexts,
  nextStatusPosition,
  saveStatusTexts,
  setStatusPosition,
  statusInUse,
  updateStatusVersioned,
} from './status.repo.ts';
import { assertFresh, defaultLocaleOf, txNames, moveActor, reorder } from './taxonomy-common.ts';
import { listStatusRows } from './taxonomy.repo.ts';
import { moveTickets, syncClosedFlag } from './ticket-move.repo.ts';
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

export interface StatusDetail {
  id: number;
  /** Stable code of a seeded status ("new", "resolved"…); null for ones admins made. */
  code: string | null;
  position: number;
  builtin: boolean;
  closing: boolean;
  version: number;
  names: Texts;
  colors: LabelColors;
  createdAt: number;
  updatedAt: number;
}

export interface StatusInput {
  names?: TextsPatch;
  closing?: boolean;
  colors?: LabelColorsPatch;
  position?: number;
  expectedVersion?: number;
}

async function loadAll(ctx: Pick<Ctx, 'db'>): Promise<StatusDetail[]> {
  const [rows, texts] = await Promise.all([listStatusRows(ctx.db), listStatusTexts(ctx.db)]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    position: r.position,
    builtin: r.builtin === 1,
    closing: r.closing === 1,
    version: r.version,
    names: textsFrom(
      texts.filter((t) => t.status_id === r.id),
      (t) => t.name,
    ),
    colors: colorsOf(r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function loadOne(ctx: Pick<Ctx, 'db'>, id: number): Promise<StatusDetail> {
  const found = (await loadAll(ctx)).find((s) => s.id === id);
  if (!found) throw notFound();
  return found;
}

/** Every status with all its names and colours, in list order. Names are no secret: anyone may read them. */
export async function listStatuses(ctx: Ctx): Promise<StatusDetail[]> {
  return loadAll(ctx);
}

export async function getStatus(ctx: Ctx, id: number): Promise<StatusDetail> {
  return loadOne(ctx, id);
}

/** Puts the status at `position` and renumbers the list 0…n−1; returns its old and new index. */
async function place(ctx: Pick<Ctx, 'db'>, id: number, position: number) {
  const rows = await listStatusRows(ctx.db);
  const ids = reorder(
    rows.map((r) => r.id),
    id,
    position,
  );
  for (const [index, rowId] of ids.entries()) {
    if (rows.find((r) => r.id === rowId)?.position !== index) await setStatusPosition(ctx.db, rowId, index);
  }
  return { from: rows.findIndex((r) => r.id === id), to: ids.indexOf(id) };
}

function checkInput(stored: { names: Texts; colors: LabelColors }, input: StatusInput, errors: FieldErrors) {
  const names = mergeTexts(stored.names, input.names, 'names', NAME_MAX, errors);
  const colors = mergeColors(stored.colors, input.colors, errors);
  if (input.position !== undefined && (!Number.isSafeInteger(input.position) || input.position < 0))
    errors.position = 'error.field.invalid';
  return { names, colors };
}

/** Creates a status (permission `statuses`): a name in the default locale, no duplicates, valid colours. */
export async function createStatus(ctx: Ctx, input: StatusInput): Promise<StatusDetail> {
  requirePermission(ctx.actor, 'statuses');
  requireWritable(ctx.actor);
  return txNames(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const errors: FieldErrors = {};
    const { names, colors } = checkInput({ names: {}, colors: DEFAULT_COLORS }, input, errors);
    checkNames(names, await defaultLocaleOf(inner), await listStatusTexts(trx), errors);
    assertValid(errors);
    const closing = input.closing ? 1 : 0;
    const id = await insertStatus(trx, {
      ...colorColumns(colors),
      closing,
      position: await nextStatusPosition(trx),
      now: ctx.now(),
    });
    await saveStatusTexts(trx, id, textRows(names));
    if (input.position !== undefined) await place(inner, id, input.position);
    await recordAudit(inner, {
      action: 'status.create',
      targetType: 'status',
      targetId: id,
      data: { names, closing: closing === 1, colors },
    });
    return loadOne(inner, id);
  });
}

/** The closing flag may change unless the status is builtin, and the last closing status stays closing. */
function checkClosing(
  all: StatusDetail[],
  before: StatusDetail,
  closing: boolean | undefined,
  errors: FieldErrors,
) {
  if (closing === undefined || closing === before.closing) return;
  if (before.builtin) errors.closing = 'error.taxonomy.builtinClosing';
  else if (!closing && !all.some((s) => s.closing && s.id !== before.id))
    errors.closing = 'error.taxonomy.lastClosing';
}

/** Edits a status (permission `statuses`); refuses with STALE_EDIT when it changed since `expectedVersion`. */
export async function updateStatus(ctx: Ctx, id: number, input: StatusInput): Promise<StatusDetail> {
  requirePermission(ctx.actor, 'statuses');
  requireWritable(ctx.actor);
  return txNames(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const all = await loadAll(inner);
    const before = all.find((s) => s.id === id);
    if (!before) throw notFound();
    assertFresh(input.expectedVersion, before.version);
    const errors: FieldErrors = {};
    const { names, colors } = checkInput(before, input, errors);
    checkClosing(all, before, input.closing, errors);
    const others = (await listStatusTexts(trx)).filter((t) => t.status_id !== id);
    checkNames(names, await defaultLocaleOf(inner), others, errors);
    assertValid(errors);
    const closing = input.closing === undefined ? undefined : input.closing ? 1 : 0;
    const fresh = await updateStatusVersioned(trx, id, before.version, {
      ...colorColumns(colors),
      ...(closing === undefined ? {} : { closing }),
      now: ctx.now(),
    });
    if (!fresh) throw new AppError('STALE_EDIT');
    if (closing !== undefined && closing !== (before.closing ? 1 : 0)) await syncClosedFlag(trx, id, closing);
    await saveStatusTexts(trx, id, textRows(names));
    const moved = input.position === undefined ? undefined : await place(inner, id, input.position);
    const after = await loadOne(inner, id);
    await recordAudit(inner, {
      action: 'status.update',
      targetType: 'status',
      targetId: id,
      data: {
        names: diffTexts(before.names, after.names),
        colors: diffColors(before.colors, after.colors),
        ...(before.closing !== after.closing ? { closing: { from: before.closing, to: after.closing } } : {}),
        ...(moved && moved.from !== moved.to ? { position: moved } : {}),
      },
    });
    return after;
  });
}

/** Moves a status to a place in the list, from 0 (permission `statuses`). Not an edit: no version bump. */
export async function moveStatus(ctx: Ctx, id: number, position: number): Promise<void> {
  requirePermission(ctx.actor, 'statuses');
  requireWritable(ctx.actor);
  if (!Number.isSafeInteger(position) || position < 0)
    throw new AppError('VALIDATION', { position: 'error.field.invalid' });
  await tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    if (!(await findStatus(trx, id))) throw notFound();
    const moved = await place(inner, id, position);
    await recordAudit(inner, { action: 'status.reorder', targetType: 'status', targetId: id, data: moved });
  });
}

/** What the delete page needs: the status, how many tickets have it, where they could go. */
export async function statusDeletion(ctx: Ctx, id: number) {
  requirePermission(ctx.actor, 'statuses');
  const all = await loadAll(ctx);
  const status = all.find((s) => s.id === id);
  if (!status) throw notFound();
  return { status, tickets: await countStatusTickets(ctx.db, id), targets: all.filter((s) => s.id !== id) };
}

/**
 * Deletes a custom status (permission `statuses`); builtin ones stay, and so does the last closing
 * one. Its tickets move to `moveTo` in the same transaction, each with a history row; without
 * `moveTo` a status in use is refused.
 */
export async function deleteStatus(
  ctx: Ctx,
  id: number,
  opts: { moveTo?: number },
): Promise<{ moved: number }> {
  requirePermission(ctx.actor, 'statuses');
  requireWritable(ctx.actor);
  const actor = ctx.actor;
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const all = await loadAll(inner);
    const status = all.find((s) => s.id === id);
    if (!status) throw notFound();
    if (status.builtin) throw new AppError('BUILTIN_STATUS');
    if (status.closing && !all.some((s) => s.closing && s.id !== id))
      throw new AppError('VALIDATION', { status: 'error.taxonomy.lastClosing' });
    let moved = 0;
    if (await statusInUse(trx, id)) {
      if (opts.moveTo === undefined)
        throw new AppError('VALIDATION', { moveTo: 'error.taxonomy.moveToRequired' });
      if (opts.moveTo === id || !all.some((s) => s.id === opts.moveTo))
        throw new AppError('VALIDATION', { moveTo: 'error.taxonomy.moveToInvalid' });
      moved = await moveTickets(trx, 'status_id', id, opts.moveTo, moveActor(actor), ctx.now());
    }
    await deleteStatusRow(trx, id);
    await recordAudit(inner, {
      action: 'status.delete',
      targetType: 'status',
      targetId: id,
      data: { names: status.names, moved, ...(moved ? { moveTo: opts.moveTo } : {}) },
    });
    return { moved };
  });
}
