import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actorFromUser, createMyApiToken, setUserAccess } from '../../src/modules/accounts/index.ts';
import { recordAudit } from '../../src/modules/audit/index.ts';
import { agentFor, buildUser, logInWithForm } from '../support/factories.ts';
import { Agent } from '../support/http.ts';
import { describeEachDialect } from '../support/suite.ts';

describeEachDialect('admin audit trail', (use) => {
  it('is append-only in the database itself: UPDATE and DELETE fail and change nothing', async () => {
    const t = use();
    const admin = await buildUser(t, { role: 'admin' });
    await recordAudit(t.ctx(actorFromUser(admin)), {
      action: 'settings.update',
      targetType: 'settings',
      targetId: null,
      data: { siteName: { from: 'a', to: 'b' } },
    });
    const before = await t.db.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    assert.ok(before.length >= 2);
    await assert.rejects(t.db.db.updateTable('audit_log').set({ action: 'forged' }).execute(), /append-only/);
    await assert.rejects(t.db.db.deleteFrom('audit_log').execute(), /append-only/);
    await assert.rejects(
      t.db.db.deleteFrom('audit_log').where('id', '=', before[0]!.id).execute(),
      /append-only/,
    );
    assert.deepEqual(await t.db.db.selectFrom('audit_log').selectAll().orderBy('id').execute(), before);
  });

  it('records staff logins, permission changes and token creation, and shows them to admins only', async () => {
    const t = use();
    const admin = await buildUser(t, { role: 'admin' });
    const staff = await buildUser(t, { role: 'staff' });
    await logInWithForm(new Agent(t.app), staff.email);
    await setUserAccess(t.ctx(actorFromUser(admin)), staff.id, {
      role: 'staff',
      permissions: ['tickets', 'users'],
    });
    await createMyApiToken(t.ctx(actorFromUser(admin)), 'ci', 'read');
    const actions = (await t.db.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    for (const action of ['auth.login', 'user.access', 'token.create'])
      assert.ok(actions.includes(action), action);

    const page = await (await agentFor(t, admin)).get('/desk/audit');
    assert.equal(page.status, 200);
    const whats = page.dom.querySelectorAll('tbody tr td:nth-child(3)').map((td) => td.text);
    assert.ok(whats.includes('Staff login'), whats.join(', '));
    assert.ok(!whats.some((w) => w.startsWith('audit.')), `every action has a name: ${whats.join(', ')}`);
    // Staff, even with the users permission, do not read the trail.
    assert.equal(
      (await (await agentFor(t, { ...staff, permissions: 'tickets,users' })).get('/desk/audit')).status,
      403,
    );
  });
});
