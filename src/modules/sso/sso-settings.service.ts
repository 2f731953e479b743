import type { Ctx } from '../../platform/context.ts';
import { tx, type Db, type Tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { openSecretIfValid, sealSecret } from '../../platform/secret-box.ts';
import { requireAdmin } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listSettingRows, upsertSetting } from '../settings/settings.repo.ts';

const PURPOSE = 'oidc-client-secret';

/** The single sign-on settings as the form shows them: never the client secret, only whether one is saved. */
export interface SsoSettingsView {
  enabled: boolean;
  /** The provider's issuer identifier, e.g. https://login.example.com/realms/staff. */
  issuer: string;
  clientId: string;
  hasSecret: boolean;
  /** Shown as "Log in with <label>"; empty for the default wording. */
  buttonLabel: string;
  /** May a verified address that has no account yet get a new customer account? */
  createAccounts: boolean;
}

export type SsoSettingsInput = Omit<SsoSettingsView, 'hasSecret'> & {
  /** Empty keeps the saved secret. */
  clientSecret: string;
};

/** What a login needs: the settings with the secret opened. */
export interface SsoClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  createAccounts: boolean;
}

type Field = keyof Omit<SsoSettingsView, 'hasSecret'>;
const KEYS: Record<Field, string> = {
  enabled: 'oidc_enabled',
  issuer: 'oidc_issuer',
  clientId: 'oidc_client_id',
  buttonLabel: 'oidc_button_label',
  createAccounts: 'oidc_create_accounts',
};
const SECRET_KEY = 'oidc_client_secret';

const DEFAULTS: Omit<SsoSettingsView, 'hasSecret'> = {
  enabled: false,
  issuer: '',
  clientId: '',
  buttonLabel: '',
  createAccounts: false,
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An issuer Parley may talk to: https, or plain http only on this machine's loopback (a provider
 * next to Parley, or a test). Anything else would send the client secret and tokens in the clear.
 */
export function isAllowedIssuer(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.search || url.hash || url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

async function readSettings(db: Db | Tx): Promise<{ view: SsoSettingsView; sealed: string | undefined }> {
  const rows = await listSettingRows(db);
  const view = { ...DEFAULTS, hasSecret: false } as Record<string, unknown>;
  for (const [field, key] of Object.entries(KEYS)) {
    if (rows[key] !== undefined) view[field] = JSON.parse(rows[key]);
  }
  const sealed = rows[SECRET_KEY] ? (JSON.parse(rows[SECRET_KEY]) as string) : undefined;
  return { view: { ...(view as unknown as SsoSettingsView), hasSecret: !!sealed }, sealed };
}

/** The saved single sign-on settings (admins). */
export async function getSsoSettings(ctx: Ctx): Promise<SsoSettingsView> {
  requireAdmin(ctx.actor);
  return (await readSettings(ctx.db)).view;
}

/** The login page's "Log in with …" button: present only when single sign-on is on and complete. */
export async function ssoLoginOption(ctx: Pick<Ctx, 'db'>): Promise<{ label: string } | undefined> {
  const { view } = await readSettings(ctx.db);
  if (!view.enabled || !view.issuer || !view.clientId || !view.hasSecret) return undefined;
  return { label: view.buttonLabel };
}

/** The settings a login uses, secret opened; SSO_DISABLED when single sign-on is off or incomplete. */
export async function ssoClientSettings(ctx: Pick<Ctx, 'db' | 'config'>): Promise<SsoClientSettings> {
  const { view, sealed } = await readSettings(ctx.db);
  if (!view.enabled || !view.issuer || !view.clientId || !sealed || !isAllowedIssuer(view.issuer))
    throw new AppError('SSO_DISABLED');
  // A secret sealed under an APP_SECRET that has since changed: as if none were saved.
  const clientSecret = openSecretIfValid(ctx.config.appSecret, PURPOSE, sealed);
  if (clientSecret === undefined) throw new AppError('SSO_DISABLED');
  return {
    issuer: view.issuer,
    clientId: view.clientId,
    clientSecret,
    createAccounts: view.createAccounts,
  };
}

function normalise(input: SsoSettingsInput): Omit<SsoSettingsView, 'hasSecret'> {
  return {
    enabled: input.enabled === true,
    issuer: (input.issuer ?? '').trim(),
    clientId: (input.clientId ?? '').trim(),
    buttonLabel: (input.buttonLabel ?? '').trim(),
    createAccounts: input.createAccounts === true,
  };
}

// Printable text without line breaks: these values go into URLs, headers and a button.
const CONTROL = /\p{Cc}/u;

function validate(next: Omit<SsoSettingsView, 'hasSecret'>, secret: string, hasSecret: boolean): FieldErrors {
  const errors: FieldErrors = {};
  // Off, the form may be half filled in; on, everything a login needs must be there.
  if (next.issuer ? next.issuer.length > 500 || !isAllowedIssuer(next.issuer) : next.enabled)
    errors.issuer = next.issuer ? 'error.field.ssoIssuer' : 'error.field.required';
  if (next.clientId.length > 255 || CONTROL.test(next.clientId)) errors.clientId = 'error.field.invalid';
  else if (next.enabled && !next.clientId) errors.clientId = 'error.field.required';
  if (secret.length > 1000 || CONTROL.test(secret)) errors.clientSecret = 'error.field.invalid';
  else if (next.enabled && !secret && !hasSecret) errors.clientSecret = 'error.field.required';
  if (next.buttonLabel.length > 60 || CONTROL.test(next.buttonLabel))
    errors.buttonLabel = 'error.field.ssoLabel';
  return errors;
}

/**
 * Saves the single sign-on settings (admins only: whoever chooses the provider chooses who can log
 * in as any account with a verified address, admins included). The client secret is sealed with a
 * key derived from the app secret and kept when the field is left empty. Each change is audited,
 * the secret only as "changed".
 */
export async function saveSsoSettings(ctx: Ctx, input: SsoSettingsInput): Promise<void> {
  requireAdmin(ctx.actor);
  const next = normalise(input);
  const secret = input.clientSecret ?? '';
  await tx(ctx.db, async (trx) => {
    const before = await readSettings(trx);
    assertValid(validate(next, secret, before.view.hasSecret));
    const changes: Record<string, unknown> = {};
    for (const [field, key] of Object.entries(KEYS) as [Field, string][]) {
      if (before.view[field] === next[field]) continue;
      changes[field] = { from: before.view[field], to: next[field] };
      await upsertSetting(trx, key, JSON.stringify(next[field]), ctx.now());
    }
    if (secret) {
      const sealed = sealSecret(ctx.config.appSecret, PURPOSE, secret);
      await upsertSetting(trx, SECRET_KEY, JSON.stringify(sealed), ctx.now());
      changes.clientSecret = 'changed';
    }
    if (Object.keys(changes).length === 0) return;
    await recordAudit(
      { ...ctx, db: trx },
      { action: 'sso.settings.update', targetType: 'settings', targetId: 'sso', data: changes },
    );
  });
}
