import {
  contrastOf,
  resolveText,
  type CategoryDetail,
  type PriorityDetail,
  type StatusDetail,
  type Texts,
} from '../../modules/taxonomy/index.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';

/** The reader's language and the site's default, for resolving names. */
export interface Reading {
  locale: Locale;
  defaultLocale: Locale;
}

const nameIn = (texts: Texts, r: Reading) => resolveText(texts, r.locale, r.defaultLocale)?.text ?? '';

export function presentCategory(c: CategoryDetail, r: Reading) {
  return {
    id: c.id,
    name: nameIn(c.names, r),
    names: c.names,
    disclaimers: c.disclaimers,
    active: c.active,
    position: c.position,
    version: c.version,
  };
}

export function presentStatus(s: StatusDetail, r: Reading) {
  return {
    id: s.id,
    code: s.code,
    name: nameIn(s.names, r),
    names: s.names,
    closing: s.closing,
    builtin: s.builtin,
    position: s.position,
    colors: s.colors,
    contrast: contrastOf(s.colors),
    version: s.version,
  };
}

export function presentPriority(p: PriorityDetail, r: Reading) {
  return {
    value: p.value,
    name: nameIn(p.names, r),
    names: p.names,
    colors: p.colors,
    contrast: contrastOf(p.colors),
    version: p.version,
  };
}
