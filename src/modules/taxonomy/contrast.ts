/** Colours as Parley stores them: `#rrggbb`, lower case. */
export const HEX_COLOR = /^#[0-9a-f]{6}$/;

/** WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5;

/** `#RRGGBB` or `#rrggbb` (surrounding spaces allowed) to the stored form, or undefined when malformed. */
export function normalizeColor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  return HEX_COLOR.test(v) ? v : undefined;
}

function channel(hex: string, offset: number): number {
  const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG contrast ratio between two `#rrggbb` colours, 1 to 21, in either order. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the background. */
export function suggestTextColor(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

export interface ContrastCheck {
  /** Rounded down to one decimal, so "4.5" is never shown for a failing 4.49. */
  ratio: number;
  ok: boolean;
  suggestion: '#000000' | '#ffffff';
}

/** The contrast of a label's text on its background, against WCAG AA, with a suggested text colour. */
export function checkContrast(background: string, text: string): ContrastCheck {
  const exact = contrastRatio(background, text);
  return {
    ratio: Math.floor(exact * 10) / 10,
    ok: exact >= MIN_CONTRAST,
    suggestion: suggestTextColor(background),
  };
}
