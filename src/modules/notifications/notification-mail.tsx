import type { Translator } from '../../platform/i18n/i18n.ts';

/** Everything a ticket notification shows, already translated and with absolute links. */
export interface TicketMailModel {
  t: Translator;
  number: number;
  subject: string;
  /** The first sentence: what happened. */
  heading: string;
  link: string;
  linkLabel: string;
  /** The message: sanitised HTML from the database and its Markdown source as the text. */
  message?: { html: string; text: string } | undefined;
  attachments?: { name: string; url: string; size: number }[] | undefined;
  /** A closing remark, e.g. to keep a guest's link safe. */
  note?: string | undefined;
}

export interface RenderedContent {
  subject: string;
  text: string;
  html: string;
}

const BUTTON =
  'display:inline-block;padding:8px 16px;background:#0969da;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;';
const QUOTE = 'margin:0 0 16px;padding:4px 0 4px 14px;border-left:3px solid #d0d7de;';

/** Message HTML uses site-relative links (attachments); in a mail they must be absolute. */
export function absoluteLinks(html: string, publicUrl: string): string {
  return html.replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${publicUrl}/`);
}

function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1048576).toFixed(1)} MB`;
}

function Attachments({ m }: { m: TicketMailModel }) {
  if (!m.attachments?.length) return '';
  return (
    <>
      <p style="margin:0 0 6px;font-weight:bold;" safe>
        {m.t.t('notify.attachments')}
      </p>
      <ul style="margin:0 0 16px;padding-left:20px;">
        {m.attachments.map((a) => (
          <li>
            <a href={a.url} safe>
              {a.name}
            </a>{' '}
            <span style="color:#57606a;" safe>{`(${sizeOf(a.size)})`}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function TicketMailBody({ m }: { m: TicketMailModel }) {
  return (
    <>
      <p style="margin:0 0 16px;" safe>
        {m.heading}
      </p>
      {m.message ? <div style={QUOTE}>{m.message.html as 'safe'}</div> : ''}
      <Attachments m={m} />
      <p style="margin:0 0 16px;">
        <a href={m.link} style={BUTTON} safe>
          {m.linkLabel}
        </a>
      </p>
      <p style="margin:0 0 16px;font-size:13px;color:#57606a;">
        <span safe>{m.t.t('notify.linkFallback')}</span>{' '}
        <a href={m.link} safe>
          {m.link}
        </a>
      </p>
      {m.note ? (
        <p style="margin:0;" safe>
          {m.note}
        </p>
      ) : (
        ''
      )}
    </>
  );
}

function ticketMailText(m: TicketMailModel): string {
  const parts = [m.heading];
  if (m.message) parts.push(m.message.text.trim());
  if (m.attachments?.length) {
    parts.push(
      [
        `${m.t.t('notify.attachments')}:`,
        ...m.attachments.map((a) => `- ${a.name} (${sizeOf(a.size)}): ${a.url}`),
      ].join('\n'),
    );
  }
  parts.push(`${m.linkLabel}: ${m.link}`);
  if (m.note) parts.push(m.note);
  return parts.join('\n\n');
}

/** A ticket notification as subject, text and HTML; the subject carries `[#number]` for threading. */
export function renderTicketMail(m: TicketMailModel): RenderedContent {
  return {
    subject: `[#${m.number}] ${m.subject}`,
    text: ticketMailText(m),
    html: (<TicketMailBody m={m} />) as string,
  };
}
