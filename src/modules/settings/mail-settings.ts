import type { FieldErrors } from '../../platform/errors.ts';

/** How Parley's mail looks and where replies go; empty strings fall back to MAIL_FROM and defaults. */
export interface MailSettings {
  /** Sender name; empty: MAIL_FROM's name, else the site name. */
  mailFromName: string;
  /** Sender address; empty: MAIL_FROM's address. */
  mailFromAddress: string;
  /** Domain of per-ticket reply addresses (`local+TOKEN@domain`); empty: no Reply-To. */
  replyDomain: string;
  /** Plain text under every mail. */
  mailFooter: string;
  /** IANA time zone for digest hours and dates in mail, e.g. "Europe/Berlin". */
  timeZone: string;
  /**
   * The authserv-id our own receiving mail server writes in `Authentication-Results` (RFC 8601);
   * empty: those headers are not trusted. With it, mail whose DMARC check failed there is held.
   */
  inboundAuthservId: string;
}

export const DEFAULT_MAIL_SETTINGS: MailSettings = {
  mailFromName: '',
  mailFromAddress: '',
  replyDomain: '',
  mailFooter: '',
  timeZone: 'UTC',
  inboundAuthservId: '',
};

export const MAIL_SETTING_KEYS: Record<keyof MailSettings, string> = {
  mailFromName: 'mail_from_name',
  mailFromAddress: 'mail_from_address',
  replyDomain: 'reply_domain',
  mailFooter: 'mail_footer',
  timeZone: 'time_zone',
  inboundAuthservId: 'inbound_authserv_id',
};

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

/** Trimmed values; the domain in lower case. */
export function normaliseMailSettings<T extends MailSettings>(input: T): T {
  return {
    ...input,
    mailFromName: (input.mailFromName ?? '').trim(),
    mailFromAddress: (input.mailFromAddress ?? '').trim(),
    replyDomain: (input.replyDomain ?? '').trim().toLowerCase(),
    mailFooter: (input.mailFooter ?? '').replace(/\r\n/g, '\n').trim(),
    timeZone: (input.timeZone ?? '').trim() || 'UTC',
    inboundAuthservId: (input.inboundAuthservId ?? '').trim().toLowerCase(),
  };
}

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Field errors for the mail settings; nothing here may break a mail header. */
export function validateMailSettings(input: MailSettings): FieldErrors {
  const errors: FieldErrors = {};
  if (input.mailFromName.length > 80 || /[\r\n"<>]/.test(input.mailFromName))
    errors.mailFromName = 'error.field.invalid';
  if (input.mailFromAddress && !/^[^\s@<>"]{1,64}@[a-z0-9.-]{1,253}$/i.test(input.mailFromAddress))
    errors.mailFromAddress = 'error.field.email';
  if (input.replyDomain && !HOST.test(input.replyDomain)) errors.replyDomain = 'error.field.invalid';
  if (input.mailFooter.length > 2000) errors.mailFooter = 'error.field.footerLength';
  if (!isTimeZone(input.timeZone)) errors.timeZone = 'error.field.invalid';
  if (input.inboundAuthservId && !HOST.test(input.inboundAuthservId))
    errors.inboundAuthservId = 'error.field.invalid';
  return errors;
}
