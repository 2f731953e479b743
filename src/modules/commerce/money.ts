const SUPPORTED = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code that this Node's ICU knows, e.g. "EUR". */
export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && SUPPORTED.has(code);
}

/** How many minor units a currency has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/**
 * Reads an amount typed by a person in major units ("20", "20.5", "1,234.50", "20,50") as integer
 * minor units, or undefined when it is not one. The last "." or "," is the decimal separator when
 * it has at most as many digits after it as the currency allows.
 */
export function parseMajorAmount(text: string, currency: string): number | undefined {
  const digits = currencyDigits(currency);
  const s = text.trim().replace(/[\s\u00a0']/g, '');
  if (!/^-?[\d.,]+$/.test(s)) return undefined;
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  const sep = Math.max(body.lastIndexOf('.'), body.lastIndexOf(','));
  let whole = body;
  let fraction = '';
  if (sep >= 0 && body.length - sep - 1 <= digits && body.length - sep - 1 > 0) {
    whole = body.slice(0, sep);
    fraction = body.slice(sep + 1);
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return undefined;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return undefined;
  return negative ? -minor : minor;
}

/** Minor units as a plain decimal for form fields ("20.00"), never localised. */
export function minorToMajorText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}

/** Line totals, subtotal and total of an invoice, all in minor units. */
export function invoiceTotals(items: { unit_price_minor: number; quantity: number }[], taxMinor: number) {
  const subtotal = items.reduce((sum, i) => sum + i.unit_price_minor * i.quantity, 0);
  return { subtotal, total: subtotal + taxMinor };
}
