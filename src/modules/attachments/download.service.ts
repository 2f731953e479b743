import type { Readable } from 'node:stream';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ObjectMissingError, type Storage } from '../../platform/storage/storage.ts';
import { hasPermission } from '../accounts/index.ts';
import { findTicketForActor } from '../tickets/index.ts';
import { findAttachmentWithTicket, type AttachmentWithTicket } from './attachment.repo.ts';
import { ownerKeyOf } from './owner.ts';
import { THUMB_TYPE } from './thumbnail.ts';

export interface OpenedFile {
  name: string;
  type: string;
  size: number | undefined;
  sha256: string | undefined;
  stream: Readable;
}

const ID = /^[A-Za-z0-9_-]{16,32}$/;

/**
 * Whether the actor may see this attachment. A pending upload: only its owner. A claimed one: the
 * actor must see the ticket under the tickets' own rule (findTicketForActor: staff see all, a
 * member their own tickets and guest tickets, a guest guest tickets), and an internal note's files
 * are for staff only. For guest tickets the random attachment id stands in for the ticket key:
 * it is only ever shown on that ticket's pages.
 */
async function mayRead(
  ctx: Ctx,
  att: AttachmentWithTicket,
  guestToken: string | undefined,
): Promise<boolean> {
  if (att.claimed_at === null) return ownerKeyOf(ctx.actor, guestToken) === att.owner_key;
  if (!att.ticket_key || !att.visibility) return false;
  try {
    await findTicketForActor(ctx, att.ticket_key);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return false;
    throw err;
  }
  return att.visibility === 'public' || hasPermission(ctx.actor, 'tickets');
}

/**
 * Opens an attachment (or its thumbnail) for download. Anything the actor may not see, and
 * anything missing, is NOT_FOUND: never a hint that the file exists.
 */
export async function openAttachment(
  ctx: Ctx,
  storage: Storage,
  id: string,
  opts: { guestToken?: string | undefined; thumbnail?: boolean } = {},
): Promise<OpenedFile> {
  if (!ID.test(id)) throw new AppError('NOT_FOUND');
  const att = await findAttachmentWithTicket(ctx.db, id);
  if (!att || !(await mayRead(ctx, att, opts.guestToken))) throw new AppError('NOT_FOUND');
  const key = opts.thumbnail ? att.thumb_key : att.storage_key;
  if (!key) throw new AppError('NOT_FOUND');
  try {
    const stream = await storage.get(key);
    return opts.thumbnail
      ? { name: `${att.name}.webp`, type: THUMB_TYPE, size: undefined, sha256: undefined, stream }
      : { name: att.name, type: att.content_type, size: att.size, sha256: att.sha256, stream };
  } catch (err) {
    if (err instanceof ObjectMissingError) throw new AppError('NOT_FOUND');
    throw err;
  }
}
