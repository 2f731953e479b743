import { randomToken } from '../../platform/crypto.ts';

/** A ticket key: 144 bits from the CSPRNG, URL-safe (24 characters). */
export function newTicketKey(): string {
  return randomToken(18);
}

/** Keys are base64url; anything else cannot be one, so it is not worth a query. */
export function looksLikeKey(value: string): boolean {
  return /^[A-Za-z0-9_-]{20,64}$/.test(value);
}

/** A readable URL slug from the subject: ASCII, lower case, dashes, at most 60 characters. */
export function slugify(subject: string): string {
  const slug = subject
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'ticket';
}

/** The canonical path of a ticket for customers. */
export function ticketPath(ticket: { key: string; subject: string }): string {
  return `/tickets/${ticket.key}/${slugify(ticket.subject)}`;
}
