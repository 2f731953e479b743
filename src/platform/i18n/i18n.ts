import { fromRoot } from '../paths.ts';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

const LOCALE_DIR = fromRoot('locales');

/**
 * A locale's catalog: `locales/<lang>.json` plus any `locales/<lang>.<part>.json`, so each area of
 * the product can keep its strings in a file of its own.
 */
function loadCatalog(locale: Locale): Record<string, string> {
  const files = readdirSync(LOCALE_DIR).filter(
    (f) => f === `${locale}.json` || (f.startsWith(`${locale}.`) && f.endsWith('.json')),
  );
  const catalog: Record<string, string> = {};
  for (const file of files.sort()) {
    for (const [key, value] of Object.entries(
      JSON.parse(readFileSync(path.join(LOCALE_DIR, file), 'utf8')) as Record<string, string>,
    )) {
      if (key in catalog) throw new Error(`duplicate message key ${key} in ${file}`);
      catalog[key] = value;
    }
  }
  return catalog;
}

const catalogs: Record<Locale, Record<string, string>> = { en: loadCatalog('en'), de: loadCatalog('de') };
const cache = createIntlCache();
const intls = new Map<Locale, IntlShape<string>>();

export type MessageValues = Record<string, string | number | Date | null | undefined>;

export interface Translator {
  locale: Locale;
  t(id: string, values?: MessageValues): string;
  /** Date and time, medium date + short time, in the given IANA zone (UTC by default). */
  dateTime(ms: number): string;
  date(ms: number): string;
  number(n: number): string;
  /** Money in minor units of a currency, e.g. (1999, 'EUR'). */
  money(minor: number, currency: string): string;
  relative(ms: number, now: number): string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function intlFor(locale: Locale): IntlShape<string> {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl(
      {
        locale,
        defaultLocale: 'en',
        messages: catalogs[locale],
        // A key missing in German falls back to English rather than printing the raw key.
        onError: () => undefined,
      },
      cache,
    );
    intls.set(locale, intl);
  }
  return intl;
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400_000],
  ['month', 30 * 86400_000],
  ['day', 86400_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

export function translator(locale: Locale): Translator {
  const intl = intlFor(locale);
  const fallback = intlFor('en');
  return {
    locale,
    t(id, values) {
      const catalog = catalogs[locale][id] !== undefined ? intl : fallback;
      if (catalogs.en[id] === undefined && catalogs[locale][id] === undefined) return id;
      return catalog.formatMessage({ id }, values as Record<string, string>) as string;
    },
    dateTime: (ms) =>
      intl.formatDate(ms, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC',
    date: (ms) => intl.formatDate(ms, { dateStyle: 'medium', timeZone: 'UTC' }),
    number: (n) => intl.formatNumber(n),
    money: (minor, currency) => {
      const digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
      return intl.formatNumber(minor / 10 ** digits, { style: 'currency', currency });
    },
    relative(ms, now) {
      const diff = ms - now;
      for (const [unit, size] of RELATIVE_UNITS) {
        if (Math.abs(diff) >= size) return intl.formatRelativeTime(Math.round(diff / size), unit);
      }
      return intl.formatRelativeTime(0, 'minute');
    },
  };
}

/** Picks the best supported locale (among `offered`, all by default) from an Accept-Language header, or undefined. */
export function negotiateLocale(
  header: string | undefined,
  offered: readonly Locale[] = LOCALES,
): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLocale(base) && offered.includes(base)) return base;
  }
  return undefined;
}

/** Every message key of the English catalog; tests check the others against it. */
export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}
