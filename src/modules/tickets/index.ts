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
export { addInternalNote, replyToTicket, resolveMyTicket, type ReplyInput } from './reply.service.ts';
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
