import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../accounts/permission.policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { assertValid, type FieldErrors } from '../../platform/errors.ts';
import { tx } from '../../platform/db/tx.ts';
import { isLocale, type Locale } from '../../platform/i18n/i18n.ts';
import { listSettingRows, upsertSetting } from './settings.repo.ts';

export interface SiteSettings {
  siteName: string;
  defaultLocale: Locale;
  captchaGuests: boolean;
  captchaMembers: boolean;
  registration: 'open' | 'closed';
  revealStaffNames: boolean;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  siteName: 'Parley',
  defaultLocale: 'en',
  captchaGuests: true,
  captchaMembers: false,
  registration: 'open',
  revealStaffNames: false,
};

const KEYS: Record<keyof SiteSettings, string> = {
  siteName: 'site_name',
  defaultLocale: 'default_locale',
  captchaGuests: 'captcha_guests',
  captchaMembers: 'captcha_members',
  registration: 'registration',
  revealStaffNames: 'reveal_staff_names',
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
  return settings;
}

function validate(input: SiteSettings): FieldErrors {
  const errors: FieldErrors = {};
  const name = input.siteName.trim();
  if (name.length < 1 || name.length > 80) errors.siteName = 'error.field.length';
  if (!isLocale(input.defaultLocale)) errors.defaultLocale = 'error.field.invalid';
  if (!['open', 'closed'].includes(input.registration)) errors.registration = 'error.field.invalid';
  return errors;
}

/** Saves the site settings (permission `settings`); each changed value lands in the audit trail. */
export async function updateSiteSettings(ctx: Ctx, input: SiteSettings): Promise<SiteSettings> {
  requirePermission(ctx.actor, 'settings');
  const next = { ...input, siteName: input.siteName.trim() };
  assertValid(validate(next));
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const before = await getSiteSettings(inner);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, key] of Object.entries(KEYS) as [keyof SiteSettings, string][]) {
      if (before[field] === next[field]) continue;
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
