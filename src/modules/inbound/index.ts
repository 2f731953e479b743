export { INBOUND_PROCESS_JOB, MAX_RAW_BYTES, processInboundMail, receiveMail } from './pipeline.service.ts';
export {
  INBOUND_TABS,
  getInboundMail,
  getInboundRaw,
  inboundBadgesForMessages,
  listInboundMails,
  retryInboundMail,
  type InboundBadge,
  type InboundTab,
} from './inbound-view.service.ts';
export {
  checkInboundToken,
  createInboundToken,
  listInboundTokens,
  receivePushedMail,
  revokeInboundToken,
} from './token.service.ts';
export { classifyMail, type Classification, type MailClass } from './classify.ts';
export { parseMail, type ParsedMail } from './parse.ts';
export { normaliseSubject, splitMailText } from './message-content.ts';
export type { InboundMail, InboundStatus } from './inbound.tables.ts';
export {
  getImapSettings,
  saveImapSettings,
  testImapConnection,
  type ImapSettingsInput,
  type ImapSettingsView,
} from './imap-settings.service.ts';
export {
  IMAP_FETCH_JOB,
  IMAP_POLL_EVERY_MS,
  IMAP_POLL_JOB,
  fetchImapMail,
  pollImapMail,
} from './imap-fetch.service.ts';
export { ImapWatcher, type WatcherOptions } from './imap-watch.ts';
