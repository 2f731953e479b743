import {
  actorFromUser,
  createApiTokenFor,
  requestPasswordReset,
  revokeMyApiToken,
  startSession,
  type User,
} from '../../../src/modules/accounts/index.ts';
import { issueUserToken } from '../../../src/modules/accounts/user-token.service.ts';
import { saveProduct } from '../../../src/modules/commerce/index.ts';
import { createInboundToken, receiveMail } from '../../../src/modules/inbound/index.ts';
import { makeUnsubscribeToken } from '../../../src/modules/notifications/index.ts';
import { createCategory, createStatus } from '../../../src/modules/taxonomy/index.ts';
import { ticketPath, type Ticket } from '../../../src/modules/tickets/index.ts';
import { randomToken } from '../../../src/platform/crypto.ts';
import { buildInvoice, buildPurchase } from '../../commerce/fixtures.ts';
import { MULTIPART, multipartBody, pngImage } from '../../attachments/support.ts';
import type { TestApp } from '../../support/app.ts';
import { agentFor, buildUser } from '../../support/factories.ts';
import { buildTicket, generalCategoryId } from '../../support/tickets.ts';

/** The actors of the matrix, in the column order of the expectations file. */
export const ACTORS = [
  'anonymous',
  'guestWithKey',
  'guestWithoutKey',
  'owner',
  'otherCustomer',
  'staffWithout',
  'staffWith',
  'admin',
  'disabled',
  'revokedToken',
] as const;
export type ActorName = (typeof ACTORS)[number];

/** How an actor proves who it is: a session (browser routes) and an API token (API routes). */
interface Credentials {
  user?: User;
  token?: string;
}

export interface MatrixFixtures {
  credentials: Record<ActorName, Credentials>;
  /** The ticket owned by the `owner` customer, and a guest ticket opened without an account. */
  memberTicket: Ticket;
  guestTicket: Ticket;
  /** A ticket of the owner whose link the matrix renews (so the others keep their keys). */
  renewTicket: Ticket;
  /** A well-formed key no ticket has. */
  missingKey: string;
  ids: Record<string, string>;
}

const RAW_MAIL =
  'From: Someone <someone@example.test>\r\nTo: support@parley.test\r\nSubject: Hello\r\n\r\nHi\r\n';

/** Staff permissions other than `tickets` (which staff always hold). */
const ALL_STAFF_PERMISSIONS = ['categories', 'statuses', 'commerce', 'refunds', 'settings', 'users'];

async function token(t: TestApp, user: User, scope: 'write' | 'admin'): Promise<string> {
  return createApiTokenFor(t.ctx(), user, `matrix ${scope}`, scope);
}

/** An attachment uploaded by the owner and posted on their ticket, through the real routes. */
async function ownerAttachment(t: TestApp, owner: User, ticket: Ticket): Promise<string> {
  const agent = await agentFor(t, owner);
  const up = await agent.request({
    method: 'POST',
    url: '/attachments',
    headers: { 'content-type': MULTIPART, 'x-csrf-token': agent.csrf ?? '', accept: 'application/json' },
    payload: multipartBody([
      { name: 'files', filename: 'pixel.png', type: 'image/png', data: await pngImage() },
    ]),
  });
  const { id } = JSON.parse(up.body) as { id: string };
  await agent.get(ticketPath(ticket));
  const res = await agent.post(`/tickets/${ticket.key}/replies`, { body: 'a screenshot', attachmentIds: id });
  if (res.status !== 303) throw new Error(`reply with attachment failed: ${res.status}`);
  return id;
}

/** Accounts, tokens and one of everything a route can name, so every path parameter is real. */
export async function buildMatrixFixtures(t: TestApp): Promise<MatrixFixtures> {
  const owner = await buildUser(t, { name: 'Owner Olga' });
  const other = await buildUser(t, { name: 'Other Otto' });
  const staffWithout = await buildUser(t, { role: 'staff', name: 'Basic Bea' });
  const staffWith = await buildUser(t, { role: 'staff', permissions: ALL_STAFF_PERMISSIONS });
  const admin = await buildUser(t, { role: 'admin', name: 'Admin Ada' });
  const disabled = await buildUser(t, { role: 'admin', name: 'Disabled Dora' });
  const target = await buildUser(t, { name: 'Target Tom' });
  const adminCtx = t.ctx(actorFromUser(admin));

  const revoked = await token(t, admin, 'admin');
  const revokedRow = await t.db.db
    .selectFrom('api_tokens')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  await revokeMyApiToken(adminCtx, revokedRow.id);
  const disabledToken = await token(t, disabled, 'admin');
  await token(t, owner, 'write');
  const spareRow = await t.db.db
    .selectFrom('api_tokens')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

  const memberTicket = await buildTicket(t, { issuer: owner, subject: 'Owner ticket' });
  const guestTicket = await buildTicket(t, { subject: 'Guest ticket' });
  const renewTicket = await buildTicket(t, { issuer: owner, subject: 'Renewed ticket' });
  const attachment = await ownerAttachment(t, owner, memberTicket);
  const category = await createCategory(adminCtx, { names: { en: 'Matrix category' } });
  const status = await createStatus(adminCtx, { names: { en: 'Matrix status' } });
  // A ticket no route touches uses them, so deleting either needs a target first: a delete route
  // can be tried by every actor without one of them removing the fixture for the next.
  const anchor = await buildTicket(t, { subject: 'Anchor ticket' });
  await t.db.db
    .updateTable('tickets')
    .set({ category_id: category.id, status_id: status.id })
    .where('id', '=', anchor.id)
    .execute();
  const product = await saveProduct(adminCtx, undefined, {
    name: 'Matrix product',
    price: 100,
    currency: 'EUR',
  });
  const purchase = await buildPurchase(t, { userId: owner.id, email: owner.email });
  const invoice = await buildInvoice(t, { userId: owner.id, email: owner.email });
  await requestPasswordReset(t.ctx(), target.email);
  const outbox = await t.db.db.selectFrom('outbox').select('id').orderBy('id').executeTakeFirstOrThrow();
  const reset = await issueUserToken(t.ctx(), 'reset', target.id);
  const inbound = await receiveMail(t.ctx(), Buffer.from(RAW_MAIL), 'api');
  await createInboundToken(adminCtx, 'matrix');
  const inboundToken = await t.db.db
    .selectFrom('inbound_tokens')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  // Disabled after its token and fixtures exist, straight in the table: the session and token
  // checks themselves must refuse it, not the clean-up that disabling through the desk does.
  await t.db.db
    .updateTable('users')
    .set({ disabled_at: t.clock.now() })
    .where('id', '=', disabled.id)
    .execute();

  return {
    credentials: {
      anonymous: {},
      guestWithKey: {},
      guestWithoutKey: {},
      owner: { user: owner, token: await token(t, owner, 'write') },
      otherCustomer: { user: other, token: await token(t, other, 'write') },
      staffWithout: { user: staffWithout, token: await token(t, staffWithout, 'write') },
      staffWith: { user: staffWith, token: await token(t, staffWith, 'write') },
      admin: { user: admin, token: await token(t, admin, 'admin') },
      disabled: { user: disabled, token: disabledToken },
      revokedToken: { token: revoked },
    },
    memberTicket,
    guestTicket,
    renewTicket,
    missingKey: randomToken(18),
    ids: {
      attachment,
      category: String(category.id),
      status: String(status.id),
      product: String(product.id),
      purchase: String(purchase.id),
      invoice: String(invoice.id),
      outbox: String(outbox.id),
      user: String(target.id),
      owner: String(owner.id),
      ownerRef: `user:${owner.id}`,
      ticketNumber: String(memberTicket.number),
      generalCategory: String(await generalCategoryId(t)),
      ownerEmail: owner.email,
      spareToken: String(spareRow.id),
      reset,
      inboundMail: String(inbound.id),
      inboundToken: String(inboundToken.id),
      unsubscribe: makeUnsubscribeToken(t.ctx(), { type: 'staff_reply', userId: owner.id }),
    },
  };
}

/** A fresh session cookie for the actor (a route like /logout may end the one before). */
export async function sessionFor(t: TestApp, creds: Credentials): Promise<string | undefined> {
  if (!creds.user) return undefined;
  return startSession(t.ctx(), creds.user, { method: 'password', userAgent: 'matrix' });
}
