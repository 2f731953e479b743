import type { MailTransport, OutgoingMail } from '../../src/platform/mail/transport.ts';

/** Captures every mail the send job hands over, instead of talking SMTP. */
export class MailCapture implements MailTransport {
  readonly sent: OutgoingMail[] = [];
  failNext = 0;

  async send(mail: OutgoingMail): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('simulated SMTP failure');
    }
    this.sent.push(mail);
  }

  to(address: string): OutgoingMail[] {
    return this.sent.filter((m) => m.to.includes(address));
  }

  last(address: string): OutgoingMail {
    const mails = this.to(address);
    const mail = mails[mails.length - 1];
    if (!mail) throw new Error(`no mail to ${address}; sent: ${this.sent.map((m) => m.to).join(', ')}`);
    return mail;
  }

  /** The link containing the path fragment in the newest mail to the address that has one. */
  link(address: string, fragment: string): string {
    const pattern = new RegExp(`https?://\\S*${fragment.replace(/[/?]/g, '\\$&')}[^\\s<>"]*`);
    for (const mail of [...this.to(address)].reverse()) {
      const match = mail.text.match(pattern);
      if (match) return match[0];
    }
    throw new Error(`no link with ${fragment} in any mail to ${address}`);
  }
}
