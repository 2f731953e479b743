import { onAccountChange } from '../accounts/index.ts';
import { recordAccountChangeOnTickets } from './account-listener.ts';

// Tickets keep their own record of issuer changes; see account-listener.ts.
onAccountChange(recordAccountChangeOnTickets);

export { confirmEmailAndClaimTickets } from './guest-claim.service.ts';
export {
  PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  listMyTickets,
  sendTicketLinks,
  type MyTicketsPage,
} from './my-tickets.service.ts';
export { openTicket, type OpenTicketInput } from './open-ticket.service.ts';
export {
  addInternalNote,
  keepReplyWhileLocked,
  replyToTicket,
  resolveMyTicket,
  type ReplyInput,
} from './reply.service.ts';
export { looksLikeKey, slugify, ticketPath } from './ticket-key.ts';
export type { Ticket } from './ticket.repo.ts';
export { BODY_MAX, SUBJECT_MAX } from './ticket.validation.ts';
export {
  findTicketForActor,
  viewTicket,
  type TimelineEntry,
  type TicketView,
} from './ticket-view.service.ts';
export { recordTicketNote, type TicketNoteInput } from './ticket-note.service.ts';
export { renewTicketLink } from './ticket-link.service.ts';
export {
  QUEUE_PAGE_SIZE,
  QUEUE_TABS,
  listQueueForStaff,
  type QueueQuery,
  type QueueResult,
  type QueueRow,
  type QueueTab,
} from './queue.service.ts';
export { updateTicketAsStaff, type StaffUpdateInput } from './staff-update.service.ts';
export type { TicketChanges } from './ticket-write.ts';
export {
  escapeMarkdown,
  fillReplyTemplate,
  getStaffPreferences,
  saveStaffPreferences,
  type StaffPreferences,
} from './staff-preferences.service.ts';
export {
  getCustomerPage,
  searchCustomers,
  type CustomerPage,
  type CustomerRef,
} from './customers.service.ts';
export { viewTicketForDesk, type DeskTicketView } from './desk-view.service.ts';
export { TICKET_ACTIVITY_JOB, type TicketActivity } from './ticket-write.ts';
export type { AttachmentInput } from './ticket-attachments.ts';
