import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { isStaff, requireUser, requireWritable } from '../accounts/index.ts';
import { activeCategories, loadLabels } from '../taxonomy/index.ts';
import {
  findPrefs,
  listCategoryOptIns,
  replaceCategoryOptIns,
  upsertAddressPrefs,
  upsertPrefs,
} from './prefs.repo.ts';

/** What a person chose; the staff fields only count for staff. */
export interface NotificationSettingsInput {
  created: boolean;
  staffReply: boolean;
  customerReply: boolean;
  assignment: boolean;
  digest: boolean;
  /** 0–23 in the site's time zone. */
  digestHour: number;
  /** Categories whose new tickets (and replies while unassigned) they want. */
  categoryIds: number[];
}

export interface NotificationSettings extends NotificationSettingsInput {
  staff: boolean;
  /** Active categories, for the staff choice. */
  categories: { id: number; name: string }[];
}

/** The signed-in person's notification settings, with the defaults for anything never saved. */
export async function getMyNotificationSettings(ctx: Ctx): Promise<NotificationSettings> {
  requireUser(ctx.actor);
  const staff = isStaff(ctx.actor);
  const [prefs, categoryIds, labels] = await Promise.all([
    findPrefs(ctx.db, ctx.actor.id),
    listCategoryOptIns(ctx.db, ctx.actor.id),
    staff ? loadLabels(ctx, ctx.locale) : undefined,
  ]);
  return {
    staff,
    created: prefs.created === 1,
    staffReply: prefs.staff_reply === 1,
    customerReply: prefs.customer_reply === 1,
    assignment: prefs.assignment === 1,
    digest: prefs.digest === 1,
    digestHour: prefs.digest_hour,
    categoryIds,
    categories: labels ? activeCategories(labels).map((c) => ({ id: c.id, name: c.name })) : [],
  };
}

const flag = (on: boolean) => (on ? 1 : 0);

/**
 * Saves the signed-in person's settings. Customers only have the mails about their own tickets;
 * staff fields sent by a customer are ignored. Unknown categories are dropped.
 */
export async function saveMyNotificationSettings(ctx: Ctx, input: NotificationSettingsInput): Promise<void> {
  requireUser(ctx.actor);
  requireWritable(ctx.actor);
  if (!Number.isInteger(input.digestHour) || input.digestHour < 0 || input.digestHour > 23) {
    throw new AppError('VALIDATION', { digestHour: 'error.field.invalid' });
  }
  const userId = ctx.actor.id;
  const staff = isStaff(ctx.actor);
  await tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const customer = { created: flag(input.created), staff_reply: flag(input.staffReply) };
    const staffPrefs = {
      customer_reply: flag(input.customerReply),
      assignment: flag(input.assignment),
      digest: flag(input.digest),
      digest_hour: input.digestHour,
    };
    await upsertPrefs(trx, userId, staff ? { ...customer, ...staffPrefs } : customer, ctx.now());
    if (!staff) return;
    const known = new Set(activeCategories(await loadLabels(inner, 'en')).map((c) => c.id));
    await replaceCategoryOptIns(
      trx,
      userId,
      [...new Set(input.categoryIds)].filter((id) => known.has(id)),
    );
  });
}

/**
 * Remembers the language a guest wrote in, so mail about their ticket speaks it. Their
 * unsubscribes are kept on the same row and survive this.
 */
export async function rememberGuestAddress(ctx: Ctx, email: string, locale: string | null): Promise<void> {
  await upsertAddressPrefs(
    ctx.db,
    email.trim().toLowerCase(),
    { locale: isLocale(locale) ? locale : null },
    ctx.now(),
  );
}
