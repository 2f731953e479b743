import { PERMISSIONS, type Ctx, type Permission, type Role } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword } from './password.ts';
import { emitAccountChange } from './account-events.ts';
import { effectivePermissions, requireManageable, requirePermission } from './permission.policy.ts';
import { deleteUserSessions } from './session.repo.ts';
import {
  countActiveAdmins,
  deleteUserRow,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  updateUser,
  type User,
} from './user.repo.ts';
import { checkDisplayName, checkEmail, checkPassword, normaliseEmail } from './user.validation.ts';
import { assertValid, type FieldErrors } from '../../platform/errors.ts';

const ROLES: Role[] = ['customer', 'staff', 'admin'];

/** Users for the desk's user list (permission `users`), keyset-paginated by id. */
export async function searchUsers(
  ctx: Ctx,
  q: { search?: string; role?: string; afterId?: number; limit?: number },
) {
  requirePermission(ctx.actor, 'users');
  const limit = Math.min(q.limit ?? 50, 200);
  const role = ROLES.includes(q.role as Role) ? (q.role as Role) : undefined;
  const rows = await listUsers(ctx.db, { ...q, role, limit: limit + 1 });
  return { rows: rows.slice(0, limit), nextAfterId: rows.length > limit ? rows[limit - 1]!.id : undefined };
}

export async function getUserForAdmin(ctx: Ctx, id: number): Promise<User> {
  requirePermission(ctx.actor, 'users');
  const user = await findUserById(ctx.db, id);
  if (!user) throw notFound();
  return user;
}

export interface AccessInput {
  role: string;
  permissions: string[];
}

/**
 * Sets a user's role and staff permissions (permission `users`). Only admins may grant or take
 * the admin role, nobody changes their own access, and the last admin stays an admin. A change
 * ends the user's sessions.
 */
export async function setUserAccess(ctx: Ctx, userId: number, input: AccessInput): Promise<void> {
  requirePermission(ctx.actor, 'users');
  const actor = ctx.actor;
  if (!ROLES.includes(input.role as Role)) throw new AppError('VALIDATION', { role: 'error.field.invalid' });
  const role = input.role as Role;
  const granted = input.permissions.filter((p): p is Permission =>
    (PERMISSIONS as readonly string[]).includes(p),
  );
  const stored = role === 'staff' ? granted.filter((p) => p !== 'tickets').join(',') : '';
  await tx(ctx.db, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw notFound();
    if (user.id === actor.id) throw new AppError('FORBIDDEN');
    if ((role === 'admin' || user.role === 'admin') && actor.role !== 'admin')
      throw new AppError('FORBIDDEN');
    if (user.role === 'admin' && role !== 'admin' && (await countActiveAdmins(trx)) <= 1) {
      throw new AppError('CONFLICT');
    }
    if (user.role === role && user.permissions === stored) return;
    await updateUser(trx, userId, { role, permissions: stored, updated_at: ctx.now() });
    // New rights start with a new login: sessions opened under the old ones end now.
    await deleteUserSessions(trx, userId);
    await recordAudit(
      { ...ctx, db: trx },
      {
        action: 'user.access',
        targetType: 'user',
        targetId: userId,
        data: {
          from: { role: user.role, permissions: [...effectivePermissions(user.role, user.permissions)] },
          to: { role, permissions: [...effectivePermissions(role, stored)] },
        },
      },
    );
  });
}

/**
 * Disables or re-enables an account (permission `users`). Disabling ends its sessions at once, and
 * its API tokens stop working because every token lookup checks the account.
 */
export async function setUserDisabled(ctx: Ctx, userId: number, disabled: boolean): Promise<void> {
  requirePermission(ctx.actor, 'users');
  const actor = ctx.actor;
  await tx(ctx.db, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw notFound();
    requireManageable(actor, user);
    if ((user.disabled_at !== null) === disabled) return;
    if (disabled && user.role === 'admin' && (await countActiveAdmins(trx)) <= 1)
      throw new AppError('CONFLICT');
    await updateUser(trx, userId, { disabled_at: disabled ? ctx.now() : null, updated_at: ctx.now() });
    if (disabled) await deleteUserSessions(trx, userId);
    await recordAudit(
      { ...ctx, db: trx },
      {
        action: disabled ? 'user.disable' : 'user.enable',
        targetType: 'user',
        targetId: userId,
        data: { email: user.email },
      },
    );
  });
}

export interface CreateUserInput {
  email: string;
  password: string;
  displayName: string;
  role: string;
}

/** Creates a verified account directly (CLI `user:create` as the system, or an admin). */
export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<User> {
  if (ctx.actor.kind !== 'system') requirePermission(ctx.actor, 'users');
  const errors: FieldErrors = {};
  checkEmail(errors, 'email', input.email ?? '');
  checkPassword(errors, 'password', input.password ?? '');
  checkDisplayName(errors, 'displayName', input.displayName ?? '');
  if (!ROLES.includes(input.role as Role)) errors.role = 'error.field.invalid';
  assertValid(errors);
  if (input.role === 'admin' && ctx.actor.kind === 'user' && ctx.actor.role !== 'admin')
    throw new AppError('FORBIDDEN');
  const passwordHash = await hashPassword(input.password);
  return tx(ctx.db, async (trx) => {
    const email = normaliseEmail(input.email);
    if (await findUserByEmail(trx, email))
      throw new AppError('VALIDATION', { email: 'error.field.emailTaken' });
    const user = await insertUser(trx, {
      email,
      display_name: input.displayName.trim(),
      password_hash: passwordHash,
      role: input.role as Role,
      permissions: '',
      locale: null,
      email_verified_at: ctx.now(),
      created_at: ctx.now(),
      updated_at: ctx.now(),
    });
    await recordAudit(
      { ...ctx, db: trx },
      {
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        data: { email, role: input.role },
      },
    );
    return user;
  });
}

export const OPEN_TICKET_CHOICES = ['keep', 'close', 'delete'] as const;

/**
 * Deletes an account (admins only; never yourself or the last admin). Other modules decide what
 * happens to what the account owned, in the same transaction: the tickets it filed keep the
 * issuer's name and email, and its open tickets are kept, closed or deleted as the admin chose.
 */
export async function deleteAccount(ctx: Ctx, userId: number, openTickets: string): Promise<void> {
  requirePermission(ctx.actor, 'users');
  const actor = ctx.actor;
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  if (!(OPEN_TICKET_CHOICES as readonly string[]).includes(openTickets)) {
    throw new AppError('VALIDATION', { openTickets: 'error.field.invalid' });
  }
  await tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const user = await findUserById(trx, userId);
    if (!user) throw notFound();
    if (user.id === actor.id) throw new AppError('FORBIDDEN');
    if (user.role === 'admin' && (await countActiveAdmins(trx)) <= 1) throw new AppError('CONFLICT');
    await emitAccountChange(inner, {
      kind: 'deleting',
      userId,
      name: user.display_name,
      email: user.email,
      openTickets: openTickets as (typeof OPEN_TICKET_CHOICES)[number],
    });
    await recordAudit(inner, {
      action: 'user.delete',
      targetType: 'user',
      targetId: userId,
      data: { email: user.email, openTickets },
    });
    await deleteUserRow(trx, userId);
  });
}
