import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { AuditLogTable } from '../../platform/db/types.ts';

export async function insertAuditEntry(db: Db | Tx, entry: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

/** Newest first with the actor's name, keyset-paginated by id. */
export function listAuditEntries(db: Db | Tx, opts: { beforeId?: number; limit: number; action?: string }) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.data',
      'audit_log.ip',
      'audit_log.created_at',
      'audit_log.actor_id',
      'users.display_name as actor_name',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(opts.limit);
  if (opts.beforeId) q = q.where('audit_log.id', '<', opts.beforeId);
  if (opts.action) q = q.where('audit_log.action', 'like', `${opts.action.replace(/[%_]/g, '')}%`);
  return q.execute();
}
