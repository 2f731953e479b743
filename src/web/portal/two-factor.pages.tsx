import { renderSVG } from 'uqr';
import type { TwoFactorState } from '../../modules/accounts/index.ts';
import { ActionForm, Csrf, Field, FormError, Submit, type FormState } from '../ui/Form.tsx';
import { PortalLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';

function CodeField({ v, form, hint }: { v: View; form: FormState; hint?: string }) {
  return (
    <Field
      v={v}
      form={form}
      name="code"
      label={v.t.t('twoFactor.code')}
      autocomplete="one-time-code"
      inputmode="text"
      maxlength={40}
      hint={hint}
      required
      autofocus
    />
  );
}

/** The second step of a login: a code from the app, or a recovery code. */
export function SecondStepPage({ v, form }: { v: View; form: FormState }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('twoFactor.loginTitle')}>
      <section class="card narrow">
        <h1 safe>{t('twoFactor.loginTitle')}</h1>
        <p safe>{t('twoFactor.loginIntro')}</p>
        <FormError v={v} form={form} />
        <form method="post" action="/login/two-factor" class="stack">
          <Csrf v={v} />
          <CodeField v={v} form={form} hint={t('twoFactor.loginHint')} />
          <Submit label={t('twoFactor.verify')} />
        </form>
        <p>
          <a href="/login" safe>
            {t('twoFactor.startOver')}
          </a>
        </p>
      </section>
    </PortalLayout>
  );
}

/** The recovery codes, shown once after enrolment or renewal. */
function RecoveryCodes({ v, codes }: { v: View; codes: string[] }) {
  const t = v.t.t;
  return (
    <div class="alert alert-success" role="status">
      <p safe>{t('twoFactor.codesIntro')}</p>
      <ul class="recovery-codes">
        {codes.map((c) => (
          <li>
            <code safe>{c}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface TwoFactorModel {
  state: TwoFactorState;
  form: FormState;
  /** Recovery codes to show once. */
  codes?: string[];
}

function Enrolment({ v, m }: { v: View; m: TwoFactorModel }) {
  const t = v.t.t;
  const pending = m.state.pending;
  if (!pending) {
    return (
      <>
        <p safe>{t('twoFactor.offIntro')}</p>
        <ActionForm v={v} action="/profile/two-factor/start" label={t('twoFactor.start')} variant="primary" />
      </>
    );
  }
  const qr = `data:image/svg+xml;base64,${Buffer.from(renderSVG(pending.uri, { border: 2 })).toString('base64')}`;
  return (
    <>
      <p safe>{t('twoFactor.scan')}</p>
      <img class="qr" src={qr} width="220" height="220" alt={t('twoFactor.qrAlt')} />
      <p>
        <span safe>{t('twoFactor.manual')}</span>{' '}
        <code safe>{pending.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
      </p>
      <FormError v={v} form={m.form} />
      <form method="post" action="/profile/two-factor/confirm" class="stack">
        <Csrf v={v} />
        <CodeField v={v} form={m.form} />
        {m.state.needsPassword ? (
          <Field
            v={v}
            form={m.form}
            name="password"
            type="password"
            label={v.t.t('field.password')}
            autocomplete="current-password"
            required
          />
        ) : (
          ''
        )}
        <Submit label={t('twoFactor.confirm')} />
      </form>
    </>
  );
}

function Enabled({ v, m }: { v: View; m: TwoFactorModel }) {
  const t = v.t.t;
  return (
    <>
      <p safe>{t('twoFactor.onIntro', { count: m.state.recoveryCodesLeft })}</p>
      <FormError v={v} form={m.form} />
      <form method="post" action="/profile/two-factor/recovery-codes" class="stack">
        <Csrf v={v} />
        <CodeField v={v} form={m.form} hint={t('twoFactor.codeHint')} />
        <div class="actions">
          <Submit label={t('twoFactor.newCodes')} />
          {m.state.required ? (
            ''
          ) : (
            <button type="submit" class="button button-danger" formaction="/profile/two-factor/disable" safe>
              {t('twoFactor.disable')}
            </button>
          )}
        </div>
      </form>
    </>
  );
}

/** Profile → two-factor authentication: enrol, renew recovery codes, switch off. */
export function TwoFactorPage({ v, m }: { v: View; m: TwoFactorModel }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('twoFactor.title')}>
      <h1 safe>{t('twoFactor.title')}</h1>
      <p>
        <a href="/profile" safe>
          {t('twoFactor.backToProfile')}
        </a>
      </p>
      {m.state.required && !m.state.enabled ? (
        <div class="alert alert-info" role="status" safe>
          {t('twoFactor.requiredNotice')}
        </div>
      ) : (
        ''
      )}
      {m.codes ? <RecoveryCodes v={v} codes={m.codes} /> : ''}
      <section class="card narrow">
        {m.state.enabled ? <Enabled v={v} m={m} /> : <Enrolment v={v} m={m} />}
      </section>
    </PortalLayout>
  );
}
