import type { Ctx } from '../../platform/context.ts';
import { displayNames, requirePermission } from '../accounts/index.ts';
import { loadLabels, PRIORITIES } from '../taxonomy/index.ts';
import { listQueue, type QueueFilter, type QueueSort } from './queue.repo.ts';
import type { TicketListRow } from './ticket.repo.ts';

export const QUEUE_TABS = ['new', 'open', 'mine', 'all'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const QUEUE_PAGE_SIZE = 50;

/** The queue's query as it travels in the URL: every value a string, all optional. */
export interface QueueQuery {
  tab?: string;
  status?: string | string[];
  category?: string;
  priority?: string;
  assignee?: string;
  issuer?: string;
  /** Exact address (the customer page). */
  issuerEmail?: string;
  q?: string;
  createdFrom?: string;
  createdTo?: string;
  activityFrom?: string;
  activityTo?: string;
  sort?: string;
  dir?: string;
  cursor?: string;
  limit?: string | number;
}

export interface QueueRow extends TicketListRow {
  unread: boolean;
  assigneeName: string | null;
  lastActivityName: string;
}

export interface QueueResult {
  tab: QueueTab;
  sort: QueueSort;
  dir: 'asc' | 'desc';
  rows: QueueRow[];
  next?: string | undefined;
}

const int = (v: unknown) => (typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? Number(v) : undefined);
/** A YYYY-MM-DD day as UTC milliseconds; `end` gives the start of the following day. */
function day(v: unknown, end = false): number | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  const ms = Date.parse(`${v}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms + (end ? 86400_000 : 0);
}

function encode(value: number, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decode(raw: unknown): { value: number; id: number } | undefined {
  if (typeof raw !== 'string' || raw.length > 100) return undefined;
  try {
    const [value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    return typeof value === 'number' && typeof id === 'number' ? { value, id } : undefined;
  } catch {
    return undefined;
  }
}

/** Turns the URL query into repository filters; tabs narrow to open statuses and to the viewer. */
function toFilter(q: QueueQuery, me: number, openIds: number[]): { tab: QueueTab; filter: QueueFilter } {
  const tab = (QUEUE_TABS as readonly string[]).includes(q.tab ?? '') ? (q.tab as QueueTab) : 'open';
  const chosen = (Array.isArray(q.status) ? q.status : q.status ? [q.status] : [])
    .map(int)
    .filter((n): n is number => n !== undefined);
  let statusIds: number[] | undefined = chosen.length ? chosen : undefined;
  if (tab !== 'all' && statusIds) statusIds = statusIds.filter((s) => openIds.includes(s));
  const filter: QueueFilter = { statusIds, open: tab !== 'all' };
  if (tab === 'new') filter.assigneeId = null;
  if (tab === 'mine') filter.assigneeId = me;
  if (q.assignee === 'me') filter.assigneeId = me;
  else if (q.assignee === 'none') filter.assigneeId = null;
  else if (int(q.assignee) !== undefined) filter.assigneeId = int(q.assignee);
  filter.categoryId = int(q.category);
  const priority = int(q.priority);
  if (priority !== undefined && (PRIORITIES as readonly number[]).includes(priority))
    filter.priority = priority;
  const issuer = q.issuer?.trim();
  if (issuer?.startsWith('user:')) filter.issuerUserId = int(issuer.slice(5)) ?? -1;
  else if (issuer?.includes('@')) filter.issuerEmailPrefix = issuer;
  else if (issuer) filter.issuerNameContains = issuer;
  if (q.issuerEmail) filter.issuerEmail = q.issuerEmail;
  const text = q.q?.trim();
  if (text && /^#?\d{1,15}$/.test(text)) filter.number = Number(text.replace('#', ''));
  else if (text) filter.subjectContains = text.slice(0, 200);
  filter.createdFrom = day(q.createdFrom);
  filter.createdTo = day(q.createdTo, true);
  filter.activityFrom = day(q.activityFrom);
  filter.activityTo = day(q.activityTo, true);
  return { tab, filter };
}

const SORT_VALUE: Record<QueueSort, (r: TicketListRow) => number> = {
  activity: (r) => r.last_activity_at,
  created: (r) => r.created_at,
  priority: (r) => r.priority,
  number: (r) => r.number,
};

/**
 * The staff queue (permission `tickets`): a tab, any filters, a sort in either direction, 50 rows a
 * page by keyset. Names of assignees and last actors come in one extra query for the whole page.
 */
export async function listQueueForStaff(ctx: Ctx, q: QueueQuery): Promise<QueueResult> {
  requirePermission(ctx.actor, 'tickets');
  const me = ctx.actor.id;
  const labels = await loadLabels(ctx, 'en');
  const openIds = [...labels.statuses.values()].filter((s) => !s.closing).map((s) => s.id);
  const { tab, filter } = toFilter(q, me, openIds);
  const sort: QueueSort =
    (['activity', 'created', 'priority', 'number'] as const).find((s) => s === q.sort) ?? 'activity';
  const dir = q.dir === 'asc' ? 'asc' : 'desc';
  const limit = Math.min(Math.max(Number(q.limit) || QUEUE_PAGE_SIZE, 1), 100);
  const rows = await listQueue(ctx.db, me, filter, { sort, dir, after: decode(q.cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const names = await displayNames(
    ctx,
    page.flatMap((r) => [r.assignee_id ?? 0, r.last_activity_by ?? 0]).filter((n) => n > 0),
  );
  const last = page[page.length - 1];
  return {
    tab,
    sort,
    dir,
    rows: page.map((r) => ({
      ...r,
      unread: r.last_activity_by !== me && r.last_activity_at > (r.seen_at ?? 0),
      assigneeName: r.assignee_id ? (names.get(r.assignee_id) ?? null) : null,
      lastActivityName: r.last_activity_by ? (names.get(r.last_activity_by) ?? '?') : r.issuer_name,
    })),
    next: rows.length > limit && last ? encode(SORT_VALUE[sort](last), last.id) : undefined,
  };
}
