import { LOCALES, LOCALE_NAMES } from '../../platform/i18n/i18n.ts';
import { ActionForm, Csrf, Field, FormError, Submit, type FormState } from '../ui/Form.tsx';
import { PortalLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';

export interface ProfileModel {
  displayName: string;
  email: string;
  locale: string | null;
  sessions: { id: string; current: boolean; lastSeen: string; ip: string; userAgent: string }[];
  tokens: {
    id: number;
    name: string;
    scope: string;
    prefix: string;
    created: string;
    lastUsed: string;
    revoked: boolean;
  }[];
  canAdminScope: boolean;
  /** A token just created, shown once. */
  newToken?: string | undefined;
  forms: { profile: FormState; email: FormState; password: FormState; token: FormState };
}

export function ProfilePage({ v, m }: { v: View; m: ProfileModel }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('profile.title')}>
      <h1 safe>{t('profile.title')}</h1>
      <p>
        <a href="/profile/notifications" safe>
          {t('profile.notificationsLink')}
        </a>{' '}
        ·{' '}
        <a href="/profile/two-factor" safe>
          {t('twoFactor.profileLink')}
        </a>
      </p>
      <div class="grid-2">
        <section class="card" aria-labelledby="profile-basics">
          <h2 id="profile-basics" safe>
            {t('profile.basics')}
          </h2>
          <FormError v={v} form={m.forms.profile} />
          <form method="post" action="/profile" class="stack">
            <Csrf v={v} />
            <Field
              v={v}
              form={m.forms.profile}
              name="displayName"
              label={t('field.displayName')}
              value={m.forms.profile.values.displayName ?? m.displayName}
              required
              maxlength={80}
              autocomplete="name"
            />
            <div class="field">
              <label for="f-locale" safe>
                {t('field.locale')}
              </label>
              <select id="f-locale" name="locale">
                <option value="" selected={!m.locale} safe>
                  {t('profile.localeAuto')}
                </option>
                {LOCALES.map((l) => (
                  <option value={l} selected={m.locale === l} safe>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            </div>
            <Submit label={t('common.save')} />
          </form>
        </section>
        <section class="card" aria-labelledby="profile-email">
          <h2 id="profile-email" safe>
            {t('profile.email')}
          </h2>
          <p>
            <span safe>{t('profile.currentEmail')}</span> <strong safe>{m.email}</strong>
          </p>
          <FormError v={v} form={m.forms.email} />
          <form method="post" action="/profile/email" class="stack">
            <Csrf v={v} />
            <Field
              v={v}
              form={m.forms.email}
              name="email"
              type="email"
              label={t('field.newEmail')}
              required
              autocomplete="email"
            />
            <Field
              v={v}
              form={m.forms.email}
              name="currentPassword"
              type="password"
              label={t('field.currentPassword')}
              required
              autocomplete="current-password"
            />
            <Submit label={t('profile.changeEmail')} />
          </form>
        </section>
        <section class="card" aria-labelledby="profile-password">
          <h2 id="profile-password" safe>
            {t('profile.password')}
          </h2>
          <FormError v={v} form={m.forms.password} />
          <form method="post" action="/profile/password" class="stack">
            <Csrf v={v} />
            <Field
              v={v}
              form={m.forms.password}
              name="currentPassword"
              type="password"
              label={t('field.currentPassword')}
              required
              autocomplete="current-password"
            />
            <Field
              v={v}
              form={m.forms.password}
              name="newPassword"
              type="password"
              label={t('field.newPassword')}
              required
              minlength={10}
              autocomplete="new-password"
              hint={t('field.passwordHint')}
            />
            <Submit label={t('profile.changePassword')} />
          </form>
        </section>
        <section class="card" aria-labelledby="profile-sessions">
          <h2 id="profile-sessions" safe>
            {t('profile.sessions')}
          </h2>
          <ul class="plain-list">
            {m.sessions.map((s) => (
              <li>
                <span safe>{s.userAgent || t('profile.unknownDevice')}</span>
                <span class="muted" safe>{` · ${s.ip} · ${s.lastSeen}`}</span>
                {s.current ? (
                  <span class="badge" safe>
                    {t('profile.thisSession')}
                  </span>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
          <ActionForm
            v={v}
            action="/profile/sessions/end-others"
            label={t('profile.logoutOthers')}
            variant="danger"
          />
        </section>
      </div>
      <section class="card" aria-labelledby="profile-tokens">
        <h2 id="profile-tokens" safe>
          {t('profile.tokens')}
        </h2>
        <p class="muted" safe>
          {t('profile.tokensIntro')}
        </p>
        {m.newToken ? (
          <div class="alert alert-success" role="status">
            <p safe>{t('profile.tokenCreated')}</p>
            <code class="token" safe>
              {m.newToken}
            </code>
          </div>
        ) : (
          ''
        )}
        <table class="table">
          <thead>
            <tr>
              <th safe>{t('field.tokenName')}</th>
              <th safe>{t('field.scope')}</th>
              <th safe>{t('profile.tokenPrefix')}</th>
              <th safe>{t('common.created')}</th>
              <th safe>{t('profile.lastUsed')}</th>
              <th>
                <span class="visually-hidden" safe>
                  {t('common.actions')}
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {m.tokens.map((tok) => (
              <tr class={tok.revoked ? 'muted' : ''}>
                <td safe>{tok.name}</td>
                <td safe>{t(`scope.${tok.scope}`)}</td>
                <td>
                  <code safe>{`${tok.prefix}…`}</code>
                </td>
                <td safe>{tok.created}</td>
                <td safe>{tok.lastUsed}</td>
                <td>
                  {tok.revoked ? (
                    <span safe>{t('profile.revoked')}</span>
                  ) : (
                    <ActionForm
                      v={v}
                      action={`/profile/tokens/${tok.id}/revoke`}
                      label={t('profile.revoke')}
                      variant="danger"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <FormError v={v} form={m.forms.token} />
        <form method="post" action="/profile/tokens" class="row-form">
          <Csrf v={v} />
          <Field
            v={v}
            form={m.forms.token}
            name="name"
            label={t('field.tokenName')}
            required
            maxlength={80}
          />
          <div class="field">
            <label for="f-scope" safe>
              {t('field.scope')}
            </label>
            <select id="f-scope" name="scope">
              {(m.canAdminScope ? ['read', 'write', 'admin'] : ['read', 'write']).map((s) => (
                <option value={s} safe>
                  {t(`scope.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <Submit label={t('profile.createToken')} />
        </form>
      </section>
    </PortalLayout>
  );
}
