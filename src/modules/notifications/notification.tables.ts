import type { Flag, Millis } from '../../platform/db/types.ts';

/** The kinds of notification mail; each has its own setting and its own unsubscribe link. */
export const MAIL_TYPES = [
  'created',
  'staff_reply',
  'new_ticket',
  'customer_reply',
  'assignment',
  'digest',
] as const;
export type MailType = (typeof MAIL_TYPES)[number];

/** Mail types customers (and guests) can receive about their own tickets. */
export const CUSTOMER_TYPES: readonly MailType[] = ['created', 'staff_reply'];

/** A person's notification settings; no row means the defaults below. */
export interface NotificationPrefsTable {
  user_id: number;
  created: Flag;
  staff_reply: Flag;
  customer_reply: Flag;
  assignment: Flag;
  digest: Flag;
  /** 0–23, in the site's time zone. */
  digest_hour: number;
  updated_at: Millis;
}

export const DEFAULT_PREFS = {
  created: 1,
  staff_reply: 1,
  customer_reply: 1,
  assignment: 1,
  digest: 1,
  digest_hour: 8,
} as const;

export type PrefFlags = Omit<NotificationPrefsTable, 'user_id' | 'updated_at'>;

/** A staff member follows new tickets (and replies on unassigned tickets) of a category. */
export interface NotificationCategoriesTable {
  user_id: number;
  category_id: number;
}

/** A guest address: the language it wrote in and which mails it stopped. */
export interface NotificationAddressesTable {
  email: string;
  locale: string | null;
  created: Flag;
  staff_reply: Flag;
  updated_at: Millis;
}

/** One row per person and local day once their digest was decided (sent or empty). */
export interface DigestRunsTable {
  user_id: number;
  day: string;
  outbox_id: number | null;
  created_at: Millis;
}

declare module '../../platform/db/types.ts' {
  interface DB {
    notification_prefs: NotificationPrefsTable;
    notification_categories: NotificationCategoriesTable;
    notification_addresses: NotificationAddressesTable;
    digest_runs: DigestRunsTable;
  }
}
