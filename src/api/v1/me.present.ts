import type { User } from '../../modules/accounts/index.ts';
import type { Actor } from '../../platform/context.ts';

/** The API's view of an account: never the password hash or internal flags. */
export function presentMe(user: User, actor: Actor) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role,
    permissions: actor.kind === 'user' ? [...actor.permissions] : [],
    locale: user.locale,
    tokenScope: actor.kind === 'user' ? (actor.tokenScope ?? null) : null,
  };
}
