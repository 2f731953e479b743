import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { isLocale, translator, type Translator } from '../../platform/i18n/i18n.ts';
import { queueMail } from '../mail/index.ts';
import { getSiteSettings, type SiteSettings } from '../settings/index.ts';
import { loadLabels, type Labels } from '../taxonomy/index.ts';
import { renderDigest, type DigestItem } from './digest-mail.tsx';
import {
  LIST_LIMIT,
  claimDigestRun,
  listDigestCandidates,
  listNewUnassigned,
  listWaitingAssigned,
  setDigestRunOutbox,
  type DigestCandidate,
  type DigestTicketRow,
} from './digest.repo.ts';
import { listCategoryOptIns } from './prefs.repo.ts';
import { formatInZone, localParts } from './time-zone.ts';
import { unsubscribeUrl } from './unsubscribe-token.ts';

/** The digest tick: a recurring job every hour; each run sends the digests whose hour has come. */
export const DIGEST_TICK_JOB = 'notifications.digest';
export const DIGEST_EVERY_MS = 3600_000;

function itemOf(ctx: Ctx, row: DigestTicketRow, t: Translator, labels: Labels, zone: string): DigestItem {
  const last =
    row.last_author && row.last_at !== null
      ? t.t('notify.digest.last', {
          name: row.last_author,
          when: formatInZone(t.locale, Number(row.last_at), zone),
        })
      : t.t('notify.digest.noReply');
  return {
    number: row.number,
    subject: row.subject,
    link: `${ctx.config.publicUrl}/desk/tickets/${row.number}`,
    status: labels.statuses.get(row.status_id)?.name ?? '',
    category: labels.categories.get(row.category_id)?.name ?? '',
    last,
  };
}

/**
 * One person's digest for one local day, in one transaction: the day is claimed first (a unique
 * row), so however many workers or retries get here, at most one digest goes out. An empty digest
 * is claimed and not sent. True when a mail was queued.
 */
export async function sendDigestFor(ctx: Ctx, user: DigestCandidate, day: string, site: SiteSettings) {
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    if (!(await claimDigestRun(trx, user.id, day, ctx.now()))) return false;
    const categories = await listCategoryOptIns(trx, user.id);
    const [waiting, fresh] = [
      await listWaitingAssigned(trx, user.id),
      await listNewUnassigned(trx, categories),
    ];
    if (waiting.length === 0 && fresh.length === 0) return false;
    const locale = isLocale(user.locale) ? user.locale : site.defaultLocale;
    const t = translator(locale);
    const labels = await loadLabels(inner, locale);
    const item = (row: DigestTicketRow) => itemOf(ctx, row, t, labels, site.timeZone);
    const content = renderDigest({
      t,
      name: user.display_name,
      day,
      waiting: waiting.slice(0, LIST_LIMIT).map(item),
      fresh: fresh.slice(0, LIST_LIMIT).map(item),
      more: waiting.length > LIST_LIMIT || fresh.length > LIST_LIMIT,
      deskLink: `${ctx.config.publicUrl}/desk/tickets`,
    });
    const outboxId = await queueMail(inner, {
      to: user.email,
      toName: user.display_name,
      locale,
      template: 'notify.digest',
      params: {},
      content,
      unsubscribeUrl: unsubscribeUrl(ctx, { type: 'digest', userId: user.id }),
      settingsUrl: `${ctx.config.publicUrl}/profile/notifications`,
      reason: t.t('notify.reason.digest'),
      dedupeKey: `digest:${user.id}:${day}`,
    });
    await setDigestRunOutbox(trx, user.id, day, outboxId);
    return true;
  });
}

/**
 * The hourly tick: everyone whose digest hour (in the site's time zone) has come today and who has
 * not had today's digest decided gets it now, so a tick missed while no worker ran is made up later
 * the same day. Returns how many digests were queued.
 */
export async function runDigestTick(ctx: Ctx): Promise<number> {
  const site = await getSiteSettings(ctx);
  const { day, hour } = localParts(ctx.now(), site.timeZone);
  let sent = 0;
  let afterId = 0;
  for (;;) {
    const batch = await listDigestCandidates(ctx.db, day, hour, afterId, 100);
    for (const user of batch) {
      if (await sendDigestFor(ctx, user, day, site)) sent++;
    }
    if (batch.length < 100) return sent;
    afterId = batch[batch.length - 1]!.id;
  }
}
