import {
  contrastOf,
  resolveText,
  type ContrastCheck,
  type LabelColors,
  type LabelColorsPatch,
  type Scheme,
  type Texts,
  type TextsPatch,
} from '../../modules/taxonomy/index.ts';
import { LOCALE_NAMES, type Locale } from '../../platform/i18n/i18n.ts';
import { renderMarkdown } from '../../platform/render/markdown.ts';

/** The site's languages as the taxonomy pages need them. */
export interface SiteLocales {
  enabled: Locale[];
  default: Locale;
}

/** A name (or disclaimer) as a reader of one locale sees it, and whether it is borrowed from another. */
export interface PreviewText {
  locale: Locale;
  language: string;
  text: string;
  /** The language the text is borrowed from, when it is a fallback. */
  fallbackFrom?: string | undefined;
}

/** What readers of each enabled language see; a missing text falls back (and says so). */
export function previewTexts(texts: Texts, site: SiteLocales): PreviewText[] {
  return site.enabled.map((locale) => {
    const r = resolveText(texts, locale, site.default);
    return {
      locale,
      language: LOCALE_NAMES[locale],
      text: r?.text ?? '',
      fallbackFrom: r?.fallback ? LOCALE_NAMES[r.locale] : undefined,
    };
  });
}

/** The name in the viewer's language, for lists. */
export function displayText(texts: Texts, locale: Locale, site: SiteLocales): PreviewText {
  const r = resolveText(texts, locale, site.default);
  return {
    locale,
    language: LOCALE_NAMES[locale],
    text: r?.text ?? '?',
    fallbackFrom: r?.fallback ? LOCALE_NAMES[r.locale] : undefined,
  };
}

/** Disclaimers as the portal renders them: Markdown through the sanitiser. */
export function previewDisclaimers(texts: Texts, site: SiteLocales): (PreviewText & { html: string })[] {
  return previewTexts(texts, site).map((p) => ({ ...p, html: p.text ? renderMarkdown(p.text) : '' }));
}

/** The enabled locales' fields of a form: an empty field removes that translation. */
export function textsPatchFrom(body: Record<string, string>, field: string, locales: Locale[]): TextsPatch {
  return Object.fromEntries(locales.map((l) => [l, body[`${field}.${l}`] ?? '']));
}

/** Stored texts overlaid with what the form holds (for previews of a re-rendered form). */
export function textsShown(
  stored: Texts,
  values: Record<string, string>,
  field: string,
  locales: Locale[],
): Texts {
  const shown: Texts = { ...stored };
  for (const l of locales) {
    const v = values[`${field}.${l}`];
    if (v === undefined) continue;
    if (v.trim()) shown[l] = v.trim();
    else delete shown[l];
  }
  return shown;
}

export const COLOR_FIELDS = [
  ['light', 'background'],
  ['light', 'text'],
  ['dark', 'background'],
  ['dark', 'text'],
] as const;

export function colorsPatchFrom(body: Record<string, string>): LabelColorsPatch {
  const patch: LabelColorsPatch = { light: {}, dark: {} };
  for (const [scheme, part] of COLOR_FIELDS) {
    const value = body[`colors.${scheme}.${part}`];
    if (value !== undefined) patch[scheme]![part] = value;
  }
  return patch;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** Stored colours overlaid with the form's well-formed ones, and the contrast of the result. */
export function colorsShown(
  stored: LabelColors,
  values: Record<string, string>,
): { colors: LabelColors; contrast: Record<Scheme, ContrastCheck> } {
  const colors: LabelColors = { light: { ...stored.light }, dark: { ...stored.dark } };
  for (const [scheme, part] of COLOR_FIELDS) {
    const v = values[`colors.${scheme}.${part}`]?.trim();
    if (v && HEX.test(v)) colors[scheme][part] = v.toLowerCase();
  }
  return { colors, contrast: contrastOf(colors) };
}

/** The version a form was opened at, when it says. */
export function versionFrom(body: Record<string, string>): number | undefined {
  const n = Number(body.version);
  return body.version && Number.isSafeInteger(n) ? n : undefined;
}
