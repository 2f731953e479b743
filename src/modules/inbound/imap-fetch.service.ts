import type { ImapFlow, MailboxObject } from 'imapflow';
import type { Ctx } from '../../platform/context.ts';
import { closeImap, connectImap } from './imap-client.ts';
import { savedConnection } from './imap-settings.service.ts';
import { updateImapState } from './imap.repo.ts';
import type { ImapRow } from './inbound.tables.ts';
import { receiveMail } from './pipeline.service.ts';

export const IMAP_FETCH_JOB = 'inbound.imap.fetch';
export const IMAP_POLL_JOB = 'inbound.imap.poll';
export const IMAP_POLL_EVERY_MS = 60_000;

/** What happens to a mail in the mailbox once it is safely stored. */
async function afterStored(client: ImapFlow, row: ImapRow, uid: number): Promise<void> {
  const range = String(uid);
  if (row.after_action === 'move') await client.messageMove(range, row.move_folder, { uid: true });
  else if (row.after_action === 'delete') await client.messageDelete(range, { uid: true });
  else await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
}

/** The UIDs to read: after the bookmark, or (first read, or UIDVALIDITY changed) every unseen mail. */
async function pendingUids(client: ImapFlow, row: ImapRow, fresh: boolean): Promise<number[]> {
  const found = fresh
    ? await client.search({ seen: false }, { uid: true })
    : await client.search({ uid: `${row.last_uid + 1}:*` }, { uid: true });
  // "n:*" always matches the newest mail, even below n.
  return (found || []).filter((uid) => fresh || uid > row.last_uid).sort((a, b) => a - b);
}

/**
 * Reads the folder in UID order. Each mail is stored (and committed, deduplicated) first; only then
 * is the mailbox changed and the bookmark moved. A crash in between reads the mail again, and the
 * store recognises it: no duplicate, no loss. A new UIDVALIDITY means the server renumbered the
 * folder: reading starts over from the unseen mails, again deduplicated by the store.
 */
async function readFolder(ctx: Ctx, client: ImapFlow, row: ImapRow, limit: number): Promise<number> {
  if (row.after_action === 'move') await client.mailboxCreate(row.move_folder).catch(() => undefined);
  const lock = await client.getMailboxLock(row.folder);
  try {
    const box = client.mailbox as MailboxObject;
    const validity = String(box.uidValidity);
    const fresh = row.uid_validity !== validity;
    const uids = (await pendingUids(client, row, fresh)).slice(0, limit);
    if (fresh)
      await updateImapState(ctx.db, { uid_validity: validity, last_uid: uids.length ? 0 : box.uidNext - 1 });
    let stored = 0;
    for (const uid of uids) {
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (message && message.source) {
        await receiveMail(ctx, message.source, 'imap');
        await afterStored(client, row, uid);
        stored++;
      }
      await updateImapState(ctx.db, { uid_validity: validity, last_uid: uid });
    }
    return stored;
  } finally {
    lock.release();
  }
}

/**
 * The IMAP fetch job: stores every new mail of the configured folder and queues it for the
 * pipeline. Does nothing while the mailbox is off or has no password. A failure is recorded on the
 * settings page (last error) and the next run tries again.
 */
export async function fetchImapMail(ctx: Ctx, opts: { limit?: number } = {}): Promise<{ stored: number }> {
  const conn = await savedConnection(ctx);
  if (!conn || conn.row.enabled !== 1) return { stored: 0 };
  try {
    const client = await connectImap(conn);
    let stored: number;
    try {
      stored = await readFolder(ctx, client, conn.row, opts.limit ?? 200);
    } finally {
      await closeImap(client);
    }
    await updateImapState(ctx.db, { last_run_at: ctx.now(), last_error: null });
    return { stored };
  } catch (err) {
    const message = (err as { responseText?: string }).responseText ?? (err as Error).message;
    await updateImapState(ctx.db, { last_run_at: ctx.now(), last_error: String(message).slice(0, 500) });
    return { stored: 0 };
  }
}

/** The recurring poll: fetches when the mailbox is on and its interval has passed. */
export async function pollImapMail(ctx: Ctx): Promise<void> {
  const conn = await savedConnection(ctx).catch(() => undefined);
  if (!conn || conn.row.enabled !== 1) return;
  const due = (conn.row.last_run_at ?? 0) + conn.row.poll_seconds * 1000 - 5000 <= ctx.now();
  if (due) await fetchImapMail(ctx);
}
