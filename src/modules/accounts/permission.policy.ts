import {
  PERMISSIONS,
  type Actor,
  type Permission,
  type Role,
  type UserActor,
} from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/errors.ts';

/** Parses the stored permission list; staff always hold `tickets`, admins hold everything. */
export function effectivePermissions(role: Role, stored: string): Set<Permission> {
  if (role === 'admin') return new Set(PERMISSIONS);
  if (role !== 'staff') return new Set();
  const granted = stored
    .split(',')
    .filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
  return new Set<Permission>(['tickets', ...granted]);
}

export function isStaff(actor: Actor): actor is UserActor {
  return actor.kind === 'user' && (actor.role === 'staff' || actor.role === 'admin');
}

export function isAdmin(actor: Actor): actor is UserActor {
  return actor.kind === 'user' && actor.role === 'admin';
}

/**
 * True when the actor holds the permission. An API token narrows it: a token that is not
 * admin-scoped never carries permissions beyond `tickets`.
 */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user' || !actor.permissions.has(permission)) return false;
  if (actor.tokenScope && actor.tokenScope !== 'admin' && permission !== 'tickets') return false;
  return true;
}

/** Throws UNAUTHENTICATED for nobody, FORBIDDEN for a user without the permission. */
export function requirePermission(actor: Actor, permission: Permission): asserts actor is UserActor {
  requireUser(actor);
  if (!hasPermission(actor, permission)) throw forbidden();
}

export function requireAdmin(actor: Actor): asserts actor is UserActor {
  requireUser(actor);
  if (!isAdmin(actor) || (actor.tokenScope && actor.tokenScope !== 'admin')) throw forbidden();
}

export function requireUser(actor: Actor): asserts actor is UserActor {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
}

/** A read-scoped API token may look but never change anything. */
export function requireWritable(actor: Actor): void {
  if (actor.kind === 'user' && actor.tokenScope === 'read') throw forbidden();
}

/**
 * Whether the actor may act on this other account (disable it, reset its 2FA…): never their own
 * (that goes through their profile), and an admin's only as an admin.
 */
export function requireManageable(actor: UserActor, user: { id: number; role: string }): void {
  if (user.id === actor.id) throw forbidden();
  if (user.role === 'admin' && actor.role !== 'admin') throw forbidden();
}
