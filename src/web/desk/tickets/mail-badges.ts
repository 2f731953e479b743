import { inboundBadgesForMessages } from '../../../modules/inbound/index.ts';
import type { TimelineEntry } from '../../../modules/tickets/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { TimelineItem } from '../../portal/tickets/ticket.page.tsx';
import { timelineItems } from '../../portal/tickets/ticket.view-model.ts';
import type { View } from '../../ui/view.ts';

/**
 * The desk timeline, each mailed message carrying its routing decision and a link to the original
 * mail (one query for the whole timeline, none when nothing came by mail).
 */
export async function withMailBadges(ctx: Ctx, v: View, entries: TimelineEntry[]): Promise<TimelineItem[]> {
  const mailed = entries.flatMap((e) => (e.type === 'message' && e.source === 'email' ? [e.messageId] : []));
  const badges = mailed.length ? await inboundBadgesForMessages(ctx, mailed) : new Map();
  // timelineItems maps entry by entry, so the entry of an item is the one at its index.
  return timelineItems(v.t, entries).map((item, i) => {
    const entry = entries[i]!;
    const badge = entry.type === 'message' ? badges.get(entry.messageId) : undefined;
    if (!badge || item.type !== 'message') return item;
    return {
      ...item,
      mail: {
        decision: v.t.t(badge.key, badge.values),
        originalUrl: badge.originalUrl,
        gmailUrl: badge.gmailUrl,
      },
    };
  });
}
