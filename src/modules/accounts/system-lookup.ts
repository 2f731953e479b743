import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserByEmail, listUserNames, type User } from './user.repo.ts';
import { normaliseEmail } from './user.validation.ts';

/** For the operator's CLI only: the account with that address, or NOT_FOUND. */
export async function findUserByEmailForSystem(ctx: Ctx, email: string): Promise<User> {
  if (ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN');
  const user = await findUserByEmail(ctx.db, normaliseEmail(email));
  if (!user) throw new AppError('NOT_FOUND');
  return user;
}

/** Display names of the given accounts (for timelines and lists); unknown ids are simply absent. */
export function displayNames(ctx: Pick<Ctx, 'db'>, ids: number[]): Promise<Map<number, string>> {
  return listUserNames(ctx.db, [...new Set(ids)]);
}
