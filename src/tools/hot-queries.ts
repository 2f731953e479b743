import { sql, type CompiledQuery, type Kysely } from 'kysely';
import { actorFromUser, type User } from '../modules/accounts/index.ts';
import { listMyTickets, listQueueForStaff, viewTicket } from '../modules/tickets/index.ts';
import type { Ctx } from '../platform/context.ts';
import type { DB } from '../platform/db/types.ts';
import { QueryRecorder } from '../platform/db/query-recorder.ts';

export interface HotQuery {
  name: string;
  sql: string;
  plan: string[];
}

/** The scenarios whose queries must stay index-backed, each run through its real service. */
export function hotScenarios(staff: User, customer: User, ticketKey: string) {
  return [
    {
      name: 'queue-default',
      run: (ctx: Ctx) => listQueueForStaff({ ...ctx, actor: actorFromUser(staff) }, { tab: 'open' }),
    },
    {
      name: 'queue-new',
      run: (ctx: Ctx) => listQueueForStaff({ ...ctx, actor: actorFromUser(staff) }, { tab: 'new' }),
    },
    {
      name: 'queue-mine',
      run: (ctx: Ctx) => listQueueForStaff({ ...ctx, actor: actorFromUser(staff) }, { tab: 'mine' }),
    },
    {
      name: 'queue-all-by-number',
      run: (ctx: Ctx) =>
        listQueueForStaff(
          { ...ctx, actor: actorFromUser(staff) },
          { tab: 'all', sort: 'number', dir: 'desc' },
        ),
    },
    {
      name: 'my-tickets',
      run: (ctx: Ctx) => listMyTickets({ ...ctx, actor: actorFromUser(customer) }, { tab: 'open' }),
    },
    {
      name: 'ticket-view',
      run: (ctx: Ctx) => viewTicket({ ...ctx, actor: actorFromUser(staff) }, ticketKey),
    },
  ];
}

async function explain(db: Kysely<DB>, dialect: 'sqlite' | 'postgres', q: CompiledQuery): Promise<string[]> {
  const prefix = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
  const result = await db.executeQuery<Record<string, unknown>>({ ...q, sql: prefix + q.sql });
  return result.rows.map((r) => String(r.detail ?? r['QUERY PLAN'] ?? JSON.stringify(r)));
}

/** Runs a scenario on a recording db and returns the plan of every SELECT it issued. */
export async function plansOf(ctx: Ctx, run: (ctx: Ctx) => Promise<unknown>): Promise<HotQuery[]> {
  const recorder = new QueryRecorder();
  const db = (ctx.db as Kysely<DB>).withPlugin(recorder);
  await run({ ...ctx, db });
  const out: HotQuery[] = [];
  for (const node of recorder.nodes) {
    if (node.kind !== 'SelectQueryNode') continue;
    const compiled = (ctx.db as Kysely<DB>).getExecutor().compileQuery(node, { queryId: 'plan' } as never);
    out.push({
      name: '',
      sql: compiled.sql,
      plan: await explain(ctx.db as Kysely<DB>, ctx.dialect, compiled),
    });
  }
  return out;
}

export { sql };
