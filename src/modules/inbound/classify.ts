import type { ParsedMail } from './parse.ts';
import { bounceDetails, deliveryStatus, type BounceDetails } from './bounce.ts';

/**
 * What kind of mail this is. Only `message` can become a customer message; the rest is recorded and
 * never answered (no acknowledgement, no reopening).
 */
export type MailClass = 'message' | 'auto-reply' | 'bounce' | 'delay' | 'mdn' | 'list' | 'bulk';

export interface Classification {
  kind: MailClass;
  /** Which marker decided it, for the routing note ("header Auto-Submitted"). */
  reason: string;
  bounce?: BounceDetails;
}

const AUTO_SUBJECT =
  /^\s*(automatic reply|auto(matic)?[- ]?(reply|response|respons|antwort)|autoreply|out of (the )?office|abwesenheitsnotiz|abwesend|automatische antwort|réponse automatique|respuesta automática|risposta automatica|automatyczna odpowiedź|automatisch antwoord|autosvar|automaattinen vastaus|自動応答|自动回复)(?=[\s:：,.!?-]|$)/iu;
const BOUNCE_SUBJECT =
  /^\s*(undeliverable|undelivered mail|delivery status notification \(failure\)|mail delivery failed|failure notice|returned mail|delivery failure|mail delivery failure|non[- ]?delivery|unzustellbar|nicht zustellbar|rapport de non-remise)/i;
const DELAY_SUBJECT =
  /^\s*(warning: could not send|delivery status notification \(delay\)|delayed mail|delivery delayed)/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

function header(mail: ParsedMail, name: string): string {
  return (mail.headers.get(name) ?? []).join(' ').trim();
}

function reportType(mail: ParsedMail): string {
  const root = mail.parts[0];
  if (!root?.contentType.startsWith('multipart/report')) return '';
  return /report-type\s*=\s*"?([a-z-]+)/i.exec(root.headers)?.[1]?.toLowerCase() ?? 'unknown';
}

function isMdn(mail: ParsedMail): boolean {
  return (
    reportType(mail) === 'disposition-notification' ||
    mail.parts.some((p) => p.ownLevel && p.contentType === 'message/disposition-notification')
  );
}

/** A delivery report: a DSN, or a mailer daemon's plain-text bounce. */
function deliveryReport(mail: ParsedMail): 'bounce' | 'delay' | undefined {
  const subject = mail.subject;
  const daemon = DAEMON.test(mail.from?.address ?? '');
  const returnsMail = mail.parts.some((p) => p.contentType === 'message/rfc822');
  const report =
    reportType(mail) === 'delivery-status' ||
    header(mail, 'x-failed-recipients') !== '' ||
    (daemon && (BOUNCE_SUBJECT.test(subject) || DELAY_SUBJECT.test(subject))) ||
    (returnsMail && BOUNCE_SUBJECT.test(subject));
  if (!report) return undefined;
  const status = deliveryStatus(mail);
  if (status.actions.length > 0 && status.actions.every((a) => a === 'delayed' || a === 'relayed'))
    return 'delay';
  if (status.actions.length === 0 && DELAY_SUBJECT.test(subject)) return 'delay';
  return 'bounce';
}

/** RFC 3834 and the markers real autoresponders use instead (Exchange sends only the last two). */
function autoReplyMarker(mail: ParsedMail): string | undefined {
  const submitted = header(mail, 'auto-submitted').toLowerCase();
  if (submitted && !submitted.startsWith('no')) return 'header Auto-Submitted';
  if (header(mail, 'x-autoreply') || header(mail, 'x-autorespond')) return 'header X-Autoreply';
  if (/auto_?reply/i.test(header(mail, 'precedence')) || header(mail, 'x-autoresponder'))
    return 'header Precedence';
  if (/^all$/i.test(header(mail, 'x-auto-response-suppress'))) return 'header X-Auto-Response-Suppress';
  if (AUTO_SUBJECT.test(mail.subject)) return 'subject';
  return undefined;
}

/** Classifies a parsed mail: read receipts, delivery reports, auto-replies, lists and bulk, else a message. */
export function classifyMail(mail: ParsedMail): Classification {
  if (isMdn(mail)) return { kind: 'mdn', reason: 'disposition-notification' };
  const report = deliveryReport(mail);
  if (report === 'delay') return { kind: 'delay', reason: 'delivery-status' };
  if (report === 'bounce') return { kind: 'bounce', reason: 'delivery-status', bounce: bounceDetails(mail) };
  const auto = autoReplyMarker(mail);
  if (auto) return { kind: 'auto-reply', reason: auto };
  const precedence = header(mail, 'precedence').toLowerCase();
  if (precedence === 'list' || header(mail, 'list-id') || header(mail, 'x-mailman-version'))
    return { kind: 'list', reason: 'header List-Id' };
  if (precedence === 'bulk' || precedence === 'junk') return { kind: 'bulk', reason: 'header Precedence' };
  return { kind: 'message', reason: 'human' };
}
