import type { FastifyInstance } from 'fastify';
import { listAssignableStaff } from '../../../modules/accounts/index.ts';
import { loadLabels, PRIORITIES } from '../../../modules/taxonomy/index.ts';
import { QUEUE_TABS, listQueueForStaff, type QueueQuery } from '../../../modules/tickets/index.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import { labelModel } from '../../portal/tickets/ticket.view-model.ts';
import { routeKit, type WebDeps } from '../../route-kit.ts';
import { QueuePage, type QueueModel } from './queue.page.tsx';
import { customerHref } from './customer-href.ts';

const KEYS = [
  'tab',
  'status',
  'category',
  'priority',
  'assignee',
  'issuer',
  'q',
  'createdFrom',
  'createdTo',
  'activityFrom',
  'activityTo',
  'sort',
  'dir',
] as const;

/** The query string of a queue view, keeping only known, non-empty parameters. */
export function queueQuery(raw: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of KEYS) {
    const value = raw[key];
    if (Array.isArray(value)) {
      const list = value.filter((x): x is string => typeof x === 'string' && x !== '');
      if (list.length) out[key] = list;
    } else if (typeof value === 'string' && value !== '') out[key] = value.slice(0, 200);
  }
  return out;
}

export function queueHref(
  query: Record<string, string | string[]>,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...extra }))
    for (const item of ([] as string[]).concat(v)) params.append(k, item);
  const s = params.toString();
  return s ? `/desk/tickets?${s}` : '/desk/tickets';
}

/** The staff queue: tabs, filters in the URL, sortable, keyset-paged. */
export async function deskQueueRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/tickets', async (req, reply) => {
    const raw = req.query as Record<string, unknown>;
    const query = queueQuery(raw);
    const c = ctx(req);
    const [result, labels, staff] = await Promise.all([
      listQueueForStaff(c, {
        ...(query as QueueQuery),
        cursor: typeof raw.cursor === 'string' ? raw.cursor : undefined,
      }),
      loadLabels(c, req.locale),
      listAssignableStaff(c),
    ]);
    const v = await view(req, reply);
    const t = v.t.t;
    const now = deps.now();
    const { tab: _tab, ...rest } = query;
    const model: QueueModel = {
      tab: result.tab,
      tabs: QUEUE_TABS.map((key) => ({ key, href: queueHref({ ...rest, tab: key }) })),
      query: { ...query, tab: result.tab },
      statuses: [...labels.statuses.values()].map((s) => ({
        value: String(s.id),
        label: s.closing ? `${s.name} ${t('queue.closingMark')}` : s.name,
      })),
      categories: [...labels.categories.values()].map((c2) => ({ value: String(c2.id), label: c2.name })),
      priorities: PRIORITIES.map((p) => ({ value: String(p), label: labels.priorities.get(p) ?? String(p) })),
      assignees: [
        { value: 'me', label: t('queue.assignee.me') },
        { value: 'none', label: t('queue.assignee.none') },
        ...staff.map((s) => ({ value: String(s.id), label: s.display_name })),
      ],
      rows: result.rows.map((r) => ({
        number: r.number,
        subject: r.subject,
        issuer: r.issuer_name,
        customerHref: customerHref(r),
        labels: labelModel(labels, r),
        assignee: r.assigneeName ?? '',
        lastActivity: v.t.relative(r.last_activity_at, now),
        lastActivityIso: new Date(r.last_activity_at).toISOString(),
        lastActivityBy: r.lastActivityName,
        messages: r.message_count,
        unread: r.unread,
      })),
      nextHref: result.next ? queueHref({ ...query, tab: result.tab }, { cursor: result.next }) : undefined,
      firstHref: queueHref({ ...query, tab: result.tab }),
    };
    return sendHtml(reply, <QueuePage v={v} m={model} />);
  });
}
