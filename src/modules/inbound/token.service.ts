import type { Ctx } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { tx, type Db } from '../../platform/db/tx.ts';
import { AppError, assertValid, notFound } from '../../platform/errors.ts';
import { requireAdmin } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { receiveMail } from './pipeline.service.ts';
import {
  findLiveInboundToken,
  insertInboundToken,
  listInboundTokenRows,
  revokeInboundTokenRow,
  touchInboundToken,
} from './token.repo.ts';

const PREFIX = 'prli_';

function requireAdminOrSystem(ctx: Ctx): void {
  if (ctx.actor.kind !== 'system') requireAdmin(ctx.actor);
}

/**
 * Creates a token a mail server uses to push mail to the inbound endpoint (admins, or the CLI).
 * Returns the raw token, shown once; only its hash is stored. Recorded in the audit trail.
 */
export async function createInboundToken(ctx: Ctx, name: string): Promise<string> {
  requireAdminOrSystem(ctx);
  const label = (name ?? '').trim();
  assertValid(label.length >= 1 && label.length <= 80 ? {} : { name: 'error.field.length' });
  const raw = PREFIX + randomToken(32);
  await tx(ctx.db, async (trx) => {
    const id = await insertInboundToken(trx, {
      name: label,
      token_hash: sha256(raw),
      token_prefix: raw.slice(0, PREFIX.length + 6),
      created_by: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      created_at: ctx.now(),
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(
      { ...ctx, db: trx },
      {
        action: 'inbound-token.create',
        targetType: 'inbound_token',
        targetId: id,
        data: { name: label },
      },
    );
  });
  return raw;
}

/** Every inbound token, newest first (admins). */
export async function listInboundTokens(ctx: Ctx) {
  requireAdmin(ctx.actor);
  return listInboundTokenRows(ctx.db);
}

/** Revokes a token at once (admins); an unknown or already revoked token is not found. */
export async function revokeInboundToken(ctx: Ctx, id: number): Promise<void> {
  requireAdmin(ctx.actor);
  await tx(ctx.db, async (trx) => {
    if (!(await revokeInboundTokenRow(trx, id, ctx.now()))) throw notFound();
    await recordAudit(
      { ...ctx, db: trx },
      { action: 'inbound-token.revoke', targetType: 'inbound_token', targetId: id },
    );
  });
}

/** True when the raw token is a live inbound token; its last use is recorded (at most once a minute). */
export async function checkInboundToken(db: Db, raw: string, now: number): Promise<boolean> {
  if (!raw.startsWith(PREFIX) || raw.length > 200) return false;
  const token = await findLiveInboundToken(db, sha256(raw));
  if (!token) return false;
  if ((token.last_used_at ?? 0) < now - 60_000) await touchInboundToken(db, token.id, now);
  return true;
}

/**
 * The inbound endpoint's use case: a mail server pushes a raw mail with an inbound token. An
 * unknown or revoked token is INVALID_TOKEN and nothing is stored; an empty body is VALIDATION.
 */
export async function receivePushedMail(ctx: Ctx, token: string | undefined, raw: Buffer) {
  if (!token || !(await checkInboundToken(ctx.db as Db, token, ctx.now())))
    throw new AppError('INVALID_TOKEN');
  if (raw.length === 0) throw new AppError('VALIDATION', { body: 'error.field.required' });
  return receiveMail(ctx, raw, 'api');
}
