import type { Ctx } from '../../platform/context.ts';
import { listByMessages } from './attachment.repo.ts';
import { toAttachmentItem, type AttachmentItem } from './attachment-view.ts';

/**
 * The files of several messages in one query, for a timeline or an API page: message id → its
 * attachments in upload order. The caller has already left out messages the viewer may not see
 * (internal notes for customers); this does no visibility check of its own.
 */
export async function listAttachmentsForMessages(
  ctx: Ctx,
  messageIds: number[],
): Promise<Map<number, AttachmentItem[]>> {
  const result = new Map<number, AttachmentItem[]>();
  const ids = [...new Set(messageIds)];
  if (ids.length === 0) return result;
  for (const row of await listByMessages(ctx.db, ids)) {
    const list = result.get(row.message_id!) ?? [];
    list.push(toAttachmentItem(row));
    result.set(row.message_id!, list);
  }
  return result;
}
