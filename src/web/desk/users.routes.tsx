import type { FastifyInstance } from 'fastify';
import {
  deleteAccount,
  getUserForAdmin,
  resetTwoFactorFor,
  searchUsers,
  setUserAccess,
  setUserDisabled,
} from '../../modules/accounts/index.ts';
import { PERMISSIONS } from '../../platform/context.ts';
import { formBody, formList, redirectWithFlash } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { ActionForm, Csrf, Submit } from '../ui/Form.tsx';
import { DeskLayout } from '../ui/layouts.tsx';
import { Pager } from '../ui/Pager.tsx';
import { attempt, numericParam, optionalNumber, routeKit, type WebDeps } from '../route-kit.ts';

/** Users: search, promote and demote staff, grant permissions, disable accounts (permission `users`). */
export async function deskUserRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/users', async (req, reply) => {
    const q = req.query as { q?: string; role?: string; after?: string };
    const page = await searchUsers(ctx(req), { search: q.q, role: q.role, afterId: optionalNumber(q.after) });
    const v = await view(req, reply);
    const t = v.t.t;
    return sendHtml(
      reply,
      <DeskLayout v={v} title={t('desk.users.title')}>
        <h1 safe>{t('desk.users.title')}</h1>
        <form method="get" action="/desk/users" class="row-form" role="search">
          <div class="field">
            <label for="users-q" safe>
              {t('desk.users.search')}
            </label>
            <input id="users-q" name="q" type="search" value={q.q ?? ''} />
          </div>
          <div class="field">
            <label for="users-role" safe>
              {t('desk.users.role')}
            </label>
            <select id="users-role" name="role">
              <option value="" safe>
                {t('desk.users.anyRole')}
              </option>
              {(['customer', 'staff', 'admin'] as const).map((r) => (
                <option value={r} selected={q.role === r} safe>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <Submit label={t('desk.users.filter')} variant="plain" />
        </form>
        <table class="table">
          <thead>
            <tr>
              <th safe>{t('field.displayName')}</th>
              <th safe>{t('field.email')}</th>
              <th safe>{t('desk.users.role')}</th>
              <th safe>{t('desk.users.state')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((u) => (
              <tr>
                <td>
                  <a href={`/desk/users/${u.id}`} safe>
                    {u.display_name}
                  </a>
                </td>
                <td safe>{u.email}</td>
                <td safe>{t(`role.${u.role}`)}</td>
                <td safe>
                  {u.disabled_at
                    ? t('desk.users.disabled')
                    : u.email_verified_at
                      ? t('desk.users.active')
                      : t('desk.users.unverified')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? (
          <p class="empty" safe>
            {t('desk.users.none')}
          </p>
        ) : (
          ''
        )}
        <Pager
          v={v}
          base="/desk/users"
          cursorName="after"
          cursor={page.nextAfterId}
          params={{ q: q.q, role: q.role }}
        />
      </DeskLayout>,
    );
  });

  app.get('/desk/users/:id', async (req, reply) => {
    const user = await getUserForAdmin(ctx(req), numericParam((req.params as { id: string }).id));
    const v = await view(req, reply);
    const t = v.t.t;
    const granted = new Set(user.permissions.split(',').filter(Boolean));
    const self = user.id === v.user?.id;
    return sendHtml(
      reply,
      <DeskLayout v={v} title={user.display_name}>
        <h1 safe>{user.display_name}</h1>
        <dl class="facts">
          <dt safe>{t('field.email')}</dt>
          <dd safe>{user.email}</dd>
          <dt safe>{t('common.created')}</dt>
          <dd safe>{v.t.dateTime(user.created_at)}</dd>
          <dt safe>{t('desk.users.state')}</dt>
          <dd safe>{user.disabled_at ? t('desk.users.disabled') : t('desk.users.active')}</dd>
          <dt safe>{t('twoFactor.title')}</dt>
          <dd safe>{user.two_factor_at ? t('twoFactor.stateOn') : t('twoFactor.stateOff')}</dd>
        </dl>
        {self ? (
          <p class="alert alert-info" safe>
            {t('desk.users.self')}
          </p>
        ) : (
          <>
            <section class="card">
              <h2 safe>{t('desk.users.access')}</h2>
              <form method="post" action={`/desk/users/${user.id}/access`} class="stack">
                <Csrf v={v} />
                <fieldset>
                  <legend safe>{t('desk.users.role')}</legend>
                  {(['customer', 'staff', 'admin'] as const).map((r) => (
                    <label class="choice">
                      <input
                        type="radio"
                        name="role"
                        value={r}
                        checked={user.role === r}
                        disabled={r === 'admin' && !v.user?.isAdmin}
                      />{' '}
                      <span safe>{t(`role.${r}`)}</span>
                    </label>
                  ))}
                </fieldset>
                <fieldset>
                  <legend safe>{t('desk.users.permissions')}</legend>
                  <p class="field-hint" safe>
                    {t('desk.users.permissionsHint')}
                  </p>
                  {PERMISSIONS.map((p) => (
                    <label class="choice">
                      <input
                        type="checkbox"
                        name="permissions"
                        value={p}
                        checked={p === 'tickets' || user.role === 'admin' || granted.has(p)}
                        disabled={p === 'tickets'}
                      />{' '}
                      <span safe>{t(`permission.${p}`)}</span>
                    </label>
                  ))}
                </fieldset>
                <Submit label={t('common.save')} />
              </form>
            </section>
            <section class="card">
              <h2 safe>{t('desk.users.account')}</h2>
              {v.user?.isAdmin ? (
                <form
                  method="post"
                  action={`/desk/users/${user.id}/delete`}
                  class="stack delete-account"
                  data-confirm={t('desk.users.deleteConfirm')}
                >
                  <Csrf v={v} />
                  <fieldset>
                    <legend safe>{t('desk.users.deleteOpenTickets')}</legend>
                    {(['keep', 'close', 'delete'] as const).map((choice) => (
                      <label class="choice">
                        <input type="radio" name="openTickets" value={choice} checked={choice === 'keep'} />{' '}
                        <span safe>{t(`desk.users.openTickets.${choice}`)}</span>
                      </label>
                    ))}
                  </fieldset>
                  <button type="submit" class="button button-danger" safe>
                    {t('desk.users.delete')}
                  </button>
                </form>
              ) : (
                ''
              )}
              {user.two_factor_at ? (
                <ActionForm
                  v={v}
                  action={`/desk/users/${user.id}/two-factor/reset`}
                  label={t('twoFactor.reset')}
                  confirm={t('twoFactor.resetConfirm')}
                />
              ) : (
                ''
              )}
              {user.disabled_at ? (
                <ActionForm v={v} action={`/desk/users/${user.id}/enable`} label={t('desk.users.enable')} />
              ) : (
                <ActionForm
                  v={v}
                  action={`/desk/users/${user.id}/disable`}
                  label={t('desk.users.disable')}
                  variant="danger"
                  confirm={t('desk.users.disableConfirm')}
                />
              )}
            </section>
          </>
        )}
      </DeskLayout>,
    );
  });

  app.post('/desk/users/:id/access', async (req, reply) => {
    const id = numericParam((req.params as { id: string }).id);
    const body = formBody(req);
    const result = await attempt(() =>
      setUserAccess(ctx(req), id, { role: body.role ?? '', permissions: formList(req, 'permissions') }),
    );
    if (!result.ok)
      return redirectWithFlash(reply, `/desk/users/${id}`, {
        kind: 'error',
        key: `error.${result.error.code}`,
      });
    return redirectWithFlash(reply, `/desk/users/${id}`, { kind: 'success', key: 'flash.accessSaved' });
  });

  app.post('/desk/users/:id/delete', async (req, reply) => {
    const id = numericParam((req.params as { id: string }).id);
    const result = await attempt(() => deleteAccount(ctx(req), id, formBody(req).openTickets ?? ''));
    if (!result.ok)
      return redirectWithFlash(reply, `/desk/users/${id}`, {
        kind: 'error',
        key: `error.${result.error.code}`,
      });
    return redirectWithFlash(reply, '/desk/users', { kind: 'success', key: 'flash.user.deleted' });
  });

  app.post('/desk/users/:id/two-factor/reset', async (req, reply) => {
    const id = numericParam((req.params as { id: string }).id);
    const result = await attempt(() => resetTwoFactorFor(ctx(req), id));
    if (!result.ok)
      return redirectWithFlash(reply, `/desk/users/${id}`, {
        kind: 'error',
        key: `error.${result.error.code}`,
      });
    return redirectWithFlash(reply, `/desk/users/${id}`, { kind: 'success', key: 'twoFactor.resetDone' });
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/desk/users/:id/${action}`, async (req, reply) => {
      const id = numericParam((req.params as { id: string }).id);
      const result = await attempt(() => setUserDisabled(ctx(req), id, disabled));
      if (!result.ok)
        return redirectWithFlash(reply, `/desk/users/${id}`, {
          kind: 'error',
          key: `error.${result.error.code}`,
        });
      return redirectWithFlash(reply, `/desk/users/${id}`, { kind: 'success', key: `flash.user.${action}d` });
    });
  }
}
