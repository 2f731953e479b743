import { TYPE_EXTENSIONS, isUploadType } from '../../platform/storage/file-types.ts';

const MAX_LENGTH = 120;

/** C0 and C1 controls and DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/**
 * Bidirectional overrides, embeddings and isolates (U+202A–E, U+2066–9), the implicit marks and
 * zero-width characters: "invoice\u202Efdp.exe" would otherwise show as "invoiceexe.pdf".
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Not allowed in file names on Windows (and "/" anywhere). */
const RESERVED_CHARS = /[<>:"/\\|?*]/g;
const DEVICE_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
}

function truncate(name: string): string {
  const chars = [...name];
  if (chars.length <= MAX_LENGTH) return name;
  const [base, ext] = splitExtension(name);
  const keep = ext && ext.length <= 10 ? [...ext].length + 1 : 0;
  return [...base].slice(0, MAX_LENGTH - keep).join('') + (keep ? `.${ext}` : '');
}

/**
 * A file name safe to store, show and send: the last path segment only, no control or invisible
 * direction characters, nothing Windows refuses, no leading or trailing dots, at most 120
 * characters. Given the sniffed type, an extension that does not fit it gets the right one
 * appended ("photo.exe" holding a PNG becomes "photo.exe.png").
 */
export function sanitizeFileName(raw: string, type?: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    .replace(CONTROLS, '')
    .replace(INVISIBLE, '')
    .replace(RESERVED_CHARS, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (DEVICE_NAMES.test(name)) name = `_${name}`;
  if (!name) name = 'file';
  if (type && isUploadType(type)) {
    const allowed = TYPE_EXTENSIONS[type];
    const ext = splitExtension(name)[1].toLowerCase();
    if (!allowed.includes(ext)) name = `${name}.${allowed[0]}`;
  }
  return truncate(name);
}

/** The name as a URL path segment; also escapes the characters Markdown link syntax trips over. */
export function urlFileName(name: string): string {
  return encodeURIComponent(name).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A Content-Disposition value with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${urlFileName(name)}`;
}
