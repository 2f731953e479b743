import { Splitter, type MimeNode, type SplitterChunk } from '@zone-eu/mailsplit';
import FlowedDecoder from '@zone-eu/mailsplit/lib/flowed-decoder.js';
import libmime from 'libmime';
import { Readable, type Transform } from 'node:stream';

/** One MIME node of a mail as the splitter saw it, its body decoded from its transfer encoding. */
export interface MimePart {
  contentType: string;
  charset: string | null;
  disposition: string | null;
  /** True for the root of the mail and for nodes outside any attached message. */
  ownLevel: boolean;
  /** True for a node that opens an attached message (its headers are that message's). */
  embeddedRoot: boolean;
  headers: string;
  body: Buffer;
  flowed: boolean;
  delSp: boolean;
}

async function drain(stream: Transform, input: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (c: Buffer | string) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  stream.end(input);
  await done;
  return Buffer.concat(chunks);
}

function insideMessage(node: MimeNode): boolean {
  for (let p = node.parentNode; p; p = (p as MimeNode).parentNode) if ((p as MimeNode).rfc822) return true;
  return false;
}

/**
 * Every MIME node of a raw mail in order, with bodies decoded from base64 or quoted-printable.
 * Tolerant: broken boundaries, missing final boundaries and junk before the headers are read as
 * far as they go. Attached messages (message/rfc822) are walked too but marked as not ours.
 */
export async function mimeParts(raw: Buffer): Promise<MimePart[]> {
  const nodes: { node: MimeNode; chunks: Buffer[] }[] = [];
  const splitter = new Splitter({ maxHeadSize: 4 * 1024 * 1024 });
  const events = splitter as unknown as NodeJS.EventEmitter;
  const read = new Promise<void>((resolve, reject) => {
    splitter.on('data', (data: SplitterChunk) => {
      if (data.type === 'node') nodes.push({ node: data as MimeNode, chunks: [] });
      else if (data.type === 'body') nodes[nodes.length - 1]?.chunks.push(data.value as Buffer);
    });
    events.on('end', () => resolve());
    events.on('error', reject);
  });
  Readable.from([raw]).pipe(splitter);
  await read;
  const parts: MimePart[] = [];
  for (const { node, chunks } of nodes) {
    const encoded = Buffer.concat(chunks);
    let body: Buffer = encoded;
    try {
      body = encoded.length ? await drain(node.getDecoder() as unknown as Transform, encoded) : encoded;
    } catch {
      // A body that does not decode stays as it came; the raw mail is kept anyway.
    }
    const embedded = insideMessage(node);
    parts.push({
      contentType: (node.contentType || 'text/plain').toLowerCase(),
      charset: node.charset || null,
      disposition: node.disposition || null,
      ownLevel: !embedded,
      embeddedRoot: embedded && !!node.parentNode && (node.parentNode as MimeNode).rfc822,
      headers: node.getHeaders().toString('latin1'),
      body,
      flowed: node.flowed,
      delSp: node.delSp,
    });
  }
  return parts;
}

const UTF8 = new Set(['utf8', 'usascii', 'ascii', '']);

/**
 * Bytes to text in their declared charset. A part labelled UTF-8 (or ASCII, or nothing) that is not
 * valid UTF-8 was written by a client that lied about its charset: read it as Windows-1252, the
 * usual culprit, instead of showing replacement characters.
 */
export async function decodeCharset(bytes: Buffer, charset: string | null): Promise<string> {
  const name = (charset ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (UTF8.has(name)) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  }
  try {
    const stream = libmime.createDecodeStream(charset) as unknown as Transform;
    return (await drain(stream, bytes)).toString('utf8');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** A text part's content as text: charset decoded, format=flowed undone, line ends as LF. */
export async function partText(part: MimePart): Promise<string> {
  let bytes: Buffer = part.body;
  if (part.flowed)
    bytes = await drain(new FlowedDecoder({ delSp: part.delSp }) as unknown as Transform, bytes);
  // NUL never belongs in text (and PostgreSQL refuses it in a text column).
  return (await decodeCharset(bytes, part.charset)).replace(/\r\n?/g, '\n').replace(/\0/g, '');
}

/** The first text part of the given type that belongs to the mail itself (not an attachment or attached message). */
export function firstOwnPart(parts: MimePart[], type: 'text/plain' | 'text/html'): MimePart | undefined {
  return parts.find((p) => p.ownLevel && p.contentType === type && p.disposition !== 'attachment');
}
