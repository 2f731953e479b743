import { sha256 } from '../../platform/crypto.ts';

/** The id a mail without a Message-ID gets: stable for the same bytes, different for different mails. */
export function generatedMessageId(raw: Buffer): string {
  return `<${sha256(raw.toString('latin1')).slice(0, 40)}@generated.parley.invalid>`;
}

/**
 * The Message-ID from a raw mail's header block without parsing the rest, so the mail can be stored
 * (and deduplicated) before any stage that could fail. Falls back to the generated id.
 */
export function ownMessageId(raw: Buffer): string {
  const head = raw
    .subarray(0, 256 * 1024)
    .toString('latin1')
    .replace(/^\s*\n/, '');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const value = /^message-id:[ \t]*(.*)$/im.exec(block)?.[1] ?? '';
  return /<[^<>\s]+@[^<>\s]+>/.exec(value)?.[0] ?? generatedMessageId(raw);
}
