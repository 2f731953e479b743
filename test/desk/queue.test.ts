import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import { listQueueForStaff, type QueueQuery, type Ticket } from '../../src/modules/tickets/index.ts';
import { agentFor, buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket, statusId } from '../support/tickets.ts';

describeEachDialect('the staff queue', (use) => {
  let agent: User;
  let other: User;
  let member: User;
  let cat2: number;
  const byName: Record<string, Ticket> = {};
  const DAY = 86400_000;

  before(async () => {
    const t = use();
    agent = await buildUser(t, { role: 'staff', name: 'Alice Agent' });
    other = await buildUser(t, { role: 'staff', name: 'Bob Agent' });
    member = await buildUser(t, { name: 'Mia Member', email: 'mia@example.test' });
    const resolved = await statusId(t, 'resolved');
    const inProgress = await statusId(t, 'in_progress');
    cat2 = (
      await t.db.db
        .insertInto('categories')
        .values({ position: 1, active: 1, created_at: 1, updated_at: 1 } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const specs: [
      string,
      Partial<Record<'status' | 'assignee' | 'priority' | 'category' | 'locked', number | null>>,
      'member' | 'guest',
    ][] = [
      ['alpha crash on start', {}, 'member'],
      ['beta billing question', { assignee: agent.id, priority: 2 }, 'guest'],
      ['gamma resolved thing', { status: resolved, assignee: agent.id }, 'member'],
      [
        'delta in progress',
        { status: inProgress, assignee: other.id, priority: -1, category: cat2 },
        'guest',
      ],
      ['epsilon 100% CPU_usage', { priority: 1 }, 'guest'],
    ];
    for (const [subject, attrs, who] of specs) {
      const ticket = await buildTicket(
        t,
        who === 'member'
          ? { issuer: member, subject }
          : {
              subject,
              guest: {
                name: `Guest ${subject.split(' ')[0]}`,
                email: `${subject.split(' ')[0]}@guests.test`,
              },
            },
      );
      if (Object.keys(attrs).length)
        await t.db.db
          .updateTable('tickets')
          .set({
            ...(attrs.status ? { status_id: attrs.status, closed: attrs.status === resolved ? 1 : 0 } : {}),
            ...(attrs.assignee ? { assignee_id: attrs.assignee } : {}),
            ...(attrs.priority !== undefined ? { priority: attrs.priority as number } : {}),
            ...(attrs.category ? { category_id: attrs.category } : {}),
          })
          .where('id', '=', ticket.id)
          .execute();
      byName[subject.split(' ')[0]!] = ticket;
      t.clock.advance(DAY);
    }
  });

  const subjects = async (q: QueueQuery, who?: User) => {
    const t = use();
    const result = await listQueueForStaff(t.ctx(actorFromUser(who ?? agent)), q);
    return result.rows.map((r) => r.subject.split(' ')[0]);
  };

  it('shows the four tabs with the right tickets', async () => {
    assert.deepEqual(await subjects({ tab: 'new' }), ['epsilon', 'alpha']);
    assert.deepEqual(await subjects({ tab: 'open' }), ['epsilon', 'delta', 'beta', 'alpha']);
    assert.deepEqual(await subjects({ tab: 'mine' }), ['beta']);
    assert.deepEqual(await subjects({ tab: 'all' }), ['epsilon', 'delta', 'gamma', 'beta', 'alpha']);
    assert.deepEqual(await subjects({ tab: 'mine' }, other), ['delta']);
  });

  it('filters by status (several), category, priority and assignee', async () => {
    const t = use();
    const resolved = String(await statusId(t, 'resolved'));
    const inProgress = String(await statusId(t, 'in_progress'));
    assert.deepEqual(await subjects({ tab: 'all', status: [resolved, inProgress] }), ['delta', 'gamma']);
    assert.deepEqual(
      await subjects({ tab: 'open', status: [resolved] }),
      [],
      'the open tab never shows closing statuses',
    );
    assert.deepEqual(await subjects({ tab: 'all', category: String(cat2) }), ['delta']);
    assert.deepEqual(await subjects({ tab: 'all', priority: '2' }), ['beta']);
    assert.deepEqual(await subjects({ tab: 'all', priority: '-1' }), ['delta']);
    assert.deepEqual(await subjects({ tab: 'all', assignee: 'me' }), ['gamma', 'beta']);
    assert.deepEqual(await subjects({ tab: 'all', assignee: 'none' }), ['epsilon', 'alpha']);
    assert.deepEqual(await subjects({ tab: 'all', assignee: String(other.id) }), ['delta']);
  });

  it('filters by issuer account, name and email, subject text and number', async () => {
    assert.deepEqual(await subjects({ tab: 'all', issuer: `user:${member.id}` }), ['gamma', 'alpha']);
    assert.deepEqual(await subjects({ tab: 'all', issuer: 'mia@' }), ['gamma', 'alpha']);
    assert.deepEqual(await subjects({ tab: 'all', issuer: 'guest del' }), ['delta']);
    assert.deepEqual(await subjects({ tab: 'all', q: 'BILLING' }), ['beta']);
    assert.deepEqual(await subjects({ tab: 'all', q: '100%' }), ['epsilon'], 'wildcards match literally');
    assert.deepEqual(await subjects({ tab: 'all', q: 'CPU_u' }), ['epsilon']);
    assert.deepEqual(await subjects({ tab: 'all', q: '_' }), ['epsilon']);
    assert.deepEqual(await subjects({ tab: 'all', q: `#${byName.gamma!.number}` }), ['gamma']);
  });

  it('filters by created and last-activity date ranges', async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const second = byName.beta!.created_at;
    assert.deepEqual(await subjects({ tab: 'all', createdFrom: day(second), createdTo: day(second + DAY) }), [
      'gamma',
      'beta',
    ]);
    assert.deepEqual(await subjects({ tab: 'all', activityFrom: day(second + 3 * DAY) }), ['epsilon']);
    assert.deepEqual(
      await subjects({ tab: 'all', createdFrom: 'not-a-date' }),
      ['epsilon', 'delta', 'gamma', 'beta', 'alpha'],
      'a bad date is ignored',
    );
  });

  it('sorts by last activity, created, priority and number in both directions', async () => {
    assert.deepEqual(await subjects({ tab: 'all', sort: 'activity', dir: 'asc' }), [
      'alpha',
      'beta',
      'gamma',
      'delta',
      'epsilon',
    ]);
    assert.deepEqual(await subjects({ tab: 'all', sort: 'created', dir: 'desc' }), [
      'epsilon',
      'delta',
      'gamma',
      'beta',
      'alpha',
    ]);
    assert.deepEqual(await subjects({ tab: 'all', sort: 'priority', dir: 'desc' }), [
      'beta',
      'epsilon',
      'gamma',
      'alpha',
      'delta',
    ]);
    assert.deepEqual(await subjects({ tab: 'all', sort: 'priority', dir: 'asc' }), [
      'delta',
      'alpha',
      'gamma',
      'epsilon',
      'beta',
    ]);
    assert.deepEqual(await subjects({ tab: 'all', sort: 'number', dir: 'asc' }), [
      'alpha',
      'beta',
      'gamma',
      'delta',
      'epsilon',
    ]);
  });

  it('pages by keyset for every sort without skipping or repeating rows', async () => {
    const t = use();
    for (const sort of ['activity', 'created', 'priority', 'number']) {
      for (const dir of ['asc', 'desc']) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listQueueForStaff(t.ctx(actorFromUser(agent)), {
            tab: 'all',
            sort,
            dir,
            limit: 2,
            cursor,
          });
          seen.push(...page.rows.map((r) => r.subject.split(' ')[0]!));
          cursor = page.next;
        } while (cursor);
        assert.deepEqual(seen, await subjects({ tab: 'all', sort, dir }), `${sort} ${dir}`);
      }
    }
  });

  it('renders the queue page with filters in the URL, names, counts and markers; customers get 404', async () => {
    const t = use();
    const desk = await agentFor(t, agent);
    const page = await desk.get('/desk/tickets?tab=all&sort=number&dir=asc&assignee=me');
    assert.equal(page.status, 200);
    const rows = page.dom.querySelectorAll('table.queue tbody tr');
    assert.deepEqual(
      rows.map((r) => r.querySelector('.queue-subject')?.text.split(' ')[0]),
      ['beta', 'gamma'],
    );
    assert.match(rows[0]!.text, /Alice Agent/);
    assert.equal(rows[0]!.querySelector('td.num')?.text, '1');
    assert.ok(page.dom.querySelector('.tab[aria-current=page][href*="tab=all"]'));
    assert.equal(
      page.dom.querySelector('#q-assignee option[selected]')?.getAttribute('value'),
      'me',
      'the filter state is kept',
    );
    const customer = await agentFor(t, member);
    assert.equal((await customer.get('/desk/tickets')).status, 404);
  });
});
