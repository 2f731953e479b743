import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../accounts/permission.policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { assertValid, type FieldErrors } from '../../platform/errors.ts';
import { tx } from '../../platform/db/tx.ts';
import { LOCALES, isLocale, type Locale } from '../../platform/i18n/i18n.ts';
import { DEFAULT_UPLOAD_TYPES, UPLOAD_TYPES, isUploadType } from '../../platform/storage/file-types.ts';
import { listSettingRows, upsertSetting } from './settings.repo.ts';
import { findUserById } from '../accounts/user.repo.ts';
import {
  DEFAULT_MAIL_SETTINGS,
  MAIL_SETTING_KEYS,
  normaliseMailSettings,
  validateMailSettings,
  type MailSettings,
} from './mail-settings.ts';

export interface SiteSettings extends MailSettings {
  siteName: string;
  defaultLocale: Locale;
  /** The languages people may pick; the default is always among them. */
  enabledLocales: Locale[];
  captchaGuests: boolean;
  captchaMembers: boolean;
  registration: 'open' | 'closed';
  revealStaffNames: boolean;
  /** The attachment types people may upload, as MIME types recognised by content. */
  uploadTypes: string[];
  /** Staff and admins must switch on two-factor authentication before they can work. */
  twoFactorStaff: boolean;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  siteName: 'Parley',
  defaultLocale: 'en',
  enabledLocales: [...LOCALES],
  captchaGuests: true,
  captchaMembers: false,
  registration: 'open',
  revealStaffNames: false,
  uploadTypes: [...DEFAULT_UPLOAD_TYPES],
  twoFactorStaff: false,
  ...DEFAULT_MAIL_SETTINGS,
};

const KEYS: Record<keyof SiteSettings, string> = {
  siteName: 'site_name',
  defaultLocale: 'default_locale',
  enabledLocales: 'enabled_locales',
  captchaGuests: 'captcha_guests',
  captchaMembers: 'captcha_members',
  registration: 'registration',
  revealStaffNames: 'reveal_staff_names',
  uploadTypes: 'upload_types',
  twoFactorStaff: 'two_factor_staff',
  ...MAIL_SETTING_KEYS,
};

/** The site settings, with defaults for anything never saved. Readable by anyone: nothing in it is secret. */
export async function getSiteSettings(ctx: Pick<Ctx, 'db'>): Promise<SiteSettings> {
  const rows = await listSettingRows(ctx.db);
  const result = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const [field, key] of Object.entries(KEYS)) {
    if (rows[key] !== undefined) result[field] = JSON.parse(rows[key]);
  }
  const settings = result as unknown as SiteSettings;
  if (!isLocale(settings.defaultLocale)) settings.defaultLocale = 'en';
  const types = Array.isArray(settings.uploadTypes) ? settings.uploadTypes : DEFAULT_UPLOAD_TYPES;
  settings.uploadTypes = UPLOAD_TYPES.filter((t) => types.includes(t));
  const enabled = Array.isArray(settings.enabledLocales) ? settings.enabledLocales.filter(isLocale) : [];
  settings.enabledLocales = LOCALES.filter((l) => enabled.includes(l) || l === settings.defaultLocale);
  return settings;
}

function validate(input: SiteSettings): FieldErrors {
  const errors: FieldErrors = {};
  const name = input.siteName.trim();
  if (name.length < 1 || name.length > 80) errors.siteName = 'error.field.length';
  if (!isLocale(input.defaultLocale)) errors.defaultLocale = 'error.field.invalid';
  if (!input.enabledLocales.every(isLocale) || !input.enabledLocales.includes(input.defaultLocale))
    errors.enabledLocales = 'error.settings.defaultEnabled';
  if (!['open', 'closed'].includes(input.registration)) errors.registration = 'error.field.invalid';
  if (!input.uploadTypes.every(isUploadType)) errors.uploadTypes = 'error.field.invalid';
  return { ...errors, ...validateMailSettings(input) };
}

/** Saves the site settings (permission `settings`); each changed value lands in the audit trail. */
export async function updateSiteSettings(ctx: Ctx, input: SiteSettings): Promise<SiteSettings> {
  requirePermission(ctx.actor, 'settings');
  const actorId = ctx.actor.id;
  const next = {
    ...normaliseMailSettings(input),
    siteName: input.siteName.trim(),
    enabledLocales: LOCALES.filter((l) => input.enabledLocales.includes(l)),
    twoFactorStaff: input.twoFactorStaff === true,
  };
  assertValid(validate(next));
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const before = await getSiteSettings(inner);
    // An admin who switches mandatory 2FA on must have it: nobody locks the desk to a rule they fail.
    if (next.twoFactorStaff && !before.twoFactorStaff) {
      const me = await findUserById(trx, actorId);
      if (me?.two_factor_at == null) assertValid({ twoFactorStaff: 'error.settings.twoFactorSelfFirst' });
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, key] of Object.entries(KEYS) as [keyof SiteSettings, string][]) {
      if (JSON.stringify(before[field]) === JSON.stringify(next[field])) continue;
      changes[field] = { from: before[field], to: next[field] };
      await upsertSetting(trx, key, JSON.stringify(next[field]), ctx.now());
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit(inner, {
        action: 'settings.update',
        targetType: 'settings',
        targetId: null,
        data: changes,
      });
    }
    return next;
  });
}
