import { createServer } from 'node:net';
import { after, before, describe } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { Dialect } from '../../src/platform/db/database.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { testDialects } from '../support/db.ts';

/** A mail as the SMTP server received it, decoded enough to assert on. */
export interface ReceivedMail {
  /** RCPT TO addresses. */
  rcpt: string[];
  raw: string;
  /** Header name (lower case) → unfolded, decoded value. */
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

/** Quoted-printable (or RFC 2047 Q) text to a string, byte-exact for UTF-8. */
function qpDecode(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = /^=([0-9A-F]{2})/i.exec(text.slice(i, i + 3));
    if (hex) {
      bytes.push(parseInt(hex[1]!, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : qpDecode(text.replace(/_/g, ' ')),
    );
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), decodeWords(line.slice(i + 1).trim()));
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') return qpDecode(body.replace(/=\r\n/g, ''));
  return body;
}

/** Splits a (possibly multipart) message into its text and HTML parts. */
function parts(headers: Map<string, string>, body: string): { text: string; html: string } {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) {
    const decoded = decodeBody(body, headers.get('content-transfer-encoding'));
    return type.startsWith('text/html') ? { text: '', html: decoded } : { text: decoded, html: '' };
  }
  const result = { text: '', html: '' };
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const at = chunk.indexOf('\r\n\r\n');
    const sub = parts(parseHeaders(chunk.slice(2, at)), chunk.slice(at + 4).replace(/\r\n$/, ''));
    result.text ||= sub.text;
    result.html ||= sub.html;
  }
  return result;
}

export function parseMail(raw: string, rcpt: string[] = []): ReceivedMail {
  const at = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(raw.slice(0, at));
  return { rcpt, raw, headers, subject: headers.get('subject') ?? '', ...parts(headers, raw.slice(at + 4)) };
}

/** An SMTP server in this process on a loopback port: it keeps what it receives. */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  /** Recipients answered with `550 No such user here`. */
  readonly reject = new Set<string>();
  private server: SMTPServer | undefined;

  constructor(public port = 0) {}

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Do not wait long for clients that keep a pooled connection open.
      closeTimeout: 1000,
      onRcptTo: (address, _session, callback) => {
        if (!this.reject.has(address.address)) return callback();
        const err = new Error('No such user here') as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const rcpt = session.envelope.rcptTo.map((r) => r.address);
          this.mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), rcpt));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.rcpt.includes(address));
  }

  last(address: string): ReceivedMail {
    const list = this.to(address);
    if (list.length === 0)
      throw new Error(`no mail to ${address}; got ${this.mails.map((m) => m.rcpt).join(', ')}`);
    return list[list.length - 1]!;
  }
}

/** A loopback port nobody listens on (yet). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Like describeEachDialect, but the app sends through real SMTP to a sink of its own. `env`
 * adds configuration.
 */
export function describeWithSmtp(
  name: string,
  body: (use: () => { t: TestApp; sink: SmtpSink }, dialect: Dialect) => void,
  env: Record<string, string> = {},
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let state: { t: TestApp; sink: SmtpSink } | undefined;
      before(async () => {
        const sink = await new SmtpSink().start();
        const t = await buildTestApp(dialect, { env: { SMTP_URL: sink.url(), ...env }, realSmtp: true });
        state = { t, sink };
      });
      after(async () => {
        await state?.t.close();
        await state?.sink.stop();
      });
      body(() => {
        if (!state) throw new Error('test app not built');
        return state;
      }, dialect);
    });
  }
}
