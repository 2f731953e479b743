export {
  MAIL_SEND_JOB,
  getOutboxMail,
  listOutbox,
  queueMail,
  requeuePendingMail,
  retryOutboxMail,
  sendOutboxMail,
  type MailRequest,
} from './mail.service.ts';
export type { OutboxMail } from './outbox.repo.ts';
