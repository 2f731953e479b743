import type { Ctx } from '../../platform/context.ts';
import { claimUploads } from '../attachments/index.ts';

/** Files sent with a message: pending upload ids, and the guest's uploader token when not logged in. */
export interface AttachmentInput {
  uploadIds: string[];
  guestToken?: string | undefined;
}

export function hasFiles(attachments: AttachmentInput | undefined): boolean {
  return !!attachments && attachments.uploadIds.length > 0;
}

/** Claims the files for the message just written, in the same transaction (ctx.db is it). */
export async function attachFiles(
  ctx: Ctx,
  attachments: AttachmentInput | undefined,
  messageId: number | undefined,
  ticketId: number,
) {
  if (!hasFiles(attachments) || messageId === undefined) return;
  await claimUploads(ctx, {
    uploadIds: attachments!.uploadIds,
    messageId,
    ticketId,
    guestToken: attachments!.guestToken,
  });
}
