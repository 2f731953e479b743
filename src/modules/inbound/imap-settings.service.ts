import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { assertValid, type FieldErrors } from '../../platform/errors.ts';
import { requireAdmin } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { closeImap, connectImap, type ImapConnection } from './imap-client.ts';
import { findImapRow, saveImapRow } from './imap.repo.ts';
import type { AfterAction, ImapRow } from './inbound.tables.ts';
import { openSecret, sealSecret } from '../../platform/secret-box.ts';

const PURPOSE = 'inbound-imap-password';
const AFTER: AfterAction[] = ['seen', 'move', 'delete'];

/** The mailbox settings as the form shows them: never the password, only whether one is saved. */
export interface ImapSettingsView {
  enabled: boolean;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  hasPassword: boolean;
  folder: string;
  afterAction: AfterAction;
  moveFolder: string;
  pollSeconds: number;
  lastRunAt: number | null;
  lastError: string | null;
}

export type ImapSettingsInput = Omit<
  ImapSettingsView,
  'hasPassword' | 'lastRunAt' | 'lastError' | 'port' | 'pollSeconds'
> & {
  port: number | string;
  pollSeconds: number | string;
  /** Empty keeps the saved password. */
  password: string;
};

const DEFAULTS: ImapSettingsView = {
  enabled: false,
  host: '',
  port: 993,
  tls: true,
  username: '',
  hasPassword: false,
  folder: 'INBOX',
  afterAction: 'seen',
  moveFolder: 'Processed',
  pollSeconds: 60,
  lastRunAt: null,
  lastError: null,
};

function viewOf(row: ImapRow | undefined): ImapSettingsView {
  if (!row) return DEFAULTS;
  return {
    enabled: row.enabled === 1,
    host: row.host,
    port: row.port,
    tls: row.tls === 1,
    username: row.username,
    hasPassword: !!row.password_enc,
    folder: row.folder,
    afterAction: row.after_action,
    moveFolder: row.move_folder,
    pollSeconds: row.poll_seconds,
    lastRunAt: row.last_run_at,
    lastError: row.last_error,
  };
}

/** The saved mailbox settings (admins). */
export async function getImapSettings(ctx: Ctx): Promise<ImapSettingsView> {
  requireAdmin(ctx.actor);
  return viewOf(await findImapRow(ctx.db));
}

function validate(input: ImapSettingsInput) {
  const errors: FieldErrors = {};
  const port = Number(input.port);
  const poll = Number(input.pollSeconds);
  const host = input.host.trim();
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(host)) errors.host = 'error.field.host';
  if (!Number.isInteger(port) || port < 1 || port > 65535) errors.port = 'error.field.port';
  if (!Number.isInteger(poll) || poll < 60 || poll > 3600) errors.pollSeconds = 'error.field.pollSeconds';
  if (!input.username.trim() || input.username.length > 254) errors.username = 'error.field.required';
  if (!input.folder.trim() || input.folder.length > 200) errors.folder = 'error.field.required';
  if (!AFTER.includes(input.afterAction)) errors.afterAction = 'error.field.invalid';
  if (input.afterAction === 'move' && !input.moveFolder.trim()) errors.moveFolder = 'error.field.required';
  assertValid(errors);
  return { host, port, poll };
}

/**
 * Saves the mailbox settings (admins). The password is sealed with a key derived from the app
 * secret and kept when the field is left empty. A different server, user or folder starts reading
 * afresh. Recorded in the audit trail (without the password).
 */
export async function saveImapSettings(ctx: Ctx, input: ImapSettingsInput): Promise<void> {
  requireAdmin(ctx.actor);
  const { host, port, poll } = validate(input);
  await tx(ctx.db, async (trx) => {
    const before = await findImapRow(trx);
    const password = input.password
      ? sealSecret(ctx.config.appSecret, PURPOSE, input.password)
      : (before?.password_enc ?? null);
    const values = {
      enabled: input.enabled ? 1 : 0,
      host,
      port,
      tls: input.tls ? 1 : 0,
      username: input.username.trim(),
      password_enc: password,
      folder: input.folder.trim(),
      after_action: input.afterAction,
      move_folder: input.moveFolder.trim(),
      poll_seconds: poll,
      updated_at: ctx.now(),
    };
    const moved =
      !before ||
      before.host !== host ||
      before.username !== values.username ||
      before.folder !== values.folder;
    await saveImapRow(trx, values, moved);
    const { password_enc: _secret, ...logged } = values;
    await recordAudit(
      { ...ctx, db: trx },
      { action: 'inbound-imap.update', targetType: 'inbound_imap', targetId: 1, data: logged },
    );
  });
}

/** How to reach the saved mailbox, password unsealed; undefined without settings or password. */
export async function savedConnection(
  ctx: Pick<Ctx, 'db' | 'config'>,
): Promise<(ImapConnection & { row: ImapRow }) | undefined> {
  const row = await findImapRow(ctx.db);
  if (!row?.password_enc) return undefined;
  const password = openSecret(ctx.config.appSecret, PURPOSE, row.password_enc);
  return { host: row.host, port: row.port, tls: row.tls === 1, username: row.username, password, row };
}

/**
 * "Test connection" (admins): logs in with the form's values (the saved password when the field is
 * empty) and opens the folder. Reports the message count and whether the server can IDLE.
 */
export async function testImapConnection(
  ctx: Ctx,
  input: ImapSettingsInput,
): Promise<{ ok: true; messages: number; idle: boolean } | { ok: false; error: string }> {
  requireAdmin(ctx.actor);
  const { host, port } = validate(input);
  const saved = input.password ? undefined : await savedConnection(ctx);
  try {
    const client = await connectImap(
      {
        host,
        port,
        tls: input.tls,
        username: input.username.trim(),
        password: input.password || saved?.password || '',
      },
      10_000,
    );
    try {
      const status = await client.status(input.folder.trim(), { messages: true });
      if (!status) return { ok: false, error: `folder ${input.folder} not found` };
      return { ok: true, messages: status.messages ?? 0, idle: client.capabilities.has('IDLE') };
    } finally {
      await closeImap(client);
    }
  } catch (err) {
    return {
      ok: false,
      error: ((err as { responseText?: string }).responseText ?? (err as Error).message).slice(0, 300),
    };
  }
}
