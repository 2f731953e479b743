import type { ImapSettingsView, listInboundTokens } from '../../modules/inbound/index.ts';
import { ActionForm, Csrf, Field, FormError, Submit, type FormState } from '../ui/Form.tsx';
import { DeskLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';

export interface InboundSettingsModel {
  tokens: Awaited<ReturnType<typeof listInboundTokens>>;
  /** A token just created, shown once. */
  newToken?: string | undefined;
  tokenForm: FormState;
  imap: ImapSettingsView;
  imapForm: FormState;
  /** The outcome of "Test connection", already a sentence. */
  testResult?: { ok: boolean; text: string } | undefined;
}

function Tokens({ v, m }: { v: View; m: InboundSettingsModel }) {
  const t = v.t.t;
  return (
    <section class="card stack" aria-labelledby="inbound-tokens">
      <h2 id="inbound-tokens" safe>
        {t('desk.inboundSettings.tokens')}
      </h2>
      <p class="muted" safe>
        {t('desk.inboundSettings.tokensHint')}
      </p>
      {m.newToken ? (
        <div class="alert alert-success" role="status">
          <p safe>{t('desk.inboundSettings.newToken')}</p>
          <code class="token" safe>
            {m.newToken}
          </code>
        </div>
      ) : (
        ''
      )}
      {m.tokens.length === 0 ? (
        <p class="empty" safe>
          {t('desk.inboundSettings.noTokens')}
        </p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th safe>{t('desk.inboundSettings.tokenName')}</th>
              <th>Token</th>
              <th safe>{t('desk.inboundSettings.created')}</th>
              <th safe>{t('desk.inboundSettings.lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {m.tokens.map((tok) => (
              <tr>
                <td safe>{tok.name}</td>
                <td>
                  <code safe>{`${tok.token_prefix}…`}</code>
                </td>
                <td safe>{v.t.dateTime(tok.created_at)}</td>
                <td safe>
                  {tok.last_used_at ? v.t.dateTime(tok.last_used_at) : t('desk.inboundSettings.never')}
                </td>
                <td>
                  {tok.revoked_at ? (
                    <span class="muted" safe>
                      {t('desk.inboundSettings.revoked')}
                    </span>
                  ) : (
                    <ActionForm
                      v={v}
                      action={`/desk/settings/inbound/tokens/${tok.id}/revoke`}
                      label={t('desk.inboundSettings.revoke')}
                      variant="danger"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError v={v} form={m.tokenForm} />
      <form method="post" action="/desk/settings/inbound/tokens" class="row-form">
        <Csrf v={v} />
        <Field
          v={v}
          form={m.tokenForm}
          name="name"
          label={t('desk.inboundSettings.tokenName')}
          required
          maxlength={80}
        />
        <Submit label={t('desk.inboundSettings.createToken')} />
      </form>
    </section>
  );
}

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label class="choice">
      <input type="checkbox" name={name} value="on" checked={checked} /> <span safe>{label}</span>
    </label>
  );
}

function Imap({ v, m }: { v: View; m: InboundSettingsModel }) {
  const t = v.t.t;
  const f = m.imapForm;
  const val = (name: string, saved: string | number) => f.values[name] ?? String(saved);
  const flag = (name: string, saved: boolean) => (f.values.shown ? f.values[name] === 'on' : saved);
  const after = f.values.afterAction ?? m.imap.afterAction;
  return (
    <section class="card stack" aria-labelledby="inbound-imap">
      <h2 id="inbound-imap" safe>
        {t('desk.inboundSettings.imap')}
      </h2>
      {m.testResult ? (
        <p class={m.testResult.ok ? 'alert alert-success' : 'alert alert-error'} role="status" safe>
          {m.testResult.text}
        </p>
      ) : (
        ''
      )}
      <FormError v={v} form={f} />
      <form method="post" action="/desk/settings/inbound/imap" class="stack">
        <Csrf v={v} />
        <input type="hidden" name="shown" value="1" />
        <Check
          name="enabled"
          label={t('desk.inboundSettings.enabled')}
          checked={flag('enabled', m.imap.enabled)}
        />
        <Field
          v={v}
          form={f}
          name="host"
          label={t('desk.inboundSettings.host')}
          value={val('host', m.imap.host)}
        />
        <Field
          v={v}
          form={f}
          name="port"
          type="number"
          label={t('desk.inboundSettings.port')}
          value={val('port', m.imap.port)}
        />
        <Check name="tls" label={t('desk.inboundSettings.tls')} checked={flag('tls', m.imap.tls)} />
        <Field
          v={v}
          form={f}
          name="username"
          label={t('desk.inboundSettings.username')}
          value={val('username', m.imap.username)}
          autocomplete="off"
        />
        <Field
          v={v}
          form={f}
          name="password"
          type="password"
          label={t('desk.inboundSettings.password')}
          value=""
          autocomplete="new-password"
          {...(m.imap.hasPassword ? { hint: t('desk.inboundSettings.passwordKept') } : {})}
        />
        <Field
          v={v}
          form={f}
          name="folder"
          label={t('desk.inboundSettings.folder')}
          value={val('folder', m.imap.folder)}
        />
        <fieldset>
          <legend safe>{t('desk.inboundSettings.after')}</legend>
          {(['seen', 'move', 'delete'] as const).map((a) => (
            <label class="choice">
              <input type="radio" name="afterAction" value={a} checked={after === a} />{' '}
              <span safe>{t(`desk.inboundSettings.after.${a}`)}</span>
            </label>
          ))}
        </fieldset>
        <Field
          v={v}
          form={f}
          name="moveFolder"
          label={t('desk.inboundSettings.moveFolder')}
          value={val('moveFolder', m.imap.moveFolder)}
        />
        <Field
          v={v}
          form={f}
          name="pollSeconds"
          type="number"
          label={t('desk.inboundSettings.pollSeconds')}
          value={val('pollSeconds', m.imap.pollSeconds)}
        />
        <p class="actions">
          <button type="submit" name="action" value="save" class="button button-primary" safe>
            {t('desk.inboundSettings.save')}
          </button>
          <button type="submit" name="action" value="test" class="button button-plain" safe>
            {t('desk.inboundSettings.test')}
          </button>
        </p>
      </form>
      {m.imap.lastRunAt ? (
        <p class="muted" safe>{`${t('desk.inboundSettings.lastRun')}: ${v.t.dateTime(m.imap.lastRunAt)}`}</p>
      ) : (
        ''
      )}
      {m.imap.lastError ? (
        <p class="alert alert-error" safe>{`${t('desk.inboundSettings.lastError')}: ${m.imap.lastError}`}</p>
      ) : (
        ''
      )}
    </section>
  );
}

/** Admins: push tokens for the inbound endpoint, and the IMAP mailbox. */
export function InboundSettingsPage({ v, m }: { v: View; m: InboundSettingsModel }) {
  const t = v.t.t;
  return (
    <DeskLayout v={v} title={t('desk.inboundSettings.title')}>
      <h1 safe>{t('desk.inboundSettings.title')}</h1>
      <Tokens v={v} m={m} />
      <Imap v={v} m={m} />
    </DeskLayout>
  );
}
