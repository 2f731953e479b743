import type { Ctx } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { insertAuditEntry, listAuditEntries } from './audit.repo.ts';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string | number | null;
  data?: Record<string, unknown>;
}

/** Appends one entry to the admin audit trail, in the caller's transaction. The table refuses updates and deletes. */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  await insertAuditEntry(ctx.db, {
    actor_id: ctx.actor.kind === 'user' ? ctx.actor.id : null,
    action: input.action,
    target_type: input.targetType,
    target_id: input.targetId === null ? null : String(input.targetId),
    data: JSON.stringify(input.data ?? {}),
    ip: ctx.ip,
    created_at: ctx.now(),
  });
}

/** The audit trail, newest first. Admins only. */
export async function listAuditTrail(ctx: Ctx, opts: { beforeId?: number; limit?: number; action?: string }) {
  if (ctx.actor.kind !== 'user' || ctx.actor.role !== 'admin') throw forbidden();
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await listAuditEntries(ctx.db, { ...opts, limit: limit + 1 });
  return {
    rows: rows.slice(0, limit).map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> })),
    nextBeforeId: rows.length > limit ? rows[limit - 1]!.id : undefined,
  };
}
