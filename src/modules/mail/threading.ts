import type { Config } from '../../config/config.ts';
import { randomToken } from '../../platform/crypto.ts';

/** References keep the thread's root and the newest ids, so the header stays short. */
const MAX_REFERENCES = 20;

/** A fresh Message-ID: 144 random bits, so it says nothing about the ticket or the recipient. */
export function newMessageId(domain: string): string {
  return `<${randomToken(18)}@${domain}>`;
}

/** References for a mail that replies to `parentId`, whose own References were `parentRefs`. */
export function chainReferences(parentRefs: string | null, parentId: string): string {
  const ids = [...(parentRefs ?? '').split(/\s+/).filter(Boolean), parentId];
  const kept = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return kept.join(' ');
}

/** Splits `Name <address>` (or a bare address) as MAIL_FROM gives it. */
export function parseMailbox(value: string): { name: string; address: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (match) return { name: match[1]!.trim(), address: match[2]!.trim() };
  return { name: '', address: value.trim() };
}

/** The sender: the site settings' name and address, else MAIL_FROM's, else the site name. */
export function senderOf(
  config: Pick<Config, 'mailFrom'>,
  site: { siteName: string; mailFromName: string; mailFromAddress: string },
): { name: string; address: string } {
  const fallback = parseMailbox(config.mailFrom);
  return {
    name: site.mailFromName || fallback.name || site.siteName,
    address: site.mailFromAddress || fallback.address,
  };
}

/** The domain of our Message-IDs: the reply domain, else the sender's, else PUBLIC_URL's host. */
export function messageIdDomain(
  config: Pick<Config, 'publicUrl'>,
  replyDomain: string,
  sender: string,
): string {
  if (replyDomain) return replyDomain;
  const at = sender.lastIndexOf('@');
  if (at > 0 && at < sender.length - 1) return sender.slice(at + 1);
  return new URL(config.publicUrl).hostname;
}

/** A plausible single address: something@domain, no spaces, no header-breaking characters. */
export function isDeliverableAddress(address: string | null | undefined): boolean {
  if (!address || address.length > 254) return false;
  return /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\.][^\s@<>()",;:\\]*$/.test(address) && !address.endsWith('.');
}
