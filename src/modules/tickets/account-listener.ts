import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/tx.ts';
import type { AccountChange } from '../accounts/index.ts';
import { loadLabels, statusIdByCode } from '../taxonomy/index.ts';
import { deleteTicketsInScope, insertEventsForTickets, updateTicketsInScope } from './issuer-history.repo.ts';

async function openStatusIds(ctx: Ctx): Promise<number[]> {
  const labels = await loadLabels(ctx, 'en');
  return [...labels.statuses.values()].filter((s) => !s.closing).map((s) => s.id);
}

function actorOf(ctx: Ctx, fallbackName: string) {
  const a = ctx.actor;
  return a.kind === 'user'
    ? {
        actorUserId: a.id,
        actorRole: a.role === 'customer' ? ('issuer' as const) : ('staff' as const),
        actorName: a.displayName,
      }
    : { actorUserId: null, actorRole: 'system' as const, actorName: fallbackName };
}

/** What the tickets module records when an account changes: history lines, snapshots, and the deletion choice. */
export async function recordAccountChangeOnTickets(ctx: Ctx, change: AccountChange): Promise<void> {
  const trx = ctx.db as Tx;
  const now = ctx.now();
  if (change.kind === 'renamed' || change.kind === 'email-changed') {
    const scope = { issuerUserId: change.userId, statusIds: await openStatusIds(ctx) };
    const kind = change.kind === 'renamed' ? 'issuer_name' : 'issuer_email';
    await insertEventsForTickets(trx, scope, {
      kind,
      ...actorOf(ctx, change.from),
      oldValue: change.from,
      newValue: change.to,
      now,
    });
    await updateTicketsInScope(
      trx,
      scope,
      change.kind === 'renamed' ? { issuer_name: change.to } : { issuer_email: change.to },
      now,
    );
    return;
  }
  const open = { issuerUserId: change.userId, statusIds: await openStatusIds(ctx) };
  const actor = actorOf(ctx, 'Parley');
  if (change.openTickets === 'delete') await deleteTicketsInScope(trx, open);
  if (change.openTickets === 'close') {
    const resolved = await statusIdByCode(ctx, 'resolved');
    await insertEventsForTickets(trx, open, {
      kind: 'status',
      ...actor,
      oldValue: null,
      newValue: String(resolved.id),
      now,
    });
    await updateTicketsInScope(trx, open, { status_id: resolved.id, closed: 1 }, now);
  }
  const all = { issuerUserId: change.userId };
  await insertEventsForTickets(trx, all, {
    kind: 'issuer',
    ...actor,
    oldValue: 'deleted',
    newValue: null,
    now,
  });
  await updateTicketsInScope(trx, all, { issuer_deleted_at: now, issuer_user_id: null }, now);
  const assigned = { assigneeId: change.userId };
  await insertEventsForTickets(trx, assigned, {
    kind: 'assignment',
    ...actor,
    oldValue: String(change.userId),
    newValue: null,
    now,
  });
}
