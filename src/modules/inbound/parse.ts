import type { AddressObject, Attachment } from 'mailparser';
import { sanitizeUserHtml } from '../../platform/render/markdown.ts';
import { htmlToText, stripHtmlQuotes } from './html-text.ts';
import { firstOwnPart, mimeParts, partText, type MimePart } from './mime-parts.ts';
import { generatedMessageId } from './raw-header.ts';

export interface MailAttachment {
  name: string;
  contentType: string;
  content: Buffer;
  /** An image the HTML shows in place (cid:), not a file the sender attached. */
  inline: boolean;
}

/** A received mail as the pipeline reads it. Header values are raw (unfolded), addresses lower case. */
export interface ParsedMail {
  /** `<…>`: the mail's own, or one made from the raw bytes' hash when it has none. */
  messageId: string;
  hasOwnMessageId: boolean;
  inReplyTo: string[];
  references: string[];
  subject: string;
  from: { address: string; name: string } | null;
  /** To, Cc, Delivered-To, X-Original-To and Envelope-To: every address the mail was sent to. */
  recipients: string[];
  /** From the Date header, when it is a valid date. */
  date: number | null;
  headers: Map<string, string[]>;
  /** The first own text/plain part, decoded; derived from the HTML when there is none. */
  text: string;
  /** True when `text` came from the HTML. */
  textFromHtml: boolean;
  /** Further own text parts in order (text, photo, text from a phone): they follow `text` in the body. */
  moreText: string[];
  /** The mail's HTML, sanitised; null when it has none. */
  html: string | null;
  attachments: MailAttachment[];
  parts: MimePart[];
}

/** Every `<id>` in a header value, in order, without repeats. A bare address is not an id. */
export function idsIn(values: string[] | undefined): string[] {
  const ids = (values ?? []).flatMap((v) => v.match(/<[^<>\s]+@[^<>\s]+>/g) ?? []);
  return [...new Set(ids)];
}

function headerMap(lines: readonly { key: string; line: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    map.set(key.toLowerCase(), [...(map.get(key.toLowerCase()) ?? []), value]);
  }
  return map;
}

function addresses(objects: AddressObject | AddressObject[] | undefined): string[] {
  return [objects ?? []]
    .flat()
    .flatMap((o) => o.value.flatMap((a) => (a.group ? a.group : [a])))
    .map((a) => a.address?.toLowerCase())
    .filter((a): a is string => !!a);
}

function envelopeAddresses(headers: Map<string, string[]>): string[] {
  const values = ['delivered-to', 'x-original-to', 'envelope-to'].flatMap((k) => headers.get(k) ?? []);
  return values.flatMap((v) => v.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []).map((a) => a.toLowerCase());
}

/** A Date header as epoch ms; comments like "(EDT)" are ignored, anything unparseable is null. */
function parseDate(value: string | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value.replace(/\([^)]*\)/g, ' ').trim());
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

const NOT_FILES = new Set([
  'application/pgp-signature',
  'application/pkcs7-signature',
  'application/x-pkcs7-signature',
  'message/delivery-status',
  'message/disposition-notification',
  'text/rfc822-headers',
]);

function attachmentsOf(list: Attachment[], html: string): MailAttachment[] {
  return list
    .filter((a) => a.size > 0 && !NOT_FILES.has(a.contentType.split(/[;\s]/)[0]!.toLowerCase()))
    .map((a) => {
      const type = a.contentType.split(/[;\s]/)[0]!.toLowerCase();
      const referenced = !!a.cid && html.includes(`cid:${a.cid}`);
      const fallback = type === 'message/rfc822' ? 'message.eml' : 'attachment';
      return {
        name: a.filename ?? fallback,
        contentType: type,
        content: a.content,
        inline: a.related || referenced,
      };
    });
}

/** The own text: the first own text/plain part, else the HTML turned into text; then the other text parts. */
async function ownText(parts: MimePart[], html: string | null) {
  const plain = firstOwnPart(parts, 'text/plain');
  const others = parts.filter(
    (p) => p !== plain && p.ownLevel && p.contentType === 'text/plain' && !p.disposition && p.body.length > 0,
  );
  const moreText = (await Promise.all(others.map(partText))).map((t) => t.trim()).filter(Boolean);
  if (plain) return { text: await partText(plain), textFromHtml: false, moreText };
  return { text: html ? htmlToText(stripHtmlQuotes(html)) : '', textFromHtml: true, moreText };
}

/** Reads a raw mail. Never throws on malformed input that still has a header; see the corpus tests. */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  // Loaded on first use (a large library; many sites never receive mail).
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, keepCidLinks: true });
  const headers = headerMap(mail.headerLines);
  const parts = await mimeParts(raw);
  const ownId = idsIn(headers.get('message-id'))[0];
  const rawHtml = typeof mail.html === 'string' ? mail.html : '';
  const html = rawHtml ? sanitizeUserHtml(rawHtml).replace(/\0/g, '') : null;
  const sender = mail.from?.value.find((a) => a.address);
  return {
    messageId: ownId ?? generatedMessageId(raw),
    hasOwnMessageId: !!ownId,
    inReplyTo: idsIn(headers.get('in-reply-to')),
    references: idsIn(headers.get('references')),
    subject: (mail.subject ?? '').replace(/[\s\0]+/g, ' ').trim(),
    from: sender
      ? { address: sender.address!.toLowerCase(), name: sender.name.replace(/\0/g, '').trim() }
      : null,
    recipients: [...new Set([...addresses(mail.to), ...addresses(mail.cc), ...envelopeAddresses(headers)])],
    date: parseDate(headers.get('date')?.[0]),
    headers,
    ...(await ownText(parts, rawHtml || null)),
    html,
    attachments: attachmentsOf(mail.attachments, rawHtml),
    parts,
  };
}
