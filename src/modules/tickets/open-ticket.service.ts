import type { Ctx } from '../../platform/context.ts';
import { tx } from '../../platform/db/tx.ts';
import { AppError, assertValid, type FieldErrors } from '../../platform/errors.ts';
import { hasPermission, requireWritable } from '../accounts/index.ts';
import { checkDisplayName, checkEmail, normaliseEmail } from '../accounts/user.validation.ts';
import { rememberGuestAddress } from '../notifications/index.ts';
import { requireActiveCategory, statusIdByCode } from '../taxonomy/index.ts';
import { newTicketKey } from './ticket-key.ts';
import { insertTicket, nextTicketNumber, ticketKeyExists, type Ticket } from './ticket.repo.ts';
import { checkBody, checkSubject } from './ticket.validation.ts';
import { writeActivity } from './ticket-write.ts';
import { attachFiles, hasFiles, type AttachmentInput } from './ticket-attachments.ts';

export interface OpenTicketInput {
  subject: string;
  body: string;
  categoryId: number;
  /** The guest's name and email; required when nobody is logged in, or when staff files on someone's behalf. */
  guest?: { name: string; email: string } | undefined;
  source: 'web' | 'api' | 'email';
  attachments?: AttachmentInput | undefined;
}

interface Issuer {
  userId: number | null;
  name: string;
  email: string;
  locale: string | null;
}

/** Members file under their account; guests (and staff filing for someone else) under a typed name and email. */
function issuerOf(ctx: Ctx, input: OpenTicketInput, errors: FieldErrors): Issuer {
  const actor = ctx.actor;
  const onBehalf = actor.kind === 'user' && input.guest !== undefined && hasPermission(actor, 'tickets');
  if (actor.kind === 'user' && !onBehalf) {
    return { userId: actor.id, name: actor.displayName, email: actor.email, locale: ctx.locale };
  }
  if (actor.kind === 'user' && input.guest === undefined) throw new AppError('FORBIDDEN');
  const name = input.guest?.name ?? '';
  const email = input.guest?.email ?? '';
  checkDisplayName(errors, 'name', name);
  checkEmail(errors, 'email', email);
  return { userId: null, name: name.trim(), email: normaliseEmail(email), locale: ctx.locale };
}

/**
 * A key no ticket has yet. With 144 random bits a collision is practically impossible, but the
 * check costs one index lookup and the unique index still guards the rare race.
 */
async function freshKey(ctx: Ctx): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const key = newTicketKey();
    if (!(await ticketKeyExists(ctx.db, key))) return key;
  }
  throw new Error('could not find a free ticket key');
}

/**
 * Opens a ticket with its first message and history in one transaction. A guest gets the
 * ticket's link by mail through the outbox, since the link is their only key to it.
 */
export async function openTicket(ctx: Ctx, input: OpenTicketInput): Promise<Ticket> {
  requireWritable(ctx.actor);
  const errors: FieldErrors = {};
  const subject = checkSubject(errors, input.subject);
  const body = checkBody(errors, input.body, 'body', hasFiles(input.attachments));
  const issuer = issuerOf(ctx, input, errors);
  assertValid(errors);
  await requireActiveCategory(ctx, input.categoryId);
  return tx(ctx.db, async (trx) => {
    const inner = { ...ctx, db: trx };
    const status = await statusIdByCode(inner, 'new');
    const number = await nextTicketNumber(trx);
    const now = ctx.now();
    const ticket = await insertTicket(trx, {
      key: await freshKey(inner),
      number,
      subject,
      category_id: input.categoryId,
      status_id: status.id,
      priority: 0,
      locked: 0,
      assignee_id: null,
      issuer_user_id: issuer.userId,
      issuer_name: issuer.name,
      issuer_email: issuer.email,
      source: input.source,
      created_at: now,
      last_activity_at: now,
      last_activity_by: issuer.userId,
      // The first message bumps it to 1.
      version: 0,
    });
    const { version, messageId } = await writeActivity(
      inner,
      trx,
      ticket,
      { userId: issuer.userId, role: 'issuer', name: issuer.name },
      {
        message: { body, visibility: 'public', source: input.source },
      },
    );
    await attachFiles(inner, input.attachments, messageId, ticket.id);
    // The confirmation mail is the notifications module's (tickets.activity job); it needs the guest's language.
    if (issuer.userId === null) await rememberGuestAddress(inner, issuer.email, issuer.locale);
    return { ...ticket, version, last_activity_at: now };
  });
}
