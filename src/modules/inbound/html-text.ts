import sanitizeHtml from 'sanitize-html';

/** Elements mail clients wrap quoted history in (Gmail, Apple Mail, Thunderbird, Outlook, Yahoo, AOL). */
function isQuoteElement(tag: string, attribs: Record<string, string>): boolean {
  const cls = ` ${attribs.class ?? ''} `;
  const id = attribs.id ?? '';
  if (tag === 'blockquote' && (attribs.type === 'cite' || cls.includes(' gmail_quote '))) return true;
  if (/ (gmail_quote|yahoo_quoted|moz-cite-prefix|gmail_attr) /.test(cls)) return true;
  return /^(AOLMsgPart_|divRplyFwdMsg|appendonsend|OLK_SRC_BODY_SECTION)/.test(id);
}

/** The HTML without its quoted history; everything else is kept as it was. */
export function stripHtmlQuotes(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    exclusiveFilter: (frame) => isQuoteElement(frame.tag, frame.attribs),
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/** Plain text from mail HTML: block ends become line breaks, tags and scripts go, entities are decoded. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|table|pre)\s*>/gi, '\n');
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/\0/g, '')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
