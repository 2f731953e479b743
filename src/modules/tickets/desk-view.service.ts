import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { listAssignableStaff, requirePermission } from '../accounts/index.ts';
import { listOtherTicketsByEmail } from './queue.repo.ts';
import { getStaffPreferences, type StaffPreferences } from './staff-preferences.service.ts';
import { viewTicket, type TicketView } from './ticket-view.service.ts';

export interface DeskTicketView extends TicketView {
  others: Awaited<ReturnType<typeof listOtherTicketsByEmail>>;
  staff: { id: number; name: string }[];
  preferences: StaffPreferences;
  /** The newest history row on the page; a reply form carries it to detect collisions. */
  lastEventId: number;
  assigneeName: string | null;
}

/** Everything the desk's ticket page shows, for staff with the `tickets` permission, by ticket number. */
export async function viewTicketForDesk(ctx: Ctx, number: number): Promise<DeskTicketView> {
  requirePermission(ctx.actor, 'tickets');
  if (!Number.isSafeInteger(number) || number <= 0) throw new AppError('NOT_FOUND');
  const view = await viewTicket(ctx, String(number));
  const [others, staff, preferences] = await Promise.all([
    listOtherTicketsByEmail(ctx.db, view.ticket.issuer_email, view.ticket.id, 10),
    listAssignableStaff(ctx),
    getStaffPreferences(ctx),
  ]);
  const staffList = staff.map((s) => ({ id: s.id, name: s.display_name }));
  return {
    ...view,
    others,
    staff: staffList,
    preferences,
    lastEventId: view.timeline.reduce((max, e) => Math.max(max, e.id), 0),
    assigneeName: staffList.find((s) => s.id === view.ticket.assignee_id)?.name ?? null,
  };
}
