import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/mail/', import.meta.url));

/** A fixture's bytes exactly as stored. */
export function fixture(name: string): Buffer {
  const file = readdirSync(FIXTURE_DIR).find((f) => f === name || f.startsWith(`${name}-`));
  if (!file) throw new Error(`no fixture ${name}`);
  return readFileSync(FIXTURE_DIR + file);
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort();
}

/** A small RFC 822 mail for tests, CRLF line ends. */
export function composeMail(opts: {
  from: string;
  to: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
}): Buffer {
  const lines = [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${opts.subject}`,
    `Date: Tue, 24 Nov 2026 10:00:00 +0000`,
    `Message-ID: ${opts.messageId ?? `<${Math.random().toString(36).slice(2)}@client.example>`}`,
    ...(opts.inReplyTo ? [`In-Reply-To: ${opts.inReplyTo}`] : []),
    ...(opts.references ? [`References: ${opts.references}`] : []),
    ...Object.entries(opts.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    opts.body,
  ];
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}
