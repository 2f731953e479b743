import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Tx } from '../platform/db/tx.ts';
import { hashPassword } from '../modules/accounts/password.ts';
import { slugify } from '../modules/tickets/index.ts';

export interface SeedOptions {
  tickets: number;
  messages: number;
  /** Called with (done, total) after each batch. */
  progress?: (done: number, total: number) => void;
  now?: number;
}

const YEAR = 365 * 86400_000;
const WORDS = [
  'crash',
  'login',
  'refund',
  'server',
  'lag',
  'mod',
  'save',
  'world',
  'invoice',
  'sound',
  'launcher',
  'update',
  'linux',
  'mac',
  'password',
  'purchase',
  'texture',
  'multiplayer',
  'freeze',
  'key',
];
const BATCH = 400;

/** A small deterministic generator, so runs are comparable. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertUsers(
  db: Database['db'],
  count: number,
  role: 'customer' | 'staff',
  hash: string,
  now: number,
  offset: number,
) {
  const ids: number[] = [];
  for (let i = 0; i < count; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => ({
      email: `${role}${offset + i + j}@seed.test`,
      display_name: `${role === 'staff' ? 'Agent' : 'Customer'} ${offset + i + j}`,
      password_hash: hash,
      role,
      permissions: '',
      locale: (i + j) % 5 === 0 ? 'de' : 'en',
      email_verified_at: now,
      disabled_at: null,
      created_at: now - YEAR * 2,
      updated_at: now,
    }));
    const out = await db.insertInto('users').values(rows).returning('id').execute();
    ids.push(...out.map((r) => r.id));
  }
  return ids;
}

interface Context {
  staff: number[];
  customers: number[];
  categories: number[];
  open: number[];
  closed: number[];
  now: number;
  rand: () => number;
  messages: number;
}

function pick<T>(rand: () => number, list: T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

async function insertTicketBatch(trx: Tx, c: Context, startNumber: number, size: number): Promise<void> {
  const { rand } = c;
  const tickets = Array.from({ length: size }, (_, i) => {
    const created = c.now - Math.floor(rand() * 2 * YEAR);
    const member = rand() < 0.6;
    const customer = pick(rand, c.customers);
    const isOpen = rand() < 0.3;
    const closed = isOpen ? 0 : 1;
    const subject = `${pick(rand, WORDS)} ${pick(rand, WORDS)} ${pick(rand, WORDS)} problem ${startNumber + i}`;
    return {
      number: startNumber + i,
      key: randomBytes(18).toString('base64url'),
      subject,
      category_id: pick(rand, c.categories),
      status_id: isOpen ? pick(rand, c.open) : pick(rand, c.closed),
      priority: Math.floor(rand() * 5) - 2,
      locked: rand() < 0.02 ? 1 : 0,
      assignee_id: rand() < 0.6 ? pick(rand, c.staff) : null,
      issuer_user_id: member ? customer : null,
      issuer_name: member ? `Customer ${customer}` : `Guest ${startNumber + i}`,
      issuer_email: member ? `customer${customer}@seed.test` : `guest${startNumber + i}@seed.test`,
      source: 'web' as const,
      created_at: created,
      last_activity_at: created + Math.floor(rand() * 30 * 86400_000),
      last_activity_by: null,
      version: c.messages,
      message_count: c.messages,
      closed,
    };
  });
  const ids = await trx.insertInto('tickets').values(tickets).returning(['id']).execute();
  const messages = ids.flatMap(({ id }, i) =>
    Array.from({ length: c.messages }, (_, m) => {
      const staff = m % 2 === 1;
      const body = `${staff ? 'Thanks for the report about' : 'I have a problem with'} ${slugify(tickets[i]!.subject).replace(/-/g, ' ')}.`;
      return {
        ticket_id: id,
        author_user_id: staff ? pick(rand, c.staff) : tickets[i]!.issuer_user_id,
        author_role: staff ? ('staff' as const) : ('issuer' as const),
        author_name: staff ? 'Agent' : tickets[i]!.issuer_name,
        visibility: staff && m % 4 === 3 ? ('internal' as const) : ('public' as const),
        body_md: body,
        body_html: `<p>${body}</p>`,
        source: 'web' as const,
        created_at: tickets[i]!.created_at + m * 3600_000,
      };
    }),
  );
  for (let i = 0; i < messages.length; i += BATCH * 2) {
    const chunk = messages.slice(i, i + BATCH * 2);
    const mids = await trx.insertInto('messages').values(chunk).returning(['id']).execute();
    await trx
      .insertInto('ticket_events')
      .values(
        chunk.map((m, j) => ({
          ticket_id: m.ticket_id,
          actor_user_id: m.author_user_id,
          actor_role: m.author_role,
          actor_name: m.author_name,
          kind: 'message' as const,
          old_value: null,
          new_value: null,
          message_id: mids[j]!.id,
          internal: m.visibility === 'internal' ? 1 : 0,
          created_at: m.created_at,
        })),
      )
      .execute();
  }
  const reads = ids
    .filter(() => rand() < 0.3)
    .map(({ id }) => ({
      user_id: pick(rand, c.staff),
      ticket_id: id,
      seen_at: c.now - Math.floor(rand() * YEAR),
    }));
  if (reads.length)
    await trx
      .insertInto('ticket_reads')
      .values(reads)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/**
 * Fills the database with realistic load-test data: staff, customers, categories, tickets spread
 * over two years with messages, history and read markers. Batched multi-row inserts, one
 * transaction per batch. Returns what it created.
 */
export async function seedLarge(database: Database, opts: SeedOptions) {
  const db = database.db;
  const now = opts.now ?? Date.now();
  const rand = rng(42);
  if (database.dialect === 'sqlite') await sql`PRAGMA synchronous = OFF`.execute(db);
  const hash = await hashPassword('seed password 1');
  const existing = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const offset = Number(existing.n);
  const staff = await insertUsers(db, 20, 'staff', hash, now, offset);
  const customers = await insertUsers(
    db,
    Math.max(10, Math.ceil(opts.tickets / 20)),
    'customer',
    hash,
    now,
    offset,
  );
  const statuses = await db.selectFrom('statuses').select(['id', 'closing']).execute();
  const categories = (await db.selectFrom('categories').select('id').where('active', '=', 1).execute()).map(
    (r) => r.id,
  );
  const counter = await db
    .selectFrom('counters')
    .select('value')
    .where('name', '=', 'ticket_number')
    .executeTakeFirstOrThrow();
  let next = Number(counter.value) + 1;
  const c: Context = {
    staff,
    customers,
    categories,
    open: statuses.filter((s) => s.closing === 0).map((s) => s.id),
    closed: statuses.filter((s) => s.closing === 1).map((s) => s.id),
    now,
    rand,
    messages: Math.max(1, opts.messages),
  };
  for (let done = 0; done < opts.tickets;) {
    const size = Math.min(BATCH * 5, opts.tickets - done);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < size; i += BATCH)
        await insertTicketBatch(trx, c, next + i, Math.min(BATCH, size - i));
      await trx
        .updateTable('counters')
        .set({ value: next + size - 1 })
        .where('name', '=', 'ticket_number')
        .execute();
    });
    next += size;
    done += size;
    opts.progress?.(done, opts.tickets);
  }
  if (database.dialect === 'postgres') await sql`ANALYZE`.execute(db);
  else await sql`PRAGMA optimize`.execute(db);
  return {
    tickets: opts.tickets,
    messages: opts.tickets * c.messages,
    staff: staff.length,
    customers: customers.length,
  };
}
