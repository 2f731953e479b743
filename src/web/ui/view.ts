import type { Permission } from '../../platform/context.ts';
import type { Flash } from '../../platform/http/request-context.ts';
import type { Locale, Translator } from '../../platform/i18n/i18n.ts';

export type Theme = 'system' | 'light' | 'dark';

/** Everything a layout needs, computed before rendering: templates never query. */
export interface View {
  t: Translator;
  locale: Locale;
  siteName: string;
  /** The languages the site offers (the footer's language switcher). */
  locales: Locale[];
  csrf: string;
  theme: Theme;
  path: string;
  requestId: string;
  assetVersion: string;
  /** This response's CSP nonce: the only scripts that run are the ones carrying it. */
  cspNonce: string;
  user?: {
    id: number;
    name: string;
    role: 'customer' | 'staff' | 'admin';
    isStaff: boolean;
    isAdmin: boolean;
    can: (permission: Permission) => boolean;
  };
  flash?: Flash | undefined;
}
