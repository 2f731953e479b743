import type { FieldErrors } from '../../platform/errors.ts';
import { checkContrast, normalizeColor, type ContrastCheck } from './contrast.ts';

export type Scheme = 'light' | 'dark';
export const SCHEMES: Scheme[] = ['light', 'dark'];

/** A label's background and text colour in each scheme, as `#rrggbb`. */
export type LabelColors = Record<Scheme, { background: string; text: string }>;

export type LabelColorsPatch = Partial<Record<Scheme, Partial<{ background: string; text: string }>>>;

/** The defaults of the original: grey labels, dark text on light, light text on dark. */
export const DEFAULT_COLORS: LabelColors = {
  light: { background: '#cccccc', text: '#000000' },
  dark: { background: '#333333', text: '#ffffff' },
};

interface ColorRow {
  color_light_bg: string;
  color_light_fg: string;
  color_dark_bg: string;
  color_dark_fg: string;
}

export function colorsOf(row: ColorRow): LabelColors {
  return {
    light: { background: row.color_light_bg, text: row.color_light_fg },
    dark: { background: row.color_dark_bg, text: row.color_dark_fg },
  };
}

export function colorColumns(colors: LabelColors): ColorRow {
  return {
    color_light_bg: colors.light.background,
    color_light_fg: colors.light.text,
    color_dark_bg: colors.dark.background,
    color_dark_fg: colors.dark.text,
  };
}

/** Applies a patch; each malformed colour is reported under `colors.<scheme>.<part>`. */
export function mergeColors(
  stored: LabelColors,
  patch: LabelColorsPatch | undefined,
  errors: FieldErrors,
): LabelColors {
  const next: LabelColors = { light: { ...stored.light }, dark: { ...stored.dark } };
  for (const scheme of SCHEMES) {
    for (const part of ['background', 'text'] as const) {
      const raw = patch?.[scheme]?.[part];
      if (raw === undefined) continue;
      const color = normalizeColor(raw);
      if (color) next[scheme][part] = color;
      else errors[`colors.${scheme}.${part}`] = 'error.taxonomy.color';
    }
  }
  return next;
}

/** The WCAG check of each scheme's label. */
export function contrastOf(colors: LabelColors): Record<Scheme, ContrastCheck> {
  return {
    light: checkContrast(colors.light.background, colors.light.text),
    dark: checkContrast(colors.dark.background, colors.dark.text),
  };
}

export function diffColors(
  before: LabelColors,
  after: LabelColors,
): Record<string, { from: string; to: string }> {
  const changes: Record<string, { from: string; to: string }> = {};
  for (const scheme of SCHEMES) {
    for (const part of ['background', 'text'] as const) {
      if (before[scheme][part] !== after[scheme][part])
        changes[`${scheme}.${part}`] = { from: before[scheme][part], to: after[scheme][part] };
    }
  }
  return changes;
}
