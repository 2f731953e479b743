export {
  MAIL_SEND_JOB,
  MAX_SEND_ATTEMPTS,
  getOutboxMail,
  listOutbox,
  queueMail,
  requeuePendingMail,
  retryOutboxMail,
  type MailRequest,
} from './mail.service.ts';
export { INTERRUPTED, INVALID_ADDRESS, sendOutboxMail, type SendJob } from './mail-send.service.ts';
export {
  findMailThread,
  findRecordedMail,
  markMailBounced,
  recordInboundMail,
  type MailThreadMatch,
} from './thread.service.ts';
export {
  makeReplyToken,
  matchReplyAddress,
  parseReplyAddress,
  parseReplyToken,
  type ReplyAddressMatch,
} from './reply-token.ts';
export { isDeliverableAddress, newMessageId } from './threading.ts';
export { renderMailHtml, renderMailText, textToHtml, type MailFrame } from './mail-layout.tsx';
export type { MailMessage, OutboxMail, OutboxStatus } from './mail.tables.ts';
