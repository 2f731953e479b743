/** The types Parley can recognise from a file's first bytes; admins allow a subset of them. */
export const UPLOAD_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/json',
  'application/zip',
  'application/gzip',
] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** Allowed unless an admin says otherwise: images, PDF, text and logs, zip, JSON. */
export const DEFAULT_UPLOAD_TYPES: UploadType[] = UPLOAD_TYPES.filter((t) => t !== 'application/gzip');

/** Raster images: the only files shown inline and the only ones that get thumbnails. */
export const RASTER_IMAGES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);

/** What the sniffer calls programs, so the user hears "not allowed" with the right reason. */
export const EXECUTABLE = 'application/x-executable';
export const UNKNOWN = 'application/octet-stream';

/** How many leading bytes the sniffer wants before it decides (less only when the file is shorter). */
export const SNIFF_BYTES = 4096;

/** The extensions a file of each type may keep; any other gets the first one appended. */
export const TYPE_EXTENSIONS: Record<UploadType, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/plain': [
    'txt',
    'log',
    'csv',
    'tsv',
    'md',
    'ini',
    'conf',
    'cfg',
    'yaml',
    'yml',
    'diff',
    'patch',
    'out',
    'err',
  ],
  'application/json': ['json'],
  'application/zip': ['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'],
  'application/gzip': ['gz', 'tgz'],
};

export function isUploadType(value: string): value is UploadType {
  return (UPLOAD_TYPES as readonly string[]).includes(value);
}

function startsWith(head: Uint8Array, bytes: number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: [UploadType | typeof EXECUTABLE, (h: Uint8Array) => boolean][] = [
  ['image/png', (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['image/jpeg', (h) => startsWith(h, [0xff, 0xd8, 0xff])],
  ['image/gif', (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a'))],
  ['image/webp', (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8)],
  ['application/pdf', (h) => startsWith(h, ascii('%PDF-'))],
  [
    'application/zip',
    (h) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]) || startsWith(h, [0x50, 0x4b, 0x05, 0x06]),
  ],
  ['application/gzip', (h) => startsWith(h, [0x1f, 0x8b, 0x08])],
  // Windows PE, ELF, Mach-O (both byte orders, 32/64 bit, fat binaries), shell scripts.
  [
    EXECUTABLE,
    (h) =>
      startsWith(h, ascii('MZ')) ||
      startsWith(h, [0x7f, 0x45, 0x4c, 0x46]) ||
      [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].some((m) =>
        startsWith(h, [m >>> 24, (m >>> 16) & 0xff, (m >>> 8) & 0xff, m & 0xff]),
      ) ||
      startsWith(h, ascii('#!')),
  ],
];

/** Tab, line feed, vertical tab, form feed, carriage return and escape. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);

/**
 * Plain text: valid UTF-8 (a multi-byte character cut off at the end of an incomplete head is
 * fine) with no NUL and no control characters other than tab, line breaks, form feed and escape
 * (coloured logs).
 */
function isText(head: Uint8Array, complete: boolean): boolean {
  for (const b of head) if (b < 0x20 && !TEXT_CONTROLS.has(b)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file judged by its first bytes (at least SNIFF_BYTES of them unless the file is
 * shorter, then `complete`), never by its name alone: the name only tells JSON from other text.
 */
export function sniffType(head: Uint8Array, name: string, complete: boolean): string {
  for (const [type, matches] of SIGNATURES) if (matches(head)) return type;
  if (!isText(head, complete)) return UNKNOWN;
  const first = new TextDecoder()
    .decode(head.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  if (/\.json$/i.test(name) && (first === '{' || first === '[')) return 'application/json';
  return 'text/plain';
}
