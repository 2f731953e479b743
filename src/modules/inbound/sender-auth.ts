/**
 * The DMARC result that our own receiving server recorded for a mail (RFC 8601
 * `Authentication-Results`), or undefined when it recorded none or we trust no server.
 *
 * Only the topmost header carrying our server's authserv-id counts: headers lower down were there
 * before the mail reached us, and anybody can write one (a receiving server should also strip
 * look-alikes of its own id, RFC 8601 §5).
 */
export function dmarcVerdict(headers: Map<string, string[]>, authservId: string): string | undefined {
  if (!authservId) return undefined;
  for (const value of headers.get('authentication-results') ?? []) {
    const flat = value
      .replace(/\([^()]*\)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const id = flat.split(';', 1)[0]!.trim().split(' ', 1)[0]!.toLowerCase();
    if (id !== authservId) continue;
    return /(?:^|[;\s])dmarc=([a-z]+)/i.exec(flat)?.[1]?.toLowerCase();
  }
  return undefined;
}
