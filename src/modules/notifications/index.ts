export { notifyTicketActivity } from './activity.service.ts';
export { DIGEST_EVERY_MS, DIGEST_TICK_JOB, runDigestTick, sendDigestFor } from './digest.service.ts';
export {
  getMyNotificationSettings,
  rememberGuestAddress,
  saveMyNotificationSettings,
  type NotificationSettings,
  type NotificationSettingsInput,
} from './prefs.service.ts';
export { describeUnsubscribe, setSubscription, type UnsubscribeInfo } from './unsubscribe.service.ts';
export { makeUnsubscribeToken, unsubscribeUrl, type UnsubscribeTarget } from './unsubscribe-token.ts';
export { MAIL_TYPES, type MailType } from './notification.tables.ts';
