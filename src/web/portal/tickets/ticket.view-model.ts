import type { Labels } from '../../../modules/taxonomy/index.ts';
import type { Ticket, TicketView, TimelineEntry } from '../../../modules/tickets/index.ts';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import type { LabelModel } from '../../ui/TicketLabels.tsx';
import type { TimelineItem } from './ticket.page.tsx';

/** The label row of a ticket in the viewer's language. */
export function labelModel(
  labels: Labels,
  ticket: Pick<Ticket, 'status_id' | 'priority' | 'category_id' | 'locked'>,
): LabelModel {
  return {
    statusId: ticket.status_id,
    statusName: labels.statuses.get(ticket.status_id)?.name ?? '?',
    priority: ticket.priority,
    priorityName: labels.priorities.get(ticket.priority) ?? String(ticket.priority),
    categoryName: labels.categories.get(ticket.category_id)?.name ?? '?',
    locked: ticket.locked === 1,
  };
}

/** The sentence for an attribute change, e.g. "Status changed to Resolved". */
export function changeText(t: Translator, e: Extract<TimelineEntry, { type: 'change' }>): string {
  let text: string;
  if (e.kind === 'lock') text = t.t(e.to === '1' ? 'timeline.lock.on' : 'timeline.lock.off');
  else if (e.kind === 'issuer' && e.to === null) text = t.t('timeline.issuerDeleted');
  else if (e.kind === 'issuer_name' || e.kind === 'issuer_email')
    text = t.t(`timeline.${e.kind}`, { from: e.from ?? '', to: e.to ?? '' });
  else if (e.kind === 'note') {
    const note = JSON.parse(e.to ?? '{}') as { key?: string; values?: Record<string, string | number> };
    text = t.t(note.key ?? 'timeline.note', note.values);
  } else if (e.kind === 'assignment') {
    text =
      e.to === null
        ? t.t('timeline.assignment.none')
        : e.to === ''
          ? t.t('timeline.assignment.staff')
          : t.t('timeline.assignment.to', { to: e.to });
  } else text = t.t(`timeline.${e.kind}`, { to: e.to ?? '' });
  return e.actorName ? t.t('timeline.by', { text, actor: e.actorName }) : text;
}

export function timelineItems(t: Translator, entries: TimelineEntry[]): TimelineItem[] {
  return entries.map((e) =>
    e.type === 'message'
      ? {
          type: 'message' as const,
          id: e.id,
          at: t.dateTime(e.at),
          iso: new Date(e.at).toISOString(),
          author: e.authorName,
          role: e.authorRole,
          html: e.html,
          internal: e.internal,
          viaEmail: e.source === 'email',
          files: e.files,
        }
      : {
          type: 'change' as const,
          id: e.id,
          at: t.dateTime(e.at),
          iso: new Date(e.at).toISOString(),
          text: changeText(t, e),
        },
  );
}

export function ticketSummary(t: Translator, view: TicketView) {
  return {
    created: t.dateTime(view.ticket.created_at),
    labels: labelModel(view.labels, view.ticket),
    timeline: timelineItems(t, view.timeline),
  };
}
