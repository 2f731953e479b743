import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

/** Parley's own attachment URLs: the only image sources allowed in user content. */
const OWN_IMAGE = /^\/attachments\/[A-Za-z0-9_-]+(\/[^\s"'<>]*)?$/;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    's',
    'del',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_IMAGE.test(frame.attribs.src ?? ''),
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'nofollow noopener ugc', target: '_blank' },
    }),
  },
};

/**
 * Markdown to safe HTML: markdown-it with raw HTML off, then sanitize-html as a second wall.
 * Links get rel="nofollow noopener ugc"; images survive only when they point at our attachments.
 */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SANITIZE);
}

/** Any HTML (e.g. inbound mail) through the same allow-list. */
export function sanitizeUserHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}
