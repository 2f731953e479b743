import type { Generated } from 'kysely';
import type { Millis } from '../../platform/db/types.ts';

/** Colours and edit version of the fixed priorities −2…2 (names live in priority_translations). */
export interface PrioritiesTable {
  value: number;
  color_light_bg: string;
  color_light_fg: string;
  color_dark_bg: string;
  color_dark_fg: string;
  version: number;
  updated_at: Millis;
}

declare module '../../platform/db/types.ts' {
  interface DB {
    priorities: PrioritiesTable;
  }
  interface CategoriesTable {
    /** Bumped by every edit; an edit form carries it and is refused when it no longer matches. */
    version: Generated<number>;
  }
  interface StatusesTable {
    version: Generated<number>;
  }
}
