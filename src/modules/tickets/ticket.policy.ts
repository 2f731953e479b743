import type { Actor } from '../../platform/context.ts';
import { hasPermission } from '../accounts/index.ts';

/** Who is looking at tickets, as far as visibility goes. */
export type Viewer =
  { kind: 'staff'; userId: number } | { kind: 'member'; userId: number } | { kind: 'guest' };

/**
 * Staff with the `tickets` permission see every ticket. A member sees their own tickets and, with
 * the key, guest tickets. Anyone else sees a guest ticket only through its key.
 */
export function viewerOf(actor: Actor): Viewer {
  if (actor.kind === 'user' && hasPermission(actor, 'tickets')) return { kind: 'staff', userId: actor.id };
  if (actor.kind === 'user') return { kind: 'member', userId: actor.id };
  return { kind: 'guest' };
}

/** What the viewer may do with a ticket they can see. */
export interface TicketAbilities {
  reply: boolean;
  resolve: boolean;
  seeInternal: boolean;
  seeStaffNames: boolean;
}

export function abilitiesFor(
  viewer: Viewer,
  ticket: { locked: number; issuer_user_id: number | null },
  closing: boolean,
  revealStaffNames: boolean,
): TicketAbilities {
  const staff = viewer.kind === 'staff';
  const locked = ticket.locked === 1;
  return {
    reply: staff || !locked,
    resolve: !staff && !locked && !closing,
    seeInternal: staff,
    seeStaffNames: staff || revealStaffNames,
  };
}
