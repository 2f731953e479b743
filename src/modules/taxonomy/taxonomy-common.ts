import type { Ctx, UserActor } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { tx, type Db, type Tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { getSiteSettings } from '../settings/index.ts';
import type { MoveActor } from './ticket-move.repo.ts';

/** The ids in their new order after moving `id` to index `to` (clamped to the list). */
export function reorder(ids: number[], id: number, to: number): number[] {
  const rest = ids.filter((x) => x !== id);
  const at = Math.max(0, Math.min(Math.trunc(to), rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** Refuses an edit made on a form (or API read) older than the row. */
export function assertFresh(expected: number | undefined, current: number): number {
  if (expected !== undefined && expected !== current) throw new AppError('STALE_EDIT');
  return current;
}

export async function defaultLocaleOf(ctx: Pick<Ctx, 'db'>): Promise<Locale> {
  return (await getSiteSettings(ctx)).defaultLocale;
}

export function moveActor(actor: UserActor): MoveActor {
  return { id: actor.id, name: actor.displayName };
}

/** A positive integer id, or undefined. */
export function optionalId(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * A transaction for a change of names. The services check for duplicates first; should two admins
 * race to the same name, the database's unique index stops the second, reported the same way.
 */
export async function txNames<T>(db: Db | Tx, fn: (trx: Tx) => Promise<T>): Promise<T> {
  try {
    return await tx(db, fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VALIDATION', { names: 'error.taxonomy.nameTaken' });
    throw err;
  }
}
