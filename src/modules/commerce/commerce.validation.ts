import type { FieldErrors } from '../../platform/errors.ts';
import { isValidEmail, normaliseEmail } from '../accounts/user.validation.ts';
import { isCurrency } from './money.ts';

export const NAME_MAX = 200;
export const TEXT_MAX = 2000;
export const ITEMS_MAX = 100;

/** A trimmed text of 1..max characters (or 0..max when optional); records a field error otherwise. */
export function checkText(
  errors: FieldErrors,
  field: string,
  value: unknown,
  opts: { max?: number; optional?: boolean } = {},
): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const max = opts.max ?? NAME_MAX;
  if (text.length > max || (!opts.optional && text.length === 0))
    errors[field] = opts.optional ? 'commerce.error.textLength' : 'error.field.required';
  return text;
}

export function checkCurrency(errors: FieldErrors, field: string, value: unknown): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!isCurrency(code)) errors[field] = 'commerce.error.currency';
  return code;
}

/** Whole minor units; `min` 0 for prices, 1 for amounts that must be positive. */
export function checkMinor(errors: FieldErrors, field: string, value: unknown, min = 0): number {
  const n = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    errors[field] = min > 0 ? 'commerce.error.amountPositive' : 'commerce.error.amount';
    return 0;
  }
  return n;
}

export function checkExternalId(errors: FieldErrors, field: string, value: unknown): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (id.length < 1 || id.length > 200 || [...id].some((c) => c.charCodeAt(0) < 32))
    errors[field] = 'commerce.error.externalId';
  return id;
}

/** A timestamp in epoch ms, or null when optional and absent. */
export function checkTime(
  errors: FieldErrors,
  field: string,
  value: unknown,
  optional = false,
): number | null {
  if ((value === undefined || value === null) && optional) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    errors[field] = 'commerce.error.date';
    return null;
  }
  return value;
}

export interface CustomerInput {
  /** The account, when the customer has one here. */
  userId?: number | null | undefined;
  email: string;
  name?: string | null | undefined;
}

export function checkCustomer(errors: FieldErrors, input: CustomerInput | undefined) {
  const email = normaliseEmail(input?.email ?? '');
  if (!isValidEmail(email)) errors['customer.email'] = 'error.field.email';
  const name = (input?.name ?? '').trim();
  if (name.length > NAME_MAX) errors['customer.name'] = 'commerce.error.textLength';
  const userId = input?.userId ?? null;
  if (userId !== null && (!Number.isSafeInteger(userId) || userId <= 0))
    errors['customer.userId'] = 'error.field.invalid';
  return { email, name: name || email, userId };
}

export interface ItemInput {
  name: string;
  /** Minor units; may be negative for a discount line. */
  unitPrice: number;
  quantity: number;
}

export function checkItems(errors: FieldErrors, items: ItemInput[] | undefined) {
  const list = Array.isArray(items) ? items : [];
  if (list.length < 1 || list.length > ITEMS_MAX) errors.items = 'commerce.error.items';
  return list.map((item, i) => {
    const name = checkText(errors, `items.${i}.name`, item?.name);
    const price = item?.unitPrice;
    if (typeof price !== 'number' || !Number.isSafeInteger(price))
      errors[`items.${i}.unitPrice`] = 'commerce.error.amount';
    const qty = item?.quantity;
    if (typeof qty !== 'number' || !Number.isSafeInteger(qty) || qty < 1 || qty > 1_000_000)
      errors[`items.${i}.quantity`] = 'commerce.error.quantity';
    return { name, unit_price_minor: Number(price) || 0, quantity: Number(qty) || 0 };
  });
}
