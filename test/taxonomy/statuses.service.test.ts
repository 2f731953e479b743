import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import {
  createStatus,
  deleteStatus,
  listPriorities,
  loadLabels,
  statusIdByCode,
  updatePriority,
  updateStatus,
} from '../../src/modules/taxonomy/index.ts';
import { resolveMyTicket, ticketPath } from '../../src/modules/tickets/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket, statusId } from '../support/tickets.ts';
import { adminCtx, auditActions, taxonomySnapshot } from './support.ts';

function rejects(code: string, fields?: Record<string, string>) {
  return (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code);
    if (fields) assert.deepEqual(err.fields, fields);
    return true;
  };
}

describeEachDialect('statuses and priorities (service)', (use) => {
  it('creates a status with names, closing flag and colours for both schemes', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const s = await createStatus(ctx, {
      names: { en: 'Waiting for customer', de: 'Wartet auf Kunde' },
      closing: false,
      colors: { light: { background: '#FFF7ED', text: '#7C2D12' }, dark: { background: '#7c2d12' } },
    });
    assert.equal(s.builtin, false);
    assert.equal(s.code, null);
    assert.deepEqual(s.colors, {
      light: { background: '#fff7ed', text: '#7c2d12' },
      dark: { background: '#7c2d12', text: '#ffffff' },
    });
    const de = await loadLabels(t.ctx(), 'de');
    assert.equal(de.statuses.get(s.id)?.name, 'Wartet auf Kunde');
    assert.equal((await auditActions(t, 'status.create')).length, 1);
  });

  it('refuses malformed colours, a missing default name and a duplicate, writing nothing', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const inProgress = await statusId(t, 'in_progress');
    const before = await taxonomySnapshot(t);
    await assert.rejects(
      createStatus(ctx, {
        names: { en: 'Odd' },
        colors: { light: { background: 'red', text: '#12345' }, dark: { background: '#00000g' } },
      }),
      rejects('VALIDATION', {
        'colors.light.background': 'error.taxonomy.color',
        'colors.light.text': 'error.taxonomy.color',
        'colors.dark.background': 'error.taxonomy.color',
      }),
    );
    await assert.rejects(
      createStatus(ctx, { names: { de: 'Nur Deutsch' } }),
      rejects('VALIDATION', { 'names.en': 'error.taxonomy.defaultName' }),
    );
    await assert.rejects(
      updateStatus(ctx, inProgress, { names: { en: 'resolved' } }),
      rejects('VALIDATION', { 'names.en': 'error.taxonomy.nameTaken' }),
    );
    await assert.rejects(
      updateStatus(ctx, inProgress, { colors: { dark: { text: 'white' } } }),
      rejects('VALIDATION', { 'colors.dark.text': 'error.taxonomy.color' }),
    );
    assert.equal(await taxonomySnapshot(t), before);
  });

  it('keeps builtin statuses: no delete, no change of the closing flag', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const fresh = await statusId(t, 'new');
    await buildTicket(t);
    const before = await taxonomySnapshot(t);
    await assert.rejects(deleteStatus(ctx, fresh, {}), rejects('BUILTIN_STATUS'));
    await assert.rejects(
      deleteStatus(ctx, fresh, { moveTo: await statusId(t, 'halted') }),
      rejects('BUILTIN_STATUS'),
    );
    await assert.rejects(
      updateStatus(ctx, fresh, { closing: true }),
      rejects('VALIDATION', { closing: 'error.taxonomy.builtinClosing' }),
    );
    assert.equal(await taxonomySnapshot(t), before);
    const renamed = await updateStatus(ctx, fresh, { names: { en: 'Open' }, closing: false });
    assert.equal(renamed.names.en, 'Open', 'its name and colours stay editable');
  });

  it('moves the tickets of a deleted status to the chosen one, with a history row each', async () => {
    const t = use();
    const { admin, ctx } = await adminCtx(t);
    const halted = await statusId(t, 'halted');
    const inProgress = await statusId(t, 'in_progress');
    const a = await buildTicket(t);
    const b = await buildTicket(t);
    await t.db.db.updateTable('tickets').set({ status_id: halted }).where('id', 'in', [a.id, b.id]).execute();
    const before = await taxonomySnapshot(t);
    await assert.rejects(
      deleteStatus(ctx, halted, {}),
      rejects('VALIDATION', { moveTo: 'error.taxonomy.moveToRequired' }),
    );
    assert.equal(await taxonomySnapshot(t), before);
    assert.deepEqual(await deleteStatus(ctx, halted, { moveTo: inProgress }), { moved: 2 });
    const moved = await t.db.db
      .selectFrom('tickets')
      .select(['status_id', 'version'])
      .where('id', 'in', [a.id, b.id])
      .execute();
    assert.deepEqual(
      moved.map((r) => r.status_id),
      [inProgress, inProgress],
    );
    assert.ok(moved.every((r) => r.version === 2));
    const events = await t.db.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('kind', '=', 'status')
      .where('ticket_id', 'in', [a.id, b.id])
      .execute();
    assert.equal(events.length, 2);
    assert.ok(events.every((e) => e.old_value === String(halted) && e.new_value === String(inProgress)));
    assert.ok(events.every((e) => e.actor_user_id === admin.id && e.actor_role === 'staff'));
  });

  it('keeps at least one closing status, and resolving falls back when "resolved" is gone', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const resolved = await statusId(t, 'resolved');
    const wontFix = await statusId(t, 'wont_fix');
    assert.deepEqual(await deleteStatus(ctx, resolved, {}), { moved: 0 });
    assert.equal(
      (await statusIdByCode(t.ctx(), 'resolved')).id,
      wontFix,
      'the first closing status stands in',
    );
    const member = await buildUser(t);
    const ticket = await buildTicket(t, { issuer: member });
    await resolveMyTicket(t.ctx(actorFromUser(member)), ticket.key);
    const after = await t.db.db
      .selectFrom('tickets')
      .select('status_id')
      .where('id', '=', ticket.id)
      .executeTakeFirst();
    assert.equal(after?.status_id, wontFix, ticketPath(ticket));
    const before = await taxonomySnapshot(t);
    await assert.rejects(
      updateStatus(ctx, wontFix, { closing: false }),
      rejects('VALIDATION', { closing: 'error.taxonomy.lastClosing' }),
    );
    await assert.rejects(
      deleteStatus(ctx, wontFix, { moveTo: await statusId(t, 'new') }),
      rejects('VALIDATION', { status: 'error.taxonomy.lastClosing' }),
    );
    assert.equal(await taxonomySnapshot(t), before);
  });

  it('renames and recolours a priority, refusing stale and malformed edits', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const [backlog] = await listPriorities(t.ctx());
    assert.equal(backlog?.value, -2);
    assert.deepEqual(backlog?.names, { en: 'Backlog', de: 'Rückstand' });
    const updated = await updatePriority(ctx, -2, {
      names: { de: 'Irgendwann' },
      colors: { dark: { background: '#101010', text: '#f0f0f0' } },
      expectedVersion: backlog!.version,
    });
    assert.equal(updated.names.de, 'Irgendwann');
    assert.deepEqual(updated.colors.dark, { background: '#101010', text: '#f0f0f0' });
    assert.equal((await loadLabels(t.ctx(), 'de')).priorities.get(-2), 'Irgendwann');
    const staff = await buildUser(t, { role: 'staff', permissions: ['categories'] });
    const before = await taxonomySnapshot(t);
    await assert.rejects(
      updatePriority(ctx, -2, { names: { de: 'X' }, expectedVersion: backlog!.version }),
      rejects('STALE_EDIT'),
    );
    await assert.rejects(
      updatePriority(ctx, 0, { colors: { light: { text: '#fff' } } }),
      rejects('VALIDATION'),
    );
    await assert.rejects(updatePriority(ctx, 1, { names: { en: 'urgent' } }), rejects('VALIDATION'));
    await assert.rejects(updatePriority(ctx, 3, { names: { en: 'Nope' } }), rejects('NOT_FOUND'));
    await assert.rejects(
      updatePriority(t.ctx(actorFromUser(staff)), 0, { names: { en: 'N' } }),
      rejects('FORBIDDEN'),
    );
    assert.equal(await taxonomySnapshot(t), before);
  });
});
