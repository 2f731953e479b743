import type { Translator } from '../../platform/i18n/i18n.ts';
import { BODY_MAX, SUBJECT_MAX } from '../tickets/index.ts';
import type { ParsedMail } from './parse.ts';
import { stripReply, type Stripped } from './quote-strip.ts';

const REPLY_PREFIX = /^\s*(re|aw|antw|r|sv|vs|odp|ynt|ha|rif|res)\s*(\[\d+\])?\s*:/i;
const FORWARD_PREFIX = /^\s*(fwd?|wg|tr|rv|i|enc|doorst|vb|pd)\s*:/i;

/** Plain text as Markdown that renders as the same text: markup characters and line-start syntax escaped. */
export function mailTextToMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/([\\`*[\]|~])/g, '\\$1')
        .replace(/^(\s*)([#>+=-])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

const PREFIXES =
  /^\s*((re|aw|antw|r|sv|vs|odp|ynt|ha|rif|res|fwd?|wg|tr|rv|i|enc|doorst|vb|pd)\s*(\[\d+\])?\s*:\s*)+/i;

/** The subject without its reply and forward prefixes, in any mix and number (`R: R: I: Offer` → `Offer`). */
export function normaliseSubject(subject: string): string {
  return subject.replace(PREFIXES, '').trim();
}

/** How the mail's text splits into new and quoted. */
export function splitMailText(mail: ParsedMail): Stripped {
  const reply = REPLY_PREFIX.test(mail.subject) || mail.inReplyTo.length > 0 || mail.references.length > 0;
  const forward = FORWARD_PREFIX.test(mail.subject);
  return stripReply(mail.text, { reply, forward });
}

/**
 * The ticket message a mail becomes: its new text (the whole text when stripping left nothing), as
 * Markdown, cut to the longest body a message may have. A mail with no text says so.
 */
export function messageBody(mail: ParsedMail, t: Translator, hasFiles: boolean) {
  const stripped = splitMailText(mail);
  let text = [stripped.text || mail.text.trim(), ...mail.moreText].filter(Boolean).join('\n\n');
  const truncated = text.length > BODY_MAX - 200;
  if (truncated) text = `${text.slice(0, BODY_MAX - 200)}…`;
  const body = mailTextToMarkdown(text);
  return { body: body || (hasFiles ? '' : t.t('inbound.body.empty')), truncated, stripped };
}

/** A subject a ticket can have: collapsed, cut to the limit, or a placeholder. */
export function ticketSubject(mail: ParsedMail, t: Translator): string {
  const subject = normaliseSubject(mail.subject) || mail.subject.trim();
  if (!subject) return t.t('inbound.subject.none');
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject;
}

/** The name a guest gets: the display name, else the address's local part. */
export function guestName(mail: ParsedMail): string {
  const name = (mail.from?.name ?? '').replace(/["<>\r\n]/g, '').trim();
  const fallback = (mail.from?.address ?? '').split('@')[0] ?? '';
  return (name || fallback || '?').slice(0, 80);
}
