import type { Translator } from '../../platform/i18n/i18n.ts';

export interface RenderedMail {
  subject: string;
  text: string;
}

type Params = Record<string, string | number>;

/**
 * Every mail Parley sends, rendered in the recipient's locale. A template is its subject and body
 * keys in the catalogs; the site name is always available as {site}.
 */
export const MAIL_TEMPLATES = [
  'verify-email',
  'reset-password',
  'email-changed',
  'already-registered',
  'two-factor-changed',
  'ticket-link-renewed',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number] | (string & {});

export function renderMail(t: Translator, template: MailTemplate, params: Params): RenderedMail {
  return {
    subject: t.t(`mail.${template}.subject`, params),
    // The signature and footer come from the shared layout (mail-layout.tsx).
    text: t.t(`mail.${template}.body`, params),
  };
}
