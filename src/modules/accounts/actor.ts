import type { UserActor } from '../../platform/context.ts';
import { effectivePermissions } from './permission.policy.ts';
import type { User } from './user.repo.ts';

/** The acting user as the rules see it. */
export function actorFromUser(user: User, tokenScope?: UserActor['tokenScope']): UserActor {
  return {
    kind: 'user',
    id: user.id,
    role: user.role,
    permissions: effectivePermissions(user.role, user.permissions),
    email: user.email,
    displayName: user.display_name,
    emailVerified: user.email_verified_at !== null,
    ...(tokenScope ? { tokenScope } : {}),
  };
}
