import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import type { Ctx } from '../../src/platform/context.ts';
import type { TestApp } from '../support/app.ts';
import { buildUser } from '../support/factories.ts';

/** An admin and a context acting as them. */
export async function adminCtx(t: TestApp): Promise<{ admin: User; ctx: Ctx }> {
  const admin = await buildUser(t, { role: 'admin', name: 'Ada Admin' });
  return { admin, ctx: t.ctx(actorFromUser(admin)) };
}

/**
 * Everything a taxonomy change could write, as one comparable value: a refused change must leave
 * it exactly as it was.
 */
export async function taxonomySnapshot(t: TestApp): Promise<string> {
  const db = t.db.db;
  const [categories, catTexts, statuses, statusTexts, priorities, prioTexts, audit, events, tickets] =
    await Promise.all([
      db.selectFrom('categories').selectAll().orderBy('id').execute(),
      db.selectFrom('category_translations').selectAll().orderBy('category_id').orderBy('locale').execute(),
      db.selectFrom('statuses').selectAll().orderBy('id').execute(),
      db.selectFrom('status_translations').selectAll().orderBy('status_id').orderBy('locale').execute(),
      db.selectFrom('priorities').selectAll().orderBy('value').execute(),
      db.selectFrom('priority_translations').selectAll().orderBy('priority').orderBy('locale').execute(),
      db.selectFrom('audit_log').select(['id']).orderBy('id').execute(),
      db.selectFrom('ticket_events').select(['id']).orderBy('id').execute(),
      db.selectFrom('tickets').select(['id', 'category_id', 'status_id', 'version']).orderBy('id').execute(),
    ]);
  return JSON.stringify({
    categories,
    catTexts,
    statuses,
    statusTexts,
    priorities,
    prioTexts,
    audit,
    events,
    tickets,
  });
}

/** The newest audit entries with the given action prefix. */
export async function auditActions(
  t: TestApp,
  prefix: string,
): Promise<{ action: string; actor_id: number | null; data: string }[]> {
  return t.db.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'data'])
    .where('action', 'like', `${prefix}%`)
    .orderBy('id')
    .execute();
}
