import { fromRoot } from '../../platform/paths.ts';
import type { Translator } from '../../platform/i18n/i18n.ts';
import type { Invoice } from './commerce.schema.ts';
import type { InvoiceDetail } from './invoice-read.service.ts';

/** DejaVu Sans covers Latin, Greek and Cyrillic; PDF's built-in fonts know only WinAnsi. */
export const PDF_FONT = fromRoot('assets/fonts/DejaVuSans.ttf');

const LEFT = 50;
const RIGHT = 545;
const FACTS_X = 330;
const COLUMNS = [LEFT, 300, 390, 450];

type Doc = PDFKit.PDFDocument;

/** Renders an invoice as an A4 PDF in the given language, with the font embedded. */
export async function renderInvoicePdf(
  detail: InvoiceDetail,
  t: Translator,
  siteName: string,
): Promise<Buffer> {
  const title = t.t('commerce.invoice.heading', { number: detail.invoice.number });
  // Loaded on first use: pdfkit costs ~11 MB resident and most requests never print.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: LEFT, info: { Title: title, Author: siteName } });
  doc.registerFont('body', PDF_FONT);
  doc.font('body');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  heading(doc, t, detail.invoice, title, siteName);
  parties(doc, t, detail.invoice);
  items(doc, t, detail);
  doc.end();
  return done;
}

function heading(doc: Doc, t: Translator, invoice: Invoice, title: string, siteName: string): void {
  doc.fontSize(9).fillColor('#555').text(siteName, LEFT, 40);
  doc.fontSize(20).fillColor('#000').text(title, LEFT, 60);
  doc.fontSize(11).text(invoice.title);
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(t.t(`commerce.invoiceStatus.${invoice.status}`))
    .moveDown();
}

/** Billed to on the left; dates and PO number on the right. */
function parties(doc: Doc, t: Translator, invoice: Invoice): void {
  const top = doc.y;
  doc.fillColor('#000').fontSize(10).text(t.t('commerce.invoice.billedTo'), LEFT, top, { underline: true });
  doc.text(invoice.customer_name).text(invoice.customer_email);
  if (invoice.billing_address) doc.text(invoice.billing_address);
  const left = doc.y;
  const facts: [string, number | string | null][] = [
    ['commerce.invoice.created', invoice.created_at],
    ['commerce.invoice.paid', invoice.paid_at],
    ['commerce.invoice.due', invoice.due_at],
    ['commerce.invoice.poNumber', invoice.po_number || t.t('commerce.none')],
  ];
  let y = top;
  for (const [key, value] of facts) {
    if (value === null) continue;
    const shown = typeof value === 'number' ? t.date(value) : value;
    doc.text(`${t.t(key)}: ${shown}`, FACTS_X, y, { width: RIGHT - FACTS_X });
    y = doc.y;
  }
  doc.y = Math.max(left, y) + 20;
}

/** The line items, then subtotal, tax, total and what was refunded. */
function items(doc: Doc, t: Translator, detail: InvoiceDetail): void {
  const { invoice } = detail;
  const money = (minor: number) => t.money(minor, invoice.currency);
  const head = ['item', 'unitPrice', 'quantity', 'linePrice'].map((k) => t.t(`commerce.invoice.${k}`));
  row(doc, head, true);
  for (const item of detail.items) {
    const line = item.unit_price_minor * item.quantity;
    row(doc, [item.name, money(item.unit_price_minor), String(item.quantity), money(line)]);
  }
  doc.moveDown();
  const totals: [string, number, boolean][] = [
    ['subtotal', invoice.subtotal_minor, true],
    ['tax', invoice.tax_minor, invoice.tax_minor !== 0],
    ['total', invoice.total_minor, true],
    ['refunded', -invoice.refunded_minor, invoice.refunded_minor !== 0],
  ];
  for (const [key, amount, shown] of totals)
    if (shown) row(doc, ['', '', t.t(`commerce.invoice.${key}`), money(amount)]);
}

function row(doc: Doc, cells: string[], header = false): void {
  const y = doc.y;
  doc.fontSize(header ? 9 : 10).fillColor(header ? '#555' : '#000');
  let bottom = y;
  cells.forEach((cell, i) => {
    const x = COLUMNS[i]!;
    const width = (COLUMNS[i + 1] ?? RIGHT) - x - 8;
    doc.text(cell, x, y, { width, align: i === 0 ? 'left' : 'right' });
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = LEFT;
  doc.y = bottom + 4;
}
