import type { Ctx } from '../../platform/context.ts';

/** Something about an account that other modules record (e.g. on the tickets it filed). */
export type AccountChange =
  | { kind: 'renamed'; userId: number; from: string; to: string }
  | { kind: 'email-changed'; userId: number; from: string; to: string }
  | {
      kind: 'deleting';
      userId: number;
      name: string;
      email: string;
      openTickets: 'keep' | 'close' | 'delete';
    };

type Listener = (ctx: Ctx, change: AccountChange) => Promise<void>;
const listeners: Listener[] = [];

/**
 * Registers a listener. Listeners run inside the account change's own transaction (ctx.db is it),
 * so what they write commits or rolls back with the change.
 */
export function onAccountChange(listener: Listener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function emitAccountChange(ctx: Ctx, change: AccountChange): Promise<void> {
  for (const listener of listeners) await listener(ctx, change);
}
