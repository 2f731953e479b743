/**
 * Finds where the quoted history of a reply starts in its plain text, and the signature above it,
 * so a ticket shows what the customer newly wrote. Detection is by shape, not by client: an
 * attribution line ("On … wrote:", in several languages, possibly wrapped), an "Original Message"
 * separator, an Outlook-style header block (From:/Sent:/To:/Subject:) or a trailing run of `>`
 * lines. Forwarded mail is never stripped: what was forwarded is the content.
 */
export interface Stripped {
  /** The text to keep: the new text of a reply, or the whole text when nothing was found. */
  text: string;
  /** 1-based line where the quoted history starts, or null. */
  quoteLine: number | null;
  /** 1-based line where the signature starts (replies only), or null. */
  signatureLine: number | null;
  /** The reply was written below the quote. */
  bottomPosted: boolean;
  /** The mail forwards another one; nothing was stripped. */
  forwarded: boolean;
}

const WROTE =
  /(wrote|writes|schrieb|a écrit|escribió|ha scritto|skrev|kirjoitti|napisał(\(a\))?|написал(\(а\))?|написала|escreveu|schreef|yazdı|napsal(a)?|írta|写道|が書きました)\s*:\s*$/i;
const ATTRIBUTION_START = /^\s*(On|Am|Le|El|Il|Op|Em|Den|W dniu|Dne|\d)/i;
const SEPARATOR =
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Original-Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Původní zpráva|Oryginalna wiadomość|Исходное сообщение)\s*-{2,}\s*$/i;
const FORWARD =
  /^\s*(-{2,}\s*(Forwarded message|Forwarded Message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht)\s*-{2,}|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:)/i;
const FROM_LINE = /^\s*\*?(From|Von|De|Van|Da|Från|Od|От|Fra)\s*:\*?\s+\S/i;
const HEADER_LINE =
  /^\s*\*?(Sent|Date|To|Subject|Cc|Gesendet|Datum|An|Betreff|Envoyé|À|Objet|Enviado|Para|Asunto|Inviato|Oggetto|Verzonden|Aan|Onderwerp|Skickat|Till|Ämne|Отправлено|Кому|Тема)\s*:/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;
const MOBILE_SIGNATURE =
  /^\s*(Sent from my \S+|Sent from (Mail|Outlook|Yahoo Mail)\b|Get Outlook for \S+|Von meinem \S+ gesendet|Envoyé de mon \S+|Enviado desde mi \S+|Inviato da \S+)/i;

const quoted = (line: string) => /^\s*>/.test(line);
const blank = (line: string | undefined) => line === undefined || line.trim() === '';

function nextContentLine(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && blank(lines[i])) i++;
  return i;
}

/** The last line of an attribution starting at i (it may wrap over up to three lines), or -1. */
function attributionEnd(lines: string[], i: number): number {
  if (!ATTRIBUTION_START.test(lines[i]!) || quoted(lines[i]!)) return -1;
  let joined = '';
  for (let j = i; j < Math.min(i + 3, lines.length); j++) {
    if (blank(lines[j]) || quoted(lines[j]!)) break;
    joined += ` ${lines[j]!.trim()}`;
    if (!WROTE.test(joined)) continue;
    const next = lines[nextContentLine(lines, j + 1)];
    // Followed by quoted lines, or it names a date or an address: not a sentence that ends in "wrote:".
    if ((next !== undefined && quoted(next)) || /\d|@/.test(joined)) return j;
    return -1;
  }
  return -1;
}

function isHeaderBlock(lines: string[], i: number): boolean {
  if (!FROM_LINE.test(lines[i]!)) return false;
  let headers = 0;
  for (let j = i + 1; j < Math.min(i + 7, lines.length); j++) if (HEADER_LINE.test(lines[j]!)) headers++;
  return headers >= 2;
}

/** Index of the first line of the quoted history, and whether a forward marker came first. */
function findQuote(lines: string[]): { start: number; forward: boolean } {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FORWARD.test(line)) return { start: -1, forward: true };
    if (SEPARATOR.test(line) || attributionEnd(lines, i) >= 0) return { start: i, forward: false };
    if (isHeaderBlock(lines, i)) {
      const above = i > 0 && UNDERSCORES.test(lines[i - 1]!) ? i - 1 : i;
      return { start: above, forward: false };
    }
    if (quoted(line) && lines.slice(i).every((l) => blank(l) || quoted(l)))
      return { start: i, forward: false };
  }
  return { start: -1, forward: false };
}

/** The end (exclusive) of the quote block that starts at `start`: the attribution, then `>` and blank lines. */
function quoteBlockEnd(lines: string[], start: number): number {
  const attribution = attributionEnd(lines, start);
  let i = attribution >= 0 ? attribution + 1 : start;
  while (i < lines.length && (blank(lines[i]) || quoted(lines[i]!))) i++;
  return i;
}

/** Cuts a signature off the new text: a `-- ` delimiter line, or a phone client's "Sent from my …". */
function cutSignature(lines: string[]): { lines: string[]; at: number | null } {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const delimiter = line.trimEnd() === '--';
    const mobile = MOBILE_SIGNATURE.test(line) && lines.slice(i + 1).filter((l) => !blank(l)).length <= 2;
    if (delimiter || mobile) return { lines: lines.slice(0, i), at: i };
  }
  return { lines, at: null };
}

const join = (lines: string[]) => lines.join('\n').trim();

/** Splits a reply into what is new and what is quoted; `forward` marks a mail whose subject says Fwd. */
export function stripReply(text: string, opts: { reply: boolean; forward: boolean }): Stripped {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const whole = { text: text.trim(), quoteLine: null, signatureLine: null, bottomPosted: false };
  if (opts.forward) return { ...whole, forwarded: true };
  const found = findQuote(lines);
  if (found.forward) return { ...whole, forwarded: true };
  const start = found.start;
  let head = start >= 0 ? lines.slice(0, start) : lines;
  let offset = 0;
  let bottomPosted = false;
  if (start >= 0 && blank(join(head))) {
    // Nothing above the quote: the reply may be below it.
    offset = quoteBlockEnd(lines, start);
    head = lines.slice(offset).filter((l) => !quoted(l));
    bottomPosted = !blank(join(head));
  }
  const signature = opts.reply || start >= 0 ? cutSignature(head) : { lines: head, at: null };
  return {
    text: join(signature.lines),
    quoteLine: start >= 0 ? start + 1 : null,
    signatureLine: signature.at === null ? null : signature.at + offset + 1,
    bottomPosted,
    forwarded: false,
  };
}
