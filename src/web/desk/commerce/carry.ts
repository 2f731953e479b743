import { safeLocalPath } from '../../../platform/http/request-context.ts';

/**
 * What a commerce dialog carries from the panel it was opened in to the action it posts: the
 * ticket (for the history line), where to return without JavaScript, and which panels to
 * re-render with htmx.
 */
export interface Carry {
  ticketNumber: number | undefined;
  back: string;
  customer: string | undefined;
  customerName: string | undefined;
  mode: 'ticket' | 'page';
}

/** Reads the carry from a query or form; `back` is kept only when it is a same-site path. */
export function readCarry(source: Record<string, unknown>): Carry {
  const str = (k: string) =>
    typeof source[k] === 'string' && source[k] !== '' ? (source[k] as string) : undefined;
  const ticket = Number(str('ticket'));
  const ticketNumber = Number.isSafeInteger(ticket) && ticket > 0 ? ticket : undefined;
  const customer = str('customer');
  const fallback = ticketNumber
    ? `/desk/tickets/${ticketNumber}`
    : customer
      ? customerPagePath(customer)
      : '/desk';
  return {
    ticketNumber,
    back: safeLocalPath(str('back'), fallback),
    customer,
    customerName: str('name')?.slice(0, 200),
    mode: str('mode') === 'page' ? 'page' : 'ticket',
  };
}

/** The desk's customer page for a reference: `/desk/customers/user/<id>` or `/desk/customers/email/<address>`. */
export function customerPagePath(ref: string): string {
  const user = /^(?:user:)?(\d+)$/.exec(ref)?.[1];
  if (user) return `/desk/customers/user/${user}`;
  return `/desk/customers/email/${encodeURIComponent(ref.replace(/^email:/, ''))}`;
}

/** The carry as hidden form fields / query parameters. */
export function carryFields(c: Carry): Record<string, string> {
  const out: Record<string, string> = { back: c.back, mode: c.mode };
  if (c.ticketNumber) out.ticket = String(c.ticketNumber);
  if (c.customer) out.customer = c.customer;
  if (c.customerName) out.name = c.customerName;
  return out;
}

export function carryQuery(c: Carry, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ ...carryFields(c), ...extra }).toString();
}

/** `path` with extra query parameters, keeping any it already has; fragment last. */
export function withQuery(path: string, params: Record<string, string | undefined>, hash = ''): string {
  const url = new URL(path, 'http://local');
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  return `${url.pathname}${url.search}${hash}`;
}
