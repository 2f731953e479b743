import type { Labels } from '../../modules/taxonomy/index.ts';
import { ticketPath, type Ticket, type TimelineEntry } from '../../modules/tickets/index.ts';

/** The API's view of a ticket; the issuer's email only for staff and for the issuer. */
export function presentTicket(ticket: Ticket, labels: Labels, publicUrl: string, showEmail: boolean) {
  const status = labels.statuses.get(ticket.status_id);
  return {
    key: ticket.key,
    number: ticket.number,
    version: ticket.version,
    subject: ticket.subject,
    url: `${publicUrl}${ticketPath(ticket)}`,
    status: { id: ticket.status_id, name: status?.name ?? '', closing: status?.closing ?? false },
    category: { id: ticket.category_id, name: labels.categories.get(ticket.category_id)?.name ?? '' },
    priority: { value: ticket.priority, name: labels.priorities.get(ticket.priority) ?? '' },
    locked: ticket.locked === 1,
    issuer: showEmail
      ? { name: ticket.issuer_name, email: ticket.issuer_email }
      : { name: ticket.issuer_name },
    createdAt: new Date(ticket.created_at).toISOString(),
    lastActivityAt: new Date(ticket.last_activity_at).toISOString(),
  };
}

export function presentTimeline(entries: TimelineEntry[], publicUrl: string) {
  return entries.map((e) =>
    e.type === 'message'
      ? {
          type: 'message' as const,
          id: e.id,
          at: new Date(e.at).toISOString(),
          author: { name: e.authorName, role: e.authorRole },
          html: e.html,
          internal: e.internal,
          source: e.source,
          files: e.files.map((f) => ({
            id: f.id,
            name: f.name,
            size: f.size,
            type: f.type,
            sha256: f.sha256,
            url: `${publicUrl}/api/v1/attachments/${f.id}`,
          })),
        }
      : {
          type: 'change' as const,
          id: e.id,
          at: new Date(e.at).toISOString(),
          kind: e.kind,
          from: e.from,
          to: e.to,
        },
  );
}
