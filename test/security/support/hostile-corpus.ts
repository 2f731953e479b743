import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/hostile');

export type PayloadKind = 'xss' | 'sql' | 'traversal' | 'unicode' | 'oversized';

export interface Payload {
  kind: PayloadKind;
  /** A short name for messages: kind and position. */
  label: string;
  value: string;
}

function lines(file: string): string[] {
  return readFileSync(path.join(DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('# '));
}

/**
 * Every hostile value the corpus holds: the XSS, SQL and path-traversal lists, the Unicode edge
 * cases (kept as JSON escapes so lone surrogates and NUL survive in the file), and values over
 * each field's limit.
 */
export function hostileCorpus(): Payload[] {
  const listed: [PayloadKind, string[]][] = [
    ['xss', lines('xss.txt')],
    ['sql', lines('sql.txt')],
    ['traversal', lines('traversal.txt')],
    ['unicode', JSON.parse(readFileSync(path.join(DIR, 'unicode.json'), 'utf8')) as string[]],
    ['oversized', ['A'.repeat(300), `${'long '.repeat(20_001)}<script>alert('oversized')</script>`]],
  ];
  return listed.flatMap(([kind, values]) =>
    values.map((value, i) => ({ kind, label: `${kind}#${i + 1}`, value })),
  );
}

/** The app's own scripts and styles: the only ones a page may load. */
const OWN_SCRIPT = /^\/assets\/app\.js(\?|$)/;
const OWN_LINK = /^\/(assets\/|styles\/labels\.css)/;
const ACTIVE_TAGS = new Set([
  'iframe',
  'object',
  'embed',
  'frame',
  'frameset',
  'applet',
  'base',
  'math',
  'style',
]);
const URL_ATTRS = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'background',
  'poster',
]);
const BAD_SCHEME = /^(javascript|vbscript|data|livescript):/i;
/** Attributes our client code or the browser acts on, and which user text must never create. */
const ACTIVE_ATTR = /^(on|hx-|x-|@|:|data-confirm|data-autosubmit|srcdoc$|style$|formaction$)/i;
/** What the corpus's payloads leave in attributes they managed to create. */
const PAYLOAD_TRACE = /alert|xss|logout|expression\(/i;

function schemeOf(value: string): string {
  // Browsers ignore control characters and whitespace inside a scheme ("jav\tascript:").
  // eslint-disable-next-line no-control-regex -- those characters are the point
  return value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
}

/** A same-site URL whose data is percent-encoded, as the app builds them (`/desk/x?name=%3C…`). */
function isEncodedPath(value: string): boolean {
  return value.startsWith('/') && !/[\s<>'"()]/.test(value) && !/\/logout\b/.test(value);
}

function elementProblems(el: HTMLElement): string[] {
  const tag = el.rawTagName?.toLowerCase() ?? '';
  const problems: string[] = [];
  const attrs = el.attributes;
  if (tag === 'script' && (!OWN_SCRIPT.test(attrs.src ?? '') || el.innerHTML.trim() !== ''))
    problems.push(`script element ${el.outerHTML.slice(0, 120)}`);
  if (tag === 'link' && !OWN_LINK.test(attrs.href ?? '')) problems.push(`link ${el.outerHTML.slice(0, 120)}`);
  if (tag === 'meta' && attrs['http-equiv']) problems.push(`meta http-equiv ${el.outerHTML.slice(0, 120)}`);
  if (ACTIVE_TAGS.has(tag)) problems.push(`<${tag}> element`);
  if (tag === 'svg' && el.querySelector('script, foreignObject, set, animate'))
    problems.push('active SVG content');
  for (const [name, value] of Object.entries(attrs)) {
    if (URL_ATTRS.has(name.toLowerCase()) && BAD_SCHEME.test(schemeOf(value)))
      problems.push(`${name}="${value.slice(0, 80)}" on <${tag}>`);
    if (ACTIVE_ATTR.test(name) && PAYLOAD_TRACE.test(value) && !isEncodedPath(value))
      problems.push(`${name}="${value.slice(0, 80)}" on <${tag}>`);
    if (/^on/i.test(name)) problems.push(`event handler ${name} on <${tag}>`);
  }
  return problems;
}

/**
 * What in an HTML page could run, load or act: foreign scripts, frames, event handlers, script
 * URLs, and attributes our client code acts on that carry a payload. Empty for an inert page.
 */
export function activeContent(html: string): string[] {
  const root = parse(html, { comment: false });
  return root.querySelectorAll('*').flatMap(elementProblems);
}
