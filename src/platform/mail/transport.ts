import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  from: string | { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** `<id@domain>`; nodemailer invents one when absent. */
  messageId?: string | undefined;
  inReplyTo?: string | undefined;
  /** Space-separated Message-IDs. */
  references?: string | undefined;
  replyTo?: string | undefined;
  headers?: Record<string, string>;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  /** Closes pooled connections (on shutdown). */
  close?(): void;
}

/**
 * The server refused this mail for good (an SMTP 5xx for the recipient or the message): retrying
 * cannot help. The message is the server's answer.
 */
export class MailRejectedError extends Error {
  constructor(answer: string) {
    super(answer);
    this.name = 'MailRejectedError';
  }
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * 5xx answers are permanent, except a failed login: that is the admin's configuration, and the
 * mail should go out once it is fixed. A recipient nodemailer itself refuses is permanent too.
 */
function isPermanent(err: SmtpError): boolean {
  const code = err.responseCode ?? 0;
  if (code >= 500 && code < 600) return err.code !== 'EAUTH';
  return !code && (err.code === 'EENVELOPE' || err.code === 'EMESSAGE');
}

/** A pooled nodemailer SMTP transport for `smtp://` or `smtps://` URLs; undefined when no SMTP is configured. */
export function smtpTransport(smtpUrl: string | undefined): MailTransport | undefined {
  if (!smtpUrl) return undefined;
  const transporter: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 3,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      try {
        await transporter.sendMail(mail);
      } catch (err) {
        const e = err as SmtpError;
        if (isPermanent(e)) throw new MailRejectedError(e.response ?? e.message ?? 'rejected');
        throw err;
      }
    },
    close: () => transporter.close(),
  };
}
