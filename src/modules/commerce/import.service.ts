import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import {
  requireFeed,
  upsertInvoice,
  upsertPurchase,
  type InvoiceInput,
  type PurchaseInput,
} from './feed.service.ts';
import { parseCsv, type CsvRecord } from './csv.ts';
import { isCurrency, parseMajorAmount } from './money.ts';
import type { InvoiceStatus, PurchaseState } from './commerce.schema.ts';

export type ImportKind = 'purchases' | 'invoices';

export interface BadRow {
  line: number;
  /** The column (or record field) at fault, when known. */
  field: string;
  /** A message key, e.g. "error.field.email". */
  key: string;
}

export interface ImportSummary {
  kind: ImportKind;
  records: number;
  created: number;
  updated: number;
  bad: BadRow[];
}

type Row = { line: number; get: (column: string) => string };

class RowError extends Error {
  constructor(
    readonly line: number,
    readonly field: string,
    readonly key: string,
  ) {
    super(key);
  }
}

function rowsOf(records: CsvRecord[], required: string[]): Row[] {
  const [header, ...body] = records;
  const names = (header?.fields ?? []).map((h) => h.trim().toLowerCase());
  const missing = required.filter((r) => !names.includes(r));
  if (missing.length)
    throw new AppError(
      'VALIDATION',
      { file: 'commerce.import.missingColumns' },
      { columns: missing.join(', ') },
    );
  return body.map((r) => ({
    line: r.line,
    get: (column: string) => (r.fields[names.indexOf(column)] ?? '').trim(),
  }));
}

function date(row: Row, column: string, optional = false): number | undefined {
  const raw = row.get(column);
  if (!raw && optional) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(raw)
    ? Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw)
    : Number.NaN;
  if (Number.isNaN(ms)) throw new RowError(row.line, column, 'commerce.error.date');
  return ms;
}

function money(row: Row, column: string, currency: string, optional = false): number {
  const raw = row.get(column);
  if (!raw && optional) return 0;
  const minor = isCurrency(currency) ? parseMajorAmount(raw, currency) : undefined;
  if (minor === undefined) throw new RowError(row.line, column, 'commerce.error.amount');
  return minor;
}

function customerOf(row: Row) {
  const id = row.get('customer_user_id');
  if (id && !/^\d{1,15}$/.test(id)) throw new RowError(row.line, 'customer_user_id', 'error.field.invalid');
  return {
    email: row.get('customer_email'),
    name: row.get('customer_name') || null,
    userId: id ? Number(id) : null,
  };
}

function purchaseOf(row: Row): PurchaseInput {
  return {
    customer: customerOf(row),
    productExternalId: row.get('product_external_id') || null,
    invoiceExternalId: row.get('invoice_external_id') || null,
    name: row.get('name'),
    purchasedAt: date(row, 'purchased_at')!,
    expiresAt: date(row, 'expires_at', true) ?? null,
    renewalTerms: row.get('renewal_terms') || null,
    state: (row.get('state') || 'active') as PurchaseState,
    cancelReason: row.get('cancel_reason') || null,
  };
}

function invoiceOf(rows: Row[]): InvoiceInput {
  const first = rows[0]!;
  const currency = first.get('currency').toUpperCase();
  return {
    number: first.get('number') || null,
    customer: customerOf(first),
    title: first.get('title'),
    status: (first.get('status') || 'pending') as InvoiceStatus,
    currency,
    items: rows.map((r) => {
      const qty = r.get('item_quantity') || '1';
      if (!/^\d{1,7}$/.test(qty)) throw new RowError(r.line, 'item_quantity', 'commerce.error.quantity');
      return {
        name: r.get('item_name'),
        unitPrice: money(r, 'item_unit_price', currency),
        quantity: Number(qty),
      };
    }),
    tax: money(first, 'tax', currency, true),
    billingAddress: first.get('billing_address') || null,
    poNumber: first.get('po_number') || null,
    createdAt: date(first, 'created_at', true),
    paidAt: date(first, 'paid_at', true) ?? null,
    dueAt: date(first, 'due_at', true) ?? null,
  };
}

/** The CSV column for a service field: "customer.email" → customer_email, "items.2.unitPrice" → item_unit_price. */
function columnOf(field: string): string {
  return field
    .replace(/^customer\./, 'customer_')
    .replace(/^items\.\d+\./, 'item_')
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * The bad rows an error stands for: a row error names its line and column; a field error on
 * line item N points at the group's row N, any other at the record's first row.
 */
function badRowsOf(err: unknown, group: Row[]): BadRow[] {
  if (err instanceof RowError) return [{ line: err.line, field: err.field, key: err.key }];
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  const fields = Object.entries(err.fields);
  const list = fields.length ? fields : [['', `error.${err.code}`] as [string, string]];
  return list.map(([field, key]) => {
    const item = /^items\.(\d+)\./.exec(field)?.[1];
    return { line: group[Number(item ?? 0)]?.line ?? group[0]!.line, field: columnOf(field), key };
  });
}

/**
 * Imports purchases or invoices from CSV (permission `commerce`), upserting by external id so a
 * file can be imported again. Each record is its own transaction: a bad row is reported by line
 * and not imported, and the rest go in. Invoices take one row per line item; rows with the same
 * external_id make one invoice, and a bad row keeps its whole invoice out.
 */
export async function importCommerceCsv(
  ctx: Ctx,
  kind: ImportKind,
  text: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportSummary> {
  requireFeed(ctx);
  const required =
    kind === 'purchases'
      ? ['external_id', 'customer_email', 'name', 'purchased_at']
      : ['external_id', 'customer_email', 'title', 'currency', 'item_name', 'item_unit_price'];
  const rows = rowsOf(parseCsv(text), required);
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = kind === 'purchases' ? `line:${row.line}` : row.get('external_id') || `line:${row.line}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const summary: ImportSummary = { kind, records: groups.size, created: 0, updated: 0, bad: [] };
  let done = 0;
  for (const group of groups.values()) {
    const extId = group[0]!.get('external_id');
    try {
      const { created } =
        kind === 'purchases'
          ? await upsertPurchase(ctx, extId, purchaseOf(group[0]!), { audit: false })
          : await upsertInvoice(ctx, extId, invoiceOf(group), { audit: false });
      summary[created ? 'created' : 'updated']++;
    } catch (err) {
      summary.bad.push(...badRowsOf(err, group));
    }
    onProgress(++done, groups.size);
  }
  await recordAudit(ctx, {
    action: 'commerce.import',
    targetType: kind,
    targetId: null,
    data: {
      records: summary.records,
      created: summary.created,
      updated: summary.updated,
      bad: summary.bad.length,
    },
  });
  return summary;
}
