import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser } from '../../src/modules/accounts/index.ts';
import {
  createCategory,
  deleteCategory,
  listCategoriesForAdmin,
  loadLabels,
  moveCategory,
  updateCategory,
} from '../../src/modules/taxonomy/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { buildUser } from '../support/factories.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildTicket, generalCategoryId } from '../support/tickets.ts';
import { adminCtx, auditActions, taxonomySnapshot } from './support.ts';

function rejects(code: string, fields?: Record<string, string>) {
  return (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code);
    if (fields) assert.deepEqual(err.fields, fields);
    return true;
  };
}

describeEachDialect('categories (service)', (use) => {
  it('creates a translated category with a disclaimer, and audits it', async () => {
    const t = use();
    const { admin, ctx } = await adminCtx(t);
    const created = await createCategory(ctx, {
      names: { en: 'Billing', de: 'Abrechnung' },
      disclaimers: { en: 'Never send **card numbers**.', de: '' },
    });
    assert.deepEqual(created.names, { en: 'Billing', de: 'Abrechnung' });
    assert.deepEqual(created.disclaimers, { en: 'Never send **card numbers**.' });
    assert.equal(created.active, true);
    assert.equal(created.version, 1);
    const de = await loadLabels(t.ctx(), 'de');
    assert.equal(de.categories.get(created.id)?.name, 'Abrechnung');
    assert.equal(
      de.categories.get(created.id)?.disclaimer,
      'Never send **card numbers**.',
      'a missing German disclaimer falls back to the default language',
    );
    const audit = await auditActions(t, 'category.');
    assert.equal(audit.at(-1)?.action, 'category.create');
    assert.equal(audit.at(-1)?.actor_id, admin.id);
  });

  it('falls back to the default locale for a missing name', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const only = await createCategory(ctx, { names: { en: 'Hardware' } });
    const labels = await loadLabels(t.ctx(), 'de');
    assert.equal(labels.categories.get(only.id)?.name, 'Hardware');
  });

  it('refuses a missing default-locale name and a duplicate name, writing nothing', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const before = await taxonomySnapshot(t);
    await assert.rejects(
      createCategory(ctx, { names: { de: 'Nur Deutsch' } }),
      rejects('VALIDATION', { 'names.en': 'error.taxonomy.defaultName' }),
    );
    await assert.rejects(
      createCategory(ctx, { names: { en: '  general ', de: 'Etwas' } }),
      rejects('VALIDATION', { 'names.en': 'error.taxonomy.nameTaken' }),
    );
    await assert.rejects(
      createCategory(ctx, { names: { en: 'Fine', de: 'ALLGEMEIN' } }),
      rejects('VALIDATION', { 'names.de': 'error.taxonomy.nameTaken' }),
    );
    await assert.rejects(
      updateCategory(ctx, await generalCategoryId(t), { names: { en: '' } }),
      rejects('VALIDATION', { 'names.en': 'error.taxonomy.defaultName' }),
    );
    assert.equal(await taxonomySnapshot(t), before);
  });

  it('clears a disclaimer, archives, and keeps translations of languages the form did not send', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const c = await createCategory(ctx, {
      names: { en: 'Refunds', de: 'Erstattungen' },
      disclaimers: { en: 'Read the policy.', de: 'Lesen Sie die Richtlinie.' },
    });
    const cleared = await updateCategory(ctx, c.id, {
      names: { en: 'Refunds' },
      disclaimers: { en: '', de: null },
      active: false,
      expectedVersion: c.version,
    });
    assert.deepEqual(cleared.disclaimers, {}, 'a disclaimer can be cleared');
    assert.deepEqual(cleared.names, { en: 'Refunds', de: 'Erstattungen' }, 'German untouched');
    assert.equal(cleared.active, false);
    assert.equal(cleared.version, c.version + 1);
    const labels = await loadLabels(t.ctx(), 'en');
    assert.equal(labels.categories.get(c.id)?.active, false);
  });

  it('refuses a stale edit with STALE_EDIT and writes nothing', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const c = await createCategory(ctx, { names: { en: 'Accounts' } });
    await updateCategory(ctx, c.id, { names: { en: 'Accounts & login' }, expectedVersion: c.version });
    const before = await taxonomySnapshot(t);
    await assert.rejects(
      updateCategory(ctx, c.id, { names: { en: 'Logins' }, expectedVersion: c.version }),
      rejects('STALE_EDIT'),
    );
    assert.equal(await taxonomySnapshot(t), before);
  });

  it('reorders categories without bumping their version', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const a = await createCategory(ctx, { names: { en: 'Alpha' } });
    const b = await createCategory(ctx, { names: { en: 'Beta' } });
    await moveCategory(ctx, b.id, 0);
    const order = (await listCategoriesForAdmin(ctx)).map((c) => c.id);
    assert.equal(order[0], b.id);
    assert.ok(order.indexOf(a.id) > order.indexOf(b.id));
    const after = (await listCategoriesForAdmin(ctx)).find((c) => c.id === b.id);
    assert.equal(after?.version, b.version, 'an open edit form of it is still current');
  });

  it('deletes a category in use only by moving its tickets, one history row each, in one go', async () => {
    const t = use();
    const { admin, ctx } = await adminCtx(t);
    const target = await createCategory(ctx, { names: { en: 'Target' } });
    const general = await generalCategoryId(t);
    const tickets = [await buildTicket(t), await buildTicket(t), await buildTicket(t)];
    const before = await taxonomySnapshot(t);
    await assert.rejects(
      deleteCategory(ctx, general, {}),
      rejects('VALIDATION', { moveTo: 'error.taxonomy.moveToRequired' }),
    );
    await assert.rejects(
      deleteCategory(ctx, general, { moveTo: general }),
      rejects('VALIDATION', { moveTo: 'error.taxonomy.moveToInvalid' }),
    );
    await assert.rejects(
      deleteCategory(ctx, general, { moveTo: 999999 }),
      rejects('VALIDATION', { moveTo: 'error.taxonomy.moveToInvalid' }),
    );
    assert.equal(await taxonomySnapshot(t), before, 'refusals write nothing');

    t.clock.advance(60_000);
    const result = await deleteCategory(ctx, general, { moveTo: target.id });
    assert.equal(result.moved, 3);
    const rows = await t.db.db
      .selectFrom('tickets')
      .select(['id', 'category_id', 'version', 'last_activity_at'])
      .where(
        'id',
        'in',
        tickets.map((x) => x.id),
      )
      .execute();
    for (const row of rows) {
      const was = tickets.find((x) => x.id === row.id)!;
      assert.equal(row.category_id, target.id);
      assert.equal(row.version, was.version + 1);
      assert.equal(Number(row.last_activity_at), t.clock.now());
    }
    const events = await t.db.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('kind', '=', 'category')
      .execute();
    assert.equal(events.length, 3);
    for (const e of events) {
      assert.equal(e.old_value, String(general));
      assert.equal(e.new_value, String(target.id));
      assert.equal(e.actor_user_id, admin.id);
      assert.equal(e.actor_role, 'staff');
      assert.equal(e.actor_name, 'Ada Admin');
      assert.equal(e.internal, 0);
    }
    assert.equal(
      await t.db.db.selectFrom('categories').select('id').where('id', '=', general).executeTakeFirst(),
      undefined,
    );
    const audit = (await auditActions(t, 'category.delete')).at(-1);
    assert.deepEqual(JSON.parse(audit!.data), {
      names: { en: 'General', de: 'Allgemein' },
      moved: 3,
      moveTo: target.id,
    });
  });

  it('deletes an unused category without asking where tickets go', async () => {
    const t = use();
    const { ctx } = await adminCtx(t);
    const c = await createCategory(ctx, { names: { en: 'Unused' } });
    assert.deepEqual(await deleteCategory(ctx, c.id, {}), { moved: 0 });
    await assert.rejects(deleteCategory(ctx, c.id, {}), rejects('NOT_FOUND'));
  });

  it('lets only holders of the categories permission change categories', async () => {
    const t = use();
    const staff = await buildUser(t, { role: 'staff' });
    const granted = await buildUser(t, { role: 'staff', permissions: ['categories'] });
    await assert.rejects(
      createCategory(t.ctx(actorFromUser(staff)), { names: { en: 'X' } }),
      rejects('FORBIDDEN'),
    );
    const ok = await createCategory(t.ctx(actorFromUser(granted)), { names: { en: 'Granted' } });
    assert.equal(ok.names.en, 'Granted');
    await assert.rejects(
      createCategory(t.ctx(actorFromUser(granted, 'write')), { names: { en: 'Token' } }),
      rejects('FORBIDDEN'),
      'a token that is not admin-scoped carries no taxonomy permission',
    );
  });
});
