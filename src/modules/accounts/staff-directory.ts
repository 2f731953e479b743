import type { Ctx } from '../../platform/context.ts';
import { requirePermission } from './permission.policy.ts';
import { findUserById, listStaffUsers, searchAccounts } from './user.repo.ts';

/** Everyone a ticket can be assigned to: enabled staff and admins (all hold `tickets`). */
export async function listAssignableStaff(ctx: Ctx) {
  requirePermission(ctx.actor, 'tickets');
  return listStaffUsers(ctx.db, 1000);
}

/** True when the account may be assigned tickets. */
export async function isAssignableStaff(ctx: Pick<Ctx, 'db'>, userId: number): Promise<boolean> {
  const user = await findUserById(ctx.db, userId);
  return !!user && user.disabled_at === null && (user.role === 'staff' || user.role === 'admin');
}

/** Accounts for the desk's customer search (permission `tickets`). */
export async function searchCustomerAccounts(ctx: Ctx, text: string) {
  requirePermission(ctx.actor, 'tickets');
  if (!text.trim()) return [];
  return searchAccounts(ctx.db, text, 25);
}

/** One account's public details for the desk's customer page (permission `tickets`). */
export async function getCustomerAccount(ctx: Ctx, userId: number) {
  requirePermission(ctx.actor, 'tickets');
  const user = await findUserById(ctx.db, userId);
  if (!user) return undefined;
  return {
    id: user.id,
    name: user.display_name,
    email: user.email,
    role: user.role,
    createdAt: user.created_at,
    disabled: user.disabled_at !== null,
  };
}
