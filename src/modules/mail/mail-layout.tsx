/** The frame around every mail's content: who sends it, why, and how to stop it. */
export interface MailFrame {
  lang: string;
  title: string;
  siteName: string;
  /** The site's footer text (site settings), may be empty. */
  footer: string;
  /** Why the recipient gets this mail. */
  reason?: string | undefined;
  settings?: { url: string; label: string } | undefined;
  unsubscribe?: { url: string; label: string } | undefined;
}

// Mail clients ignore style sheets more often than not, so the few styles are inline.
const FONT = 'font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;';
const MUTED = `${FONT}font-size:12px;line-height:1.5;color:#57606a;margin:0 0 6px;`;

function FooterLinks({ frame }: { frame: MailFrame }) {
  const links = [frame.settings, frame.unsubscribe].filter((l) => l !== undefined);
  if (links.length === 0) return '';
  return (
    <p style={MUTED}>
      {links.map((l, i) => (
        <>
          {i > 0 ? ' · ' : ''}
          <a href={l.url} style="color:#57606a;" safe>
            {l.label}
          </a>
        </>
      ))}
    </p>
  );
}

function MailDocument({ frame, body }: { frame: MailFrame; body: string }) {
  return (
    <html lang={frame.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title safe>{frame.title}</title>
      </head>
      <body style="margin:0;padding:0;background:#f3f4f6;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;">
          <tr>
            <td align="center" style="padding:24px 12px;">
              <table
                role="presentation"
                width="100%"
                cellpadding="0"
                cellspacing="0"
                style="max-width:640px;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;"
              >
                <tr>
                  <td
                    style={`${FONT}padding:16px 24px;font-size:17px;font-weight:bold;color:#1f2328;border-bottom:1px solid #d0d7de;`}
                    safe
                  >
                    {frame.siteName}
                  </td>
                </tr>
                <tr>
                  <td style={`${FONT}padding:20px 24px;font-size:15px;line-height:1.5;color:#1f2328;`}>
                    {body as 'safe'}
                  </td>
                </tr>
                <tr>
                  <td style="padding:14px 24px;border-top:1px solid #d0d7de;">
                    {frame.footer.split(/\n+/).map((line) =>
                      line.trim() ? (
                        <p style={MUTED} safe>
                          {line}
                        </p>
                      ) : (
                        ''
                      ),
                    )}
                    {frame.reason ? (
                      <p style={MUTED} safe>
                        {frame.reason}
                      </p>
                    ) : (
                      ''
                    )}
                    <FooterLinks frame={frame} />
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
}

/** The whole HTML document of a mail; `body` is trusted HTML built by our templates. */
export function renderMailHtml(frame: MailFrame, body: string): string {
  return `<!doctype html>${(<MailDocument frame={frame} body={body} />) as string}`;
}

/** The plain-text twin: the content, a signature line, the footer and the same links. */
export function renderMailText(frame: MailFrame, body: string): string {
  let text = `${body.trimEnd()}\n\n-- \n${frame.siteName}\n`;
  if (frame.footer) text += `${frame.footer}\n`;
  if (frame.reason) text += `${frame.reason}\n`;
  for (const link of [frame.settings, frame.unsubscribe]) {
    if (link) text += `${link.label}: ${link.url}\n`;
  }
  return text;
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/;

function Line({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_PATTERN).map((part, i) =>
        i % 2 === 1 ? (
          <a href={part} safe>
            {part}
          </a>
        ) : (
          <span safe>{part}</span>
        ),
      )}
    </>
  );
}

/** Plain text as HTML paragraphs, with its links clickable: for mails written as catalog text. */
export function textToHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim());
  return paragraphs
    .map(
      (p) =>
        (
          <p style="margin:0 0 12px;">
            {p.split('\n').map((line, i) => (
              <>
                {i > 0 ? <br /> : ''}
                <Line text={line} />
              </>
            ))}
          </p>
        ) as string,
    )
    .join('');
}
