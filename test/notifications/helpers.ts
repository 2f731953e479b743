import { actorFromUser, type User } from '../../src/modules/accounts/index.ts';
import { updateUser } from '../../src/modules/accounts/user.repo.ts';
import { saveMyNotificationSettings } from '../../src/modules/notifications/index.ts';
import { getSiteSettings, updateSiteSettings, type SiteSettings } from '../../src/modules/settings/index.ts';
import type { TestApp } from '../support/app.ts';
import { buildUser } from '../support/factories.ts';
import { generalCategoryId } from '../support/tickets.ts';

/** Changes site settings as an admin, keeping everything else. */
export async function setSite(t: TestApp, patch: Partial<SiteSettings>): Promise<void> {
  const admin = await buildUser(t, { role: 'admin' });
  const current = await getSiteSettings({ db: t.db.db });
  await updateSiteSettings(t.ctx(actorFromUser(admin)), { ...current, ...patch });
  t.deps.settings.invalidate();
}

/** A staff member with the given notification choices (all mails and the General category by default). */
export async function buildStaff(
  t: TestApp,
  opts: {
    name?: string;
    email?: string;
    locale?: string;
    follow?: boolean;
    digest?: boolean;
    digestHour?: number;
  } = {},
): Promise<User> {
  const staff = await buildUser(t, {
    role: 'staff',
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.email ? { email: opts.email } : {}),
  });
  if (opts.locale) await updateUser(t.db.db, staff.id, { locale: opts.locale });
  await saveMyNotificationSettings(t.ctx(actorFromUser(staff)), {
    created: true,
    staffReply: true,
    customerReply: true,
    assignment: true,
    digest: opts.digest ?? true,
    digestHour: opts.digestHour ?? 8,
    categoryIds: opts.follow === false ? [] : [await generalCategoryId(t)],
  });
  return { ...staff, locale: opts.locale ?? staff.locale };
}

/** A customer account, optionally with a preferred language. */
export async function buildCustomer(
  t: TestApp,
  opts: { email?: string; name?: string; locale?: string } = {},
) {
  const user = await buildUser(t, {
    ...(opts.email ? { email: opts.email } : {}),
    ...(opts.name ? { name: opts.name } : {}),
  });
  if (opts.locale) await updateUser(t.db.db, user.id, { locale: opts.locale });
  return { ...user, locale: opts.locale ?? user.locale };
}

/** The angle-bracket ids of a References header. */
export function refs(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean);
}
