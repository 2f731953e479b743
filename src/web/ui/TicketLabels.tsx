import type { View } from './view.ts';

export interface LabelModel {
  statusId: number;
  statusName: string;
  priority: number;
  priorityName: string;
  categoryName: string;
  locked: boolean;
}

/** Status, priority and category labels plus the lock icon, as on every ticket row and page. */
export function TicketLabels({ v, m }: { v: View; m: LabelModel }) {
  return (
    <span class="labels">
      {m.locked ? (
        <span class="lock" title={v.t.t('ticket.locked')} aria-label={v.t.t('ticket.locked')} role="img">
          🔒
        </span>
      ) : (
        ''
      )}
      <span class={`label status-${m.statusId}`} safe>
        {m.statusName}
      </span>
      <span class={`label priority-${m.priority < 0 ? `m${-m.priority}` : m.priority}`} safe>
        {m.priorityName}
      </span>
      <span class="label label-category" safe>
        {m.categoryName}
      </span>
    </span>
  );
}
