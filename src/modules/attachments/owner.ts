import type { Actor } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';

/**
 * Who a pending upload belongs to: a user by id, or a guest by the hash of the random cookie
 * their browser got with its first upload (only the hash is stored, like session ids). Undefined
 * for a guest without that cookie: such a request owns nothing.
 */
export function ownerKeyOf(actor: Actor, guestToken: string | undefined): string | undefined {
  if (actor.kind === 'user') return `u:${actor.id}`;
  if (actor.kind === 'anonymous' && guestToken && guestToken.length >= 32) return `g:${sha256(guestToken)}`;
  return undefined;
}
