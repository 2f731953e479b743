import type { SsoSettingsView } from '../../modules/sso/index.ts';
import { Csrf, Field, FormError, Submit, type FormState } from '../ui/Form.tsx';
import { DeskLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';

export interface SsoSettingsModel {
  sso: SsoSettingsView;
  form: FormState;
  /** The callback address to register at the provider. */
  redirectUri: string;
}

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label class="choice">
      <input type="checkbox" name={name} value="on" checked={checked} /> <span safe>{label}</span>
    </label>
  );
}

/** Admins: the OpenID Connect provider people may log in with. The client secret is never shown. */
export function SsoSettingsPage({ v, m }: { v: View; m: SsoSettingsModel }) {
  const t = v.t.t;
  const f = m.form;
  const val = (name: string, saved: string) => f.values[name] ?? saved;
  const flag = (name: string, saved: boolean) => (f.values.shown ? f.values[name] === 'on' : saved);
  return (
    <DeskLayout v={v} title={t('desk.sso.title')}>
      <h1 safe>{t('desk.sso.title')}</h1>
      <section class="card stack">
        <p class="muted" safe>
          {t('desk.sso.intro')}
        </p>
        <p>
          <span safe>{t('desk.sso.redirectUri')}</span> <code safe>{m.redirectUri}</code>
        </p>
        <FormError v={v} form={f} />
        <form method="post" action="/desk/settings/sso" class="stack">
          <Csrf v={v} />
          <input type="hidden" name="shown" value="1" />
          <Check name="enabled" label={t('desk.sso.enabled')} checked={flag('enabled', m.sso.enabled)} />
          <Field
            v={v}
            form={f}
            name="issuer"
            type="url"
            label={t('desk.sso.issuer')}
            hint={t('desk.sso.issuerHint')}
            value={val('issuer', m.sso.issuer)}
            maxlength={500}
          />
          <Field
            v={v}
            form={f}
            name="clientId"
            label={t('desk.sso.clientId')}
            value={val('clientId', m.sso.clientId)}
            autocomplete="off"
            maxlength={255}
          />
          <Field
            v={v}
            form={f}
            name="clientSecret"
            type="password"
            label={t('desk.sso.clientSecret')}
            value=""
            autocomplete="new-password"
            {...(m.sso.hasSecret ? { hint: t('desk.sso.secretKept') } : {})}
          />
          <Field
            v={v}
            form={f}
            name="buttonLabel"
            label={t('desk.sso.buttonLabel')}
            hint={t('desk.sso.buttonLabelHint')}
            value={val('buttonLabel', m.sso.buttonLabel)}
            maxlength={60}
          />
          <Check
            name="createAccounts"
            label={t('desk.sso.createAccounts')}
            checked={flag('createAccounts', m.sso.createAccounts)}
          />
          <p class="muted" safe>
            {t('desk.sso.createAccountsHint')}
          </p>
          <Submit label={t('common.save')} />
        </form>
      </section>
    </DeskLayout>
  );
}
