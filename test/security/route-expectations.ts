/**
 * The expected answer of every route to every actor. The matrix test (authz-matrix.test.ts) takes
 * the routes from the app's own route table and fails on a route missing here, on an entry for a
 * route that is gone, and on any cell that differs.
 *
 * Columns, in order:
 *   anonymous, guestWithKey, guestWithoutKey, owner, otherCustomer,
 *   staffWithout (staff with only `tickets`), staffWith (staff with every other permission too),
 *   admin, disabled (an admin whose account was disabled), revokedToken (an admin's revoked token).
 * Browser routes get the actor's session cookie and a valid CSRF token; API routes its bearer
 * token (customers and staff hold write-scoped tokens, the admin an admin-scoped one).
 *
 * A cell is the HTTP status, or:
 *   L = a redirect to the login page (303 to /login?next=…);
 *   F = a form refused by a redirect with the error message error.FORBIDDEN;
 *   V = a form refused by a redirect with the error message error.VALIDATION (so it got past the
 *       permission check and stopped at the empty form).
 *   NR = the inbound mail forms' redirect with the message flash.inbound.notRequeued.
 *   X2 = the 2FA login step's redirect to /login with twoFactor.expired (no login is pending).
 * Any other `303 <key>` is a redirect with that error message.
 * Forms are sent empty unless test/security/support/matrix-bodies.ts says otherwise, so 400 for an
 * allowed actor means "authorised, then refused the empty form".
 */
import { SSO_EXPECTATIONS } from './route-expectations.sso.ts';

export type Expected = number | string;

const L = 'login';
const F = '303 error.FORBIDDEN';
const V = '303 error.VALIDATION';
const NR = '303 flash.inbound.notRequeued';
const X2 = '303 twoFactor.expired';

export const EXPECTATIONS: Record<string, Expected[]> = {
  // Static files and the API description are public.
  'GET /assets/*': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /api/openapi.json': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  // The JSON API: a live token or 401; a disabled account's or a revoked token is 401.
  'GET /api/v1/me': [401, 401, 401, 200, 200, 200, 200, 200, 401, 401],
  'GET /api/v1/attachments/:id': [401, 401, 401, 200, 404, 200, 200, 200, 401, 401],
  'POST /api/v1/tickets': [401, 401, 401, 201, 201, 201, 201, 201, 401, 401],
  'GET /api/v1/tickets': [401, 401, 401, 200, 200, 200, 200, 200, 401, 401],
  'GET /api/v1/tickets/:ref': [401, 401, 401, 200, 404, 200, 200, 200, 401, 401],
  'POST /api/v1/tickets/:ref/messages': [401, 401, 401, 201, 404, 201, 201, 201, 401, 401],
  'PATCH /api/v1/tickets/:ref': [401, 401, 401, 404, 404, 200, 200, 200, 401, 401],
  'GET /api/v1/tickets/:ref/history': [401, 401, 401, 200, 404, 200, 200, 200, 401, 401],
  'GET /api/v1/customers/:ref/purchases': [401, 401, 401, 404, 404, 404, 200, 200, 401, 401],
  'GET /api/v1/customers/:ref/invoices': [401, 401, 401, 404, 404, 404, 200, 200, 401, 401],
  // Commerce answers 404 without the permission (it never reveals who is a customer). Unlike
  // taxonomy, commerce accepts a write-scoped token of staff holding `commerce` (commerce.policy.ts).
  'GET /api/v1/purchases/:id': [401, 401, 401, 404, 404, 404, 200, 200, 401, 401],
  'POST /api/v1/purchases/:id/cancel': [401, 401, 401, 404, 404, 404, 200, 200, 401, 401],
  // admin 409: staffWith reinstated it a moment before (the matrix runs in a fixed order).
  'POST /api/v1/purchases/:id/reinstate': [401, 401, 401, 404, 404, 404, 200, 409, 401, 401],
  'GET /api/v1/invoices/:id': [401, 401, 401, 404, 404, 404, 200, 200, 401, 401],
  // admin 200: the same idempotency key as staffWith's refund, so a replay.
  'POST /api/v1/invoices/:id/refunds': [401, 401, 401, 404, 404, 404, 201, 200, 401, 401],
  'POST /api/v1/invoices/:id/cancel': [401, 401, 401, 404, 404, 404, 409, 409, 401, 401],
  'POST /api/v1/invoices/:id/mark-paid': [401, 401, 401, 404, 404, 404, 409, 409, 401, 401],
  'POST /api/v1/invoices/:id/resend': [401, 401, 401, 404, 404, 404, 200, 200, 401, 401],
  'PUT /api/v1/invoices/:id/notes': [401, 401, 401, 404, 404, 404, 200, 200, 401, 401],
  'PUT /api/v1/invoices/:id/tracking': [401, 401, 401, 404, 404, 404, 200, 200, 401, 401],
  'DELETE /api/v1/invoices/:id': [401, 401, 401, 404, 404, 404, 409, 409, 401, 401],
  'GET /api/v1/invoices/:id.pdf': [401, 401, 401, 404, 404, 404, 200, 200, 401, 401],
  // The shop feed wants an admin-scoped token; without one it is 404 like every commerce miss.
  'PUT /api/v1/commerce/products/:externalId': [401, 401, 401, 404, 404, 404, 404, 201, 401, 401],
  'PUT /api/v1/commerce/purchases/:externalId': [401, 401, 401, 404, 404, 404, 404, 201, 401, 401],
  'PUT /api/v1/commerce/invoices/:externalId': [401, 401, 401, 404, 404, 404, 404, 201, 401, 401],
  'PUT /api/v1/commerce/transactions/:externalId': [401, 401, 401, 404, 404, 404, 404, 201, 401, 401],
  'GET /api/v1/categories': [401, 401, 401, 200, 200, 200, 200, 200, 401, 401],
  'GET /api/v1/categories/:id': [401, 401, 401, 200, 200, 200, 200, 200, 401, 401],
  // Taxonomy changes need `categories`/`statuses` AND an admin-scoped token: a staff member's
  // write token carries no more than `tickets` (permission.policy.ts hasPermission).
  'POST /api/v1/categories': [401, 401, 401, 403, 403, 403, 403, 201, 401, 401],
  'PATCH /api/v1/categories/:id': [401, 401, 401, 403, 403, 403, 403, 200, 401, 401],
  // 400 for the admin: the fixture is in use, so deleting it needs a target (nothing is deleted).
  'DELETE /api/v1/categories/:id': [401, 401, 401, 403, 403, 403, 403, 400, 401, 401],
  'GET /api/v1/statuses': [401, 401, 401, 200, 200, 200, 200, 200, 401, 401],
  'GET /api/v1/statuses/:id': [401, 401, 401, 200, 200, 200, 200, 200, 401, 401],
  'POST /api/v1/statuses': [401, 401, 401, 403, 403, 403, 403, 201, 401, 401],
  'PATCH /api/v1/statuses/:id': [401, 401, 401, 403, 403, 403, 403, 200, 401, 401],
  'DELETE /api/v1/statuses/:id': [401, 401, 401, 403, 403, 403, 403, 400, 401, 401],
  'GET /api/v1/priorities': [401, 401, 401, 200, 200, 200, 200, 200, 401, 401],
  // Public pages and the forms that anyone may submit.
  'GET /healthz': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /readyz': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  // 303 for a signed-in user: already logged in, sent on.
  'GET /login': [200, 200, 200, 303, 303, 303, 303, 303, 200, 200],
  // Every actor guesses at its own account with a wrong password.
  'POST /login': [401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
  'POST /logout': [303, 303, 303, 303, 303, 303, 303, 303, 303, 303],
  'GET /register': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /register': [400, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  'GET /verify': [410, 410, 410, 410, 410, 410, 410, 410, 410, 410],
  'GET /reset': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /reset': [400, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  'GET /reset/:token': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /reset/:token': [400, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  'GET /setup': [410, 410, 410, 410, 410, 410, 410, 410, 410, 410],
  'POST /setup': [410, 410, 410, 410, 410, 410, 410, 410, 410, 410],
  'POST /preferences/locale': [V, V, V, V, V, V, V, V, V, V],
  'POST /preferences/theme': [303, 303, 303, 303, 303, 303, 303, 303, 303, 303],
  // The profile: any signed-in account, nobody else.
  'GET /profile': [L, L, L, 200, 200, 200, 200, 200, L, L],
  'POST /profile': [401, 401, 401, 400, 400, 400, 400, 400, 401, 401],
  'POST /profile/email': [401, 401, 401, 400, 400, 400, 400, 400, 401, 401],
  'POST /profile/password': [401, 401, 401, 400, 400, 400, 400, 400, 401, 401],
  'POST /profile/sessions/end-others': [401, 401, 401, 303, 303, 303, 303, 303, 401, 401],
  'POST /profile/tokens': [401, 401, 401, 400, 400, 400, 400, 400, 401, 401],
  'POST /profile/tokens/:id/revoke': [401, 401, 401, 303, 404, 404, 404, 404, 401, 401],
  // Two-factor authentication: the login step answers everyone (without a pending login it starts
  // over at /login; an empty code is refused); the account's own settings need a session. Nobody in
  // the matrix has 2FA on, so renewing codes or switching off is a 409.
  'GET /login/two-factor': [X2, X2, X2, X2, X2, X2, X2, X2, X2, X2],
  'POST /login/two-factor': [400, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  'GET /profile/two-factor': [L, L, L, 200, 200, 200, 200, 200, L, L],
  'POST /profile/two-factor/start': [401, 401, 401, 303, 303, 303, 303, 303, 401, 401],
  'POST /profile/two-factor/confirm': [401, 401, 401, 400, 400, 400, 400, 400, 401, 401],
  'POST /profile/two-factor/recovery-codes': [401, 401, 401, 409, 409, 409, 409, 409, 401, 401],
  'POST /profile/two-factor/disable': [401, 401, 401, 409, 409, 409, 409, 409, 401, 401],
  'GET /profile/notifications': [L, L, L, 200, 200, 200, 200, 200, L, L],
  'POST /profile/notifications': [401, 401, 401, 303, 303, 303, 303, 303, 401, 401],
  // The signed token in the link is the whole authorisation (RFC 8058 one-click).
  'GET /unsubscribe/:token': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /unsubscribe/:token': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /unsubscribe/:token/resubscribe': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /styles/labels.css': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /captcha/challenge': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /tickets/new': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /tickets': [400, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  'GET /tickets': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /tickets/find': [400, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  // Ticket pages: the key is the guest's capability; a member ticket opens only for its owner
  // and staff. Everyone else, including a wrong key, gets one and the same 404.
  'GET /tickets/:key': [404, 301, 404, 301, 404, 301, 301, 301, 404, 404],
  'GET /tickets/:key/:slug': [404, 200, 404, 200, 404, 200, 200, 200, 404, 404],
  'POST /tickets/:key/replies': [404, 400, 404, 400, 404, 400, 400, 400, 404, 404],
  // Resolving is the issuer's action; staff (who use the desk) get the same 404 as a stranger.
  'POST /tickets/:key/resolve': [404, 303, 404, 303, 404, 404, 404, 404, 404, 404],
  'POST /markdown/preview': [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  // Anyone may upload a pending file (guests before they have a ticket); it is readable only by
  // its uploader until a message claims it. Anonymous uploads are limited per address.
  'POST /attachments': [201, 201, 201, 201, 201, 201, 201, 201, 201, 201],
  'GET /attachments/thumbs/:id': [404, 404, 404, 200, 404, 200, 200, 200, 404, 404],
  'GET /attachments/:id/:name': [404, 404, 404, 200, 404, 200, 200, 200, 404, 404],
  // The desk: anonymous and disabled are sent to log in, customers get 404, staff rights decide.
  'GET /desk': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'GET /desk/users': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/users/:id': [L, L, L, 404, 404, 403, 200, 200, L, L],
  // The user forms refuse with a redirect and an error message instead of a status (users.routes.tsx).
  'POST /desk/users/:id/access': [401, 401, 401, 404, 404, F, V, V, 401, 401],
  'POST /desk/users/:id/delete': [401, 401, 401, 404, 404, F, F, V, 401, 401],
  'POST /desk/users/:id/disable': [401, 401, 401, 404, 404, F, 303, 303, 401, 401],
  'POST /desk/users/:id/enable': [401, 401, 401, 404, 404, F, 303, 303, 401, 401],
  'POST /desk/users/:id/two-factor/reset': [401, 401, 401, 404, 404, F, 303, 303, 401, 401],
  'GET /desk/settings': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/settings': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  // Inbound mail: the list, a mail and its raw source are for any staff (like the tickets they
  // belong to); the inbound settings and tokens for admins. The retry/open forms answer with a
  // flash either way, so an empty form says "not requeued". Pushed mail takes inbound tokens only.
  'POST /api/v1/inbound/email': [401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
  'GET /desk/inbound': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'GET /desk/inbound/:id': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'GET /desk/inbound/:id/raw': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'POST /desk/inbound/:id/retry': [401, 401, 401, 404, 404, NR, NR, NR, 401, 401],
  'POST /desk/inbound/:id/open': [401, 401, 401, 404, 404, NR, NR, NR, 401, 401],
  'GET /desk/settings/inbound': [L, L, L, 404, 404, 403, 403, 200, L, L],
  // An empty inbound-settings form is refused with 400 (before, sendHtml overwrote the status with 200).
  'POST /desk/settings/inbound/tokens': [401, 401, 401, 404, 404, 403, 403, 400, 401, 401],
  'POST /desk/settings/inbound/tokens/:id/revoke': [401, 401, 401, 404, 404, 403, 403, 303, 401, 401],
  'POST /desk/settings/inbound/imap': [401, 401, 401, 404, 404, 403, 403, 400, 401, 401],
  'GET /desk/outbox': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/outbox/:id': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/outbox/:id/retry': [401, 401, 401, 404, 404, 403, 303, 303, 401, 401],
  // The audit trail is for admins only.
  'GET /desk/audit': [L, L, L, 404, 404, 403, 403, 200, L, L],
  'GET /desk/products': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/products/new': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/products/:id': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/products': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'POST /desk/products/:id': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'GET /desk/purchases/:id': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/purchases/:id/cancel': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/purchases/:id/cancel': [401, 401, 401, 404, 404, 403, 303, 303, 401, 401],
  'GET /desk/purchases/:id/reinstate': [L, L, L, 404, 404, 403, 200, 200, L, L],
  // admin 409: as above, staffWith reinstated it first.
  'POST /desk/purchases/:id/reinstate': [401, 401, 401, 404, 404, 403, 303, 409, 401, 401],
  'GET /desk/invoices/:id': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/invoices/:id/notes': [401, 401, 401, 404, 404, 403, 303, 303, 401, 401],
  'POST /desk/invoices/:id/track': [401, 401, 401, 404, 404, 403, 303, 303, 401, 401],
  'GET /desk/invoices/:id/refund': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/invoices/:id/refund': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'GET /desk/invoices/:id/mark-paid': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/invoices/:id/mark-paid': [401, 401, 401, 404, 404, 403, 409, 409, 401, 401],
  'GET /desk/invoices/:id/cancel': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/invoices/:id/cancel': [401, 401, 401, 404, 404, 403, 409, 409, 401, 401],
  'GET /desk/invoices/:id/resend': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/invoices/:id/resend': [401, 401, 401, 404, 404, 403, 303, 303, 401, 401],
  'GET /desk/invoices/:id/delete': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/invoices/:id/delete': [401, 401, 401, 404, 404, 403, 409, 409, 401, 401],
  'GET /desk/invoices/:id/edit': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/invoices/:id/edit': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'GET /desk/invoices/:id/print': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/invoices/:id.pdf': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/commerce/panels': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/commerce/preview': [L, L, L, 404, 404, 403, 200, 200, L, L],
  // The ticket's history lines: any staff may read the ticket they belong to.
  'GET /desk/commerce/preview/history': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'GET /desk/tickets': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'GET /desk/tickets/:number': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'POST /desk/tickets/:number/update': [401, 401, 401, 404, 404, 400, 400, 400, 401, 401],
  // Renewing a leaked guest link: any staff (permission `tickets`).
  'POST /desk/tickets/:number/renew-link': [401, 401, 401, 404, 404, 303, 303, 303, 401, 401],
  'POST /desk/preferences/timeline-order': [401, 401, 401, 404, 404, 303, 303, 303, 401, 401],
  'GET /desk/preferences': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'POST /desk/preferences': [401, 401, 401, 404, 404, 400, 400, 400, 401, 401],
  'GET /desk/customers': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'GET /desk/customers/user/:id': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'GET /desk/customers/email/:email': [L, L, L, 404, 404, 200, 200, 200, L, L],
  'GET /desk/categories': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/categories/new': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/categories': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'GET /desk/categories/:id': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/categories/:id': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'POST /desk/categories/:id/move': [401, 401, 401, 404, 404, F, V, V, 401, 401],
  'GET /desk/categories/:id/delete': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/categories/:id/delete': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'GET /desk/statuses': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'GET /desk/statuses/new': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/statuses': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'GET /desk/statuses/:id': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/statuses/:id': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'POST /desk/statuses/:id/move': [401, 401, 401, 404, 404, F, V, V, 401, 401],
  'GET /desk/statuses/:id/delete': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/statuses/:id/delete': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  'GET /desk/statuses/priorities/:value': [L, L, L, 404, 404, 403, 200, 200, L, L],
  'POST /desk/statuses/priorities/:value': [401, 401, 401, 404, 404, 403, 400, 400, 401, 401],
  // Single sign-on (route-expectations.sso.ts).
  ...SSO_EXPECTATIONS,
};
