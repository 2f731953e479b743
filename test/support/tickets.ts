import { openTicket, type Ticket } from '../../src/modules/tickets/index.ts';
import type { User } from '../../src/modules/accounts/index.ts';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import { anonymous } from '../../src/platform/context.ts';
import type { TestApp } from './app.ts';

let seq = 0;

/** The seeded "General" category. */
export async function generalCategoryId(t: TestApp): Promise<number> {
  const row = await t.db.db.selectFrom('categories').select('id').orderBy('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Opens a ticket through the service: as the member when given, else as a guest. */
export async function buildTicket(
  t: TestApp,
  opts: { issuer?: User; subject?: string; body?: string; guest?: { name: string; email: string } } = {},
): Promise<Ticket> {
  seq++;
  const ctx = t.ctx(opts.issuer ? actorFromUser(opts.issuer) : anonymous);
  return openTicket(ctx, {
    subject: opts.subject ?? `Ticket ${seq}: the game crashes`,
    body: opts.body ?? `Body of ticket ${seq}`,
    categoryId: await generalCategoryId(t),
    guest: opts.issuer
      ? undefined
      : (opts.guest ?? { name: `Guest ${seq}`, email: `guest${seq}@example.test` }),
    source: 'web',
  });
}

export async function statusId(t: TestApp, code: string): Promise<number> {
  return (
    await t.db.db.selectFrom('statuses').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  ).id;
}

/** Puts a ticket in a seeded status directly (test setup), keeping the open/closed flag in step. */
export async function setStatus(t: TestApp, ticketId: number, code: string): Promise<void> {
  const row = await t.db.db
    .selectFrom('statuses')
    .select(['id', 'closing'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  await t.db.db
    .updateTable('tickets')
    .set({ status_id: row.id, closed: row.closing })
    .where('id', '=', ticketId)
    .execute();
}
