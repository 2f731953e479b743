import type { FieldErrors } from '../../platform/errors.ts';
import { LOCALES, isLocale, type Locale } from '../../platform/i18n/i18n.ts';

/** Texts of one thing by locale; a missing locale falls back when read. */
export type Texts = Partial<Record<Locale, string>>;

/** A change to texts: a locale with text sets it, with '' or null removes it, an absent locale stays. */
export type TextsPatch = Record<string, string | null | undefined>;

export const NAME_MAX = 80;
export const DISCLAIMER_MAX = 10_000;

/** Stored rows to texts, ignoring locales Parley no longer ships. */
export function textsFrom<R extends { locale: string }>(rows: R[], pick: (row: R) => string | null): Texts {
  const texts: Texts = {};
  for (const row of rows) {
    const value = pick(row);
    if (isLocale(row.locale) && value) texts[row.locale] = value;
  }
  return texts;
}

/**
 * Merges a patch into stored texts, trimming each value. Unknown locales and over-long values are
 * reported under `<field>.<locale>`.
 */
export function mergeTexts(
  stored: Texts,
  patch: TextsPatch | undefined,
  field: string,
  max: number,
  errors: FieldErrors,
): Texts {
  const next: Texts = { ...stored };
  for (const [locale, raw] of Object.entries(patch ?? {})) {
    if (raw === undefined) continue;
    if (!isLocale(locale) || (raw !== null && typeof raw !== 'string')) {
      errors[`${field}.${locale}`] = 'error.field.invalid';
      continue;
    }
    const value = (raw ?? '').trim();
    if (value.length > max) errors[`${field}.${locale}`] = `error.taxonomy.${field}Length`;
    if (value) next[locale] = value;
    else delete next[locale];
  }
  return next;
}

/** Folds case and spacing, so "Billing " and "billing" count as the same name. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/**
 * Checks a thing's names: the default locale must have one, and no name may equal another thing's
 * name in the same locale.
 */
export function checkNames(
  names: Texts,
  defaultLocale: Locale,
  others: { locale: string; name: string }[],
  errors: FieldErrors,
): void {
  if (!names[defaultLocale]) errors[`names.${defaultLocale}`] = 'error.taxonomy.defaultName';
  for (const locale of LOCALES) {
    const name = names[locale];
    if (!name || errors[`names.${locale}`]) continue;
    if (others.some((o) => o.locale === locale && nameKey(o.name) === nameKey(name)))
      errors[`names.${locale}`] = 'error.taxonomy.nameTaken';
  }
}

export interface Resolved {
  text: string;
  locale: Locale;
  /** True when the text comes from another locale than the one asked for. */
  fallback: boolean;
}

/** The text in the locale, else in the site's default locale, else English, else any. */
export function resolveText(texts: Texts, locale: Locale, defaultLocale: Locale): Resolved | undefined {
  for (const candidate of [locale, defaultLocale, 'en' as const, ...LOCALES]) {
    const text = texts[candidate];
    if (text) return { text, locale: candidate, fallback: candidate !== locale };
  }
  return undefined;
}

/** Which locales changed between two sets of texts, for the audit trail. */
export function diffTexts(
  before: Texts,
  after: Texts,
): Record<string, { from: string | null; to: string | null }> {
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  for (const locale of LOCALES) {
    if ((before[locale] ?? null) !== (after[locale] ?? null))
      changes[locale] = { from: before[locale] ?? null, to: after[locale] ?? null };
  }
  return changes;
}

/** The rows to write: every shipped locale, with undefined where the text is gone. */
export function textRows(names: Texts): { locale: Locale; name: string | undefined }[] {
  return LOCALES.map((locale) => ({ locale, name: names[locale] }));
}
