import type { ParsedMail } from './parse.ts';

/** What a bounce says: who failed, with which status, and which of our mails it returns. */
export interface BounceDetails {
  recipients: string[];
  status: string | null;
  /** Message-IDs of the returned mail, best first (never the bounce's own). */
  originalIds: string[];
}

const ADDRESS = /[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** The fields of message/delivery-status parts (per-recipient blocks flattened). */
export function deliveryStatus(mail: ParsedMail): {
  actions: string[];
  recipients: string[];
  status: string[];
} {
  const out = { actions: [] as string[], recipients: [] as string[], status: [] as string[] };
  for (const part of mail.parts) {
    if (part.contentType !== 'message/delivery-status') continue;
    const text = part.body
      .toString('utf8')
      .replace(/\r\n?/g, '\n')
      .replace(/\n[ \t]+/g, ' ');
    for (const line of text.split('\n')) {
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
      if (!m) continue;
      const [key, value] = [m[1]!.toLowerCase(), m[2]!.trim()];
      if (key === 'action') out.actions.push(value.toLowerCase().split(/\s/)[0]!);
      if (key === 'final-recipient' || key === 'original-recipient')
        out.recipients.push(...(value.match(ADDRESS) ?? []).map((a) => a.toLowerCase()));
      if (key === 'status') out.status.push(value.split(/\s/)[0]!);
    }
  }
  return out;
}

/** Text of the bounce's own parts and of the returned headers, where Message-IDs and addresses hide. */
function bounceTexts(mail: ParsedMail): { returned: string; own: string } {
  const returned = mail.parts
    .filter((p) => p.contentType === 'message/rfc822' || p.contentType === 'text/rfc822-headers')
    .map((p) => {
      const text = p.body.toString('utf8').replace(/\r\n?/g, '\n');
      const end = text.indexOf('\n\n');
      return end >= 0 ? text.slice(0, end) : text;
    })
    .join('\n');
  return { returned: returned.replace(/\n[ \t]+/g, ' '), own: mail.text };
}

function messageIdsIn(text: string): string[] {
  return [...text.matchAll(/^[ \t>]*Message-I[Dd]:\s*(<[^<>\s]+@[^<>\s]+>)/gim)].map((m) => m[1]!);
}

/** Addresses the report text names as failed: those right after a "failed"/"recipients" line. */
function recipientsInText(text: string): string[] {
  const lines = text.split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    if (!/fail|could not be delivered|undeliverable|recipients?\b/i.test(line)) return;
    for (const next of lines.slice(i, i + 4)) found.push(...(next.match(ADDRESS) ?? []));
  });
  return found.map((a) => a.toLowerCase());
}

/** Reads the failed recipients, status and returned Message-IDs from a bounce, tolerating broken reports. */
export function bounceDetails(mail: ParsedMail): BounceDetails {
  const dsn = deliveryStatus(mail);
  const texts = bounceTexts(mail);
  const failedHeader = (mail.headers.get('x-failed-recipients') ?? []).flatMap((v) => v.match(ADDRESS) ?? []);
  let recipients = [...failedHeader.map((a) => a.toLowerCase()), ...dsn.recipients];
  if (recipients.length === 0) recipients = recipientsInText(texts.own).slice(0, 5);
  const status = dsn.status[0] ?? /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(texts.own)?.[1] ?? null;
  const ids = [...messageIdsIn(texts.returned), ...messageIdsIn(texts.own)];
  return {
    recipients: [...new Set(recipients)],
    status,
    originalIds: [...new Set(ids)].filter((id) => id !== mail.messageId),
  };
}
