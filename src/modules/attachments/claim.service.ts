import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { claimPending, listPendingOfOwner } from './attachment.repo.ts';
import { toAttachmentItem, type AttachmentItem } from './attachment-view.ts';
import { ownerKeyOf } from './owner.ts';

export interface ClaimInput {
  /** Pending upload ids from the form (`attachmentIds`) and from files streamed with it. */
  uploadIds: string[];
  messageId: number;
  ticketId: number;
  /** A guest's `parley_uploader` cookie; ignored for logged-in users, who own uploads by id. */
  guestToken?: string | undefined;
}

const ID = /^[A-Za-z0-9_-]{16,32}$/;

/** Distinct, well-formed ids; anything else can never match an upload. */
function cleanIds(ids: string[]): string[] {
  return [...new Set(ids.map((id) => id.trim()).filter((id) => ID.test(id)))];
}

/**
 * Attaches the author's pending uploads to a message, inside the caller's transaction (pass a ctx
 * whose db is the transaction). Every id must be a pending upload of the acting author (a user,
 * or the guest holding the uploader cookie), the count and total size must fit the limits;
 * otherwise VALIDATION on field `files` and, since it throws, the caller's message is rolled back.
 */
export async function claimUploads(ctx: Ctx, input: ClaimInput): Promise<AttachmentItem[]> {
  if (input.uploadIds.length === 0) return [];
  const ids = cleanIds(input.uploadIds);
  const ownerKey = ownerKeyOf(ctx.actor, input.guestToken);
  const invalid = (key: string) => new AppError('VALIDATION', { files: key });
  const wellFormed = input.uploadIds.every((id) => ID.test(id.trim()));
  if (!ownerKey || !wellFormed) throw invalid('attachments.error.unknownUpload');
  if (ids.length > ctx.config.uploadMaxFiles) throw invalid('attachments.error.tooMany');
  return tx(ctx.db, async (trx) => {
    const claimed = await claimPending(trx, ids, ownerKey, {
      messageId: input.messageId,
      ticketId: input.ticketId,
      now: ctx.now(),
    });
    if (claimed.length !== ids.length) throw invalid('attachments.error.unknownUpload');
    const total = claimed.reduce((sum, r) => sum + r.size, 0);
    if (total > ctx.config.uploadMaxMessageBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', { files: 'attachments.error.messageTooLarge' });
    claimed.sort((a, b) => a.position - b.position);
    return claimed.map(toAttachmentItem);
  });
}

/**
 * The author's own pending uploads among `uploadIds`, to show again in a form that came back with
 * an error. Unknown ids, other people's uploads and claimed ones are silently left out.
 */
export async function listPendingUploads(
  ctx: Ctx,
  input: { uploadIds: string[]; guestToken?: string | undefined },
): Promise<AttachmentItem[]> {
  const ids = cleanIds(input.uploadIds);
  const ownerKey = ownerKeyOf(ctx.actor, input.guestToken);
  if (!ownerKey || ids.length === 0) return [];
  const rows = await listPendingOfOwner(ctx.db, ids, ownerKey);
  rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  return rows.map(toAttachmentItem);
}
