import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { loadLabels } from '../taxonomy/index.ts';
import { listActiveUsers } from './activity.repo.ts';
import type { MailType, PrefFlags } from './notification.tables.ts';
import { setCategoryOptIn, upsertAddressPrefs, upsertPrefs } from './prefs.repo.ts';
import { parseUnsubscribeToken, type UnsubscribeTarget } from './unsubscribe-token.ts';

/** What an unsubscribe link is about, for its confirmation page. */
export interface UnsubscribeInfo {
  type: MailType;
  /** The address the mails go to. */
  address: string;
  /** For `new_ticket`: the category's name. */
  categoryName?: string | undefined;
}

const COLUMN: Record<Exclude<MailType, 'new_ticket'>, keyof PrefFlags> = {
  created: 'created',
  staff_reply: 'staff_reply',
  customer_reply: 'customer_reply',
  assignment: 'assignment',
  digest: 'digest',
};

function targetOf(ctx: Ctx, token: string): UnsubscribeTarget {
  const target = parseUnsubscribeToken(ctx, token);
  if (!target) throw new AppError('LINK_INVALID');
  return target;
}

/** Reads an unsubscribe link without acting on it (link checkers open links too). LINK_INVALID when forged. */
export async function describeUnsubscribe(ctx: Ctx, token: string): Promise<UnsubscribeInfo> {
  const target = targetOf(ctx, token);
  let address = target.email ?? '';
  if (target.userId !== undefined) {
    const [user] = await listActiveUsers(ctx.db, [target.userId]);
    if (!user) throw new AppError('LINK_INVALID');
    address = user.email;
  }
  const categoryName =
    target.categoryId !== undefined
      ? (await loadLabels(ctx, ctx.locale)).categories.get(target.categoryId)?.name
      : undefined;
  return { type: target.type, address, categoryName };
}

/**
 * Turns the link's mail type off (or back on) for its owner. The signed token is the whole
 * authorisation: it works without logging in, and doing it twice changes nothing.
 */
export async function setSubscription(
  ctx: Ctx,
  token: string,
  subscribed: boolean,
): Promise<UnsubscribeInfo> {
  const info = await describeUnsubscribe(ctx, token);
  const target = targetOf(ctx, token);
  const on = subscribed ? 1 : 0;
  await tx(ctx.db, async (trx) => {
    if (target.type === 'new_ticket') {
      if (target.userId !== undefined && target.categoryId !== undefined)
        await setCategoryOptIn(trx, target.userId, target.categoryId, subscribed);
      return;
    }
    const column = COLUMN[target.type];
    if (target.userId !== undefined) {
      await upsertPrefs(trx, target.userId, { [column]: on }, ctx.now());
    } else if (target.email && (column === 'created' || column === 'staff_reply')) {
      await upsertAddressPrefs(trx, target.email, { [column]: on }, ctx.now());
    }
  });
  return info;
}
