import { loadConfig } from '../src/config/config.ts';
import { systemCtx } from '../src/jobs.ts';
import { actorFromUser, createApiTokenFor, createUser, startSession } from '../src/modules/accounts/index.ts';
import { listQueueForStaff, openTicket, replyToTicket, ticketPath } from '../src/modules/tickets/index.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { seedLarge } from '../src/tools/seed-large.ts';

export interface Fixtures {
  staffCookie: string;
  memberCookie: string;
  memberCsrf: string;
  staffToken: string;
  categoryId: number;
  statusIds: number[];
  bigTicketNumber: number;
  replyTicketNumber: number;
  memberTicketPath: string;
  filteredQueuePath: string;
  deepQueuePath: string;
}

/** Seeds the data set and the accounts, sessions and tickets the scenarios use. */
export async function prepareFixtures(
  env: Record<string, string>,
  tickets: number,
  messages: number,
): Promise<Fixtures> {
  const config = loadConfig({ ...process.env, ...env, CAPTCHA: 'off', LOG_LEVEL: 'silent' });
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const ctx = systemCtx({ config, database, now: Date.now });
  await seedLarge(database, { tickets, messages });
  const staff = await createUser(ctx, {
    email: 'bench-admin@seed.test',
    password: 'bench password 1',
    displayName: 'Bench Admin',
    role: 'admin',
  });
  const member = await createUser(ctx, {
    email: 'bench-member@seed.test',
    password: 'bench password 1',
    displayName: 'Bench Member',
    role: 'customer',
  });
  const staffCtx = { ...ctx, actor: actorFromUser(staff) };
  const memberCtx = { ...ctx, actor: actorFromUser(member) };
  const category = await database.db
    .selectFrom('categories')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const mine = [];
  for (let i = 0; i < 30; i++)
    mine.push(
      await openTicket(memberCtx, {
        subject: `Bench member ticket ${i}`,
        body: 'Hello',
        categoryId: category.id,
        source: 'web',
      }),
    );
  const big = mine[0]!;
  for (let i = 0; i < 49; i++)
    await replyToTicket(i % 2 ? memberCtx : staffCtx, big.key, {
      body: `Message ${i} with some **markdown** and a [link](https://example.com).`,
    });
  const statuses = await database.db
    .selectFrom('statuses')
    .select(['id', 'closing'])
    .where('closing', '=', 0)
    .execute();
  const someAssignee = await database.db
    .selectFrom('tickets')
    .select(['assignee_id', 'status_id', 'category_id'])
    .where('assignee_id', 'is not', null)
    .where('closed', '=', 0)
    .limit(1)
    .executeTakeFirstOrThrow();
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++)
    cursor = (await listQueueForStaff(staffCtx, { tab: 'all', cursor })).next ?? cursor;
  const staffCookie = `parley_session=${await startSession(ctx, staff, { method: 'password', userAgent: 'bench' })}`;
  const memberCookie = `parley_session=${await startSession(ctx, member, { method: 'password', userAgent: 'bench' })}`;
  const staffToken = await createApiTokenFor(ctx, staff, 'bench', 'write');
  await database.destroy();
  return {
    staffCookie,
    memberCookie,
    memberCsrf: '',
    staffToken,
    categoryId: category.id,
    statusIds: statuses.map((s) => s.id).slice(0, 2),
    bigTicketNumber: big.number,
    replyTicketNumber: mine[1]!.number,
    memberTicketPath: ticketPath(big),
    filteredQueuePath: `/desk/tickets?tab=all&assignee=${someAssignee.assignee_id}&status=${someAssignee.status_id}&category=${someAssignee.category_id}`,
    deepQueuePath: `/desk/tickets?tab=all&cursor=${cursor ?? ''}`,
  };
}

/** Fetches a form page once to get a CSRF cookie and token for POST scenarios. */
export async function withCsrf(base: string, cookie: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${base}/tickets/new`, { headers: { cookie } });
  const html = await res.text();
  const token = /name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const setCookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie: `${cookie}; ${setCookie}`, token };
}
