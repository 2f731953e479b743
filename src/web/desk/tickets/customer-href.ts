/** The desk page of a ticket's customer: their account, or their guest address. */
export function customerHref(ticket: { issuer_user_id: number | null; issuer_email: string }): string {
  return ticket.issuer_user_id
    ? `/desk/customers/user/${ticket.issuer_user_id}`
    : `/desk/customers/email/${encodeURIComponent(ticket.issuer_email)}`;
}
