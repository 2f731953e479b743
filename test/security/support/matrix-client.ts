import type { RouteEntry } from '../../../src/app.ts';
import { slugify } from '../../../src/modules/tickets/index.ts';
import { MULTIPART, multipartBody } from '../../attachments/support.ts';
import type { TestApp } from '../../support/app.ts';
import { apiBody, formFields, queryOf } from './matrix-bodies.ts';
import { sessionFor, type ActorName, type MatrixFixtures } from './matrix-fixtures.ts';

export interface Outcome {
  /** The path that was asked for, with its parameters filled in. */
  path: string;
  status: number;
  location: string | undefined;
  body: string;
  /** The key of an error flash the answer set (a form refused with a redirect). */
  errorFlash: string | undefined;
}

/** A CSRF cookie and its token, valid for any session: the matrix tests authorisation, not CSRF. */
export interface Csrf {
  cookie: string;
  token: string;
}

export async function fetchCsrf(t: TestApp): Promise<Csrf> {
  const res = await t.app.inject({ method: 'GET', url: '/login' });
  const raw = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('parley_csrf='));
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(res.body)?.[1];
  if (!raw || !token) throw new Error('no CSRF token on /login');
  return { cookie: raw.split(';')[0]!, token };
}

const RAW_MAIL = 'From: a@example.test\r\nTo: b@example.test\r\nSubject: hi\r\n\r\nHello\r\n';

let requests = 0;
function nextAddress(): string {
  requests++;
  return `10.${(requests >> 16) & 255}.${(requests >> 8) & 255}.${requests & 255}`;
}

/** Which fixture a `:id` stands for, by the path before it. */
const ID_RULES: [RegExp, string][] = [
  [/settings\/inbound\/tokens/, 'inboundToken'],
  [/inbound/, 'inboundMail'],
  [/attachments/, 'attachment'],
  [/categories/, 'category'],
  [/statuses/, 'status'],
  [/products/, 'product'],
  [/purchases/, 'purchase'],
  [/invoices/, 'invoice'],
  [/outbox/, 'outbox'],
  [/customers\/user/, 'owner'],
  [/users/, 'user'],
  [/tokens/, 'spareToken'],
];

export interface FillOptions {
  /** Use this ticket key instead of the actor's usual one (the oracle test's missing key). */
  key?: string;
  number?: string;
  id?: string;
}

/**
 * The route's URL with real fixture values. Guests with the key get the guest ticket's key,
 * guests without it a well-formed key nobody has, and everyone else the owner's ticket.
 */
export function fillPath(url: string, actor: ActorName, fx: MatrixFixtures, opts: FillOptions = {}): string {
  const ticket = actor === 'guestWithKey' ? fx.guestTicket : fx.memberTicket;
  const key = opts.key ?? (actor === 'guestWithoutKey' ? fx.missingKey : ticket.key);
  const idName = ID_RULES.find(([re]) => re.test(url))?.[1];
  return url
    .replace(':key', key)
    .replace('customers/:ref', `customers/${encodeURIComponent(fx.ids.ownerRef!)}`)
    .replace(':ref', key)
    .replace(':slug', slugify(ticket.subject))
    .replace(
      ':number',
      opts.number ?? String((url.endsWith('/renew-link') ? fx.renewTicket : fx.memberTicket).number),
    )
    .replace(':name', 'pixel.png')
    .replace(':email', encodeURIComponent(fx.ids.ownerEmail!))
    .replace(':value', '1')
    .replace(':externalId', 'matrix-external-id')
    .replace(':token', url.startsWith('/reset') ? fx.ids.reset! : fx.ids.unsubscribe!)
    .replace(':id', opts.id ?? (idName ? fx.ids[idName]! : 'unknown'))
    .replace('*', 'app.css')
    .concat(queryOf(url, fx));
}

function browserBody(
  route: RouteEntry,
  csrf: Csrf,
  fields: Record<string, string>,
): { headers: Record<string, string>; payload?: string | Buffer } {
  if (route.method === 'GET' || route.method === 'HEAD') return { headers: {} };
  const headers = { 'x-csrf-token': csrf.token };
  if (route.url === '/attachments') {
    const data = Buffer.from('plain text');
    return {
      headers: { ...headers, 'content-type': MULTIPART, accept: 'application/json' },
      payload: multipartBody([{ name: 'files', filename: 'note.txt', type: 'text/plain', data }]),
    };
  }
  const form = new URLSearchParams({ ...fields, _csrf: csrf.token });
  return {
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  };
}

function jsonBody(
  route: RouteEntry,
  actor: ActorName,
  fx: MatrixFixtures,
): { headers: Record<string, string>; payload?: string } {
  if (['GET', 'HEAD', 'DELETE'].includes(route.method)) return { headers: {} };
  // Pushed mail is raw RFC 822, and its endpoint takes inbound tokens, not users' tokens.
  if (route.url === '/api/v1/inbound/email')
    return { headers: { 'content-type': 'message/rfc822' }, payload: RAW_MAIL };
  const payload = JSON.stringify(apiBody(`${route.method} ${route.url}`, actor, fx));
  return { headers: { 'content-type': 'application/json' }, payload };
}

/** The key of an error flash in the answer's cookies (signed JSON: `<json>.<signature>`). */
function errorFlashOf(setCookie: string | string[] | undefined): string | undefined {
  const raw = [setCookie ?? []].flat().find((c) => c.startsWith('parley_flash='));
  if (!raw) return undefined;
  const value = decodeURIComponent(raw.slice('parley_flash='.length).split(';')[0]!);
  try {
    const flash = JSON.parse(value.slice(0, value.lastIndexOf('.'))) as { kind?: string; key?: string };
    return flash.kind === 'error' ? flash.key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends one request to the route as the actor: browser routes with the actor's session cookie (a
 * fresh one each time) and a valid CSRF token, API routes with the actor's bearer token.
 */
export async function tryRoute(
  t: TestApp,
  fx: MatrixFixtures,
  csrf: Csrf,
  route: RouteEntry,
  actor: ActorName,
  fill: FillOptions = {},
): Promise<Outcome> {
  const creds = fx.credentials[actor];
  const url = fillPath(route.url, actor, fx, fill);
  const api = url.startsWith('/api/');
  const fields = formFields(`${route.method} ${route.url}`, actor, fx);
  const { headers, payload } = api ? jsonBody(route, actor, fx) : browserBody(route, csrf, fields);
  // A browser route ignores bearer tokens; the revoked-token actor still sends one to prove it.
  if (creds.token && (api || !creds.user)) headers.authorization = `Bearer ${creds.token}`;
  // Cookies go to browser routes, and to the API only for an actor without a token (to prove
  // the API ignores them).
  if (!api || !creds.token) {
    const session = await sessionFor(t, creds);
    headers.cookie = [csrf.cookie, session ? `parley_session=${session}` : ''].filter(Boolean).join('; ');
  }
  const res = await t.app.inject({
    method: route.method as 'GET',
    url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
    // Every request from its own address: the per-address limits on guessing (keys, tokens,
    // logins) are the brute-force tests' subject, not this one's.
    remoteAddress: nextAddress(),
  });
  const location = res.headers.location as string | undefined;
  return {
    path: url,
    status: res.statusCode,
    location,
    body: res.body,
    errorFlash: errorFlashOf(res.headers['set-cookie']),
  };
}

/**
 * What a response shows for the matrix: the status; `login` for a redirect to the login page; or
 * `303 <key>` for a form refused by a redirect with an error message (e.g. `303 error.FORBIDDEN`).
 */
export function observed(o: Outcome): number | string {
  if (o.status === 303 && o.location?.startsWith('/login?next=')) return 'login';
  if (o.status === 303 && o.errorFlash) return `303 ${o.errorFlash}`;
  return o.status;
}

/**
 * The body with what differs on every response taken out: the CSRF token in the page and its
 * forms, and the requested path itself (the footer's forms return to it).
 */
export function normalisedBody(body: string, path: string): string {
  return body
    .replace(/<meta name="csrf-token" content="[^"]*"/g, '<meta name="csrf-token"')
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"')
    .replace(/ nonce="[0-9a-f]*"/g, ' nonce')
    .replaceAll(path, '<path>');
}
