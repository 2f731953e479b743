import type { Db, Tx } from '../../platform/db/tx.ts';
import { isLocale, type Locale } from '../../platform/i18n/i18n.ts';
import { listActiveUsers, listCategoryWatchers, type TicketRow, type UserRow } from './activity.repo.ts';
import type { MailType, PrefFlags } from './notification.tables.ts';
import { findAddressPrefs, findPrefsFor } from './prefs.repo.ts';

/** Someone a notification goes to, in their own language. */
export interface Recipient {
  /** Stable per person, for dedupe keys: `u<id>` or `e:<address>`. */
  key: string;
  userId: number | null;
  email: string;
  name: string;
  locale: Locale;
  staff: boolean;
}

function fromUser(user: UserRow, fallback: Locale): Recipient {
  return {
    key: `u${user.id}`,
    userId: user.id,
    email: user.email,
    name: user.display_name,
    locale: isLocale(user.locale) ? user.locale : fallback,
    staff: user.role === 'staff' || user.role === 'admin',
  };
}

/**
 * The ticket's issuer when they want this type of mail: the account (current address and
 * language), or the guest's address. Nobody once the issuer deleted their account.
 */
export async function issuerRecipient(
  db: Db | Tx,
  ticket: TicketRow,
  type: 'created' | 'staff_reply',
  fallback: Locale,
): Promise<Recipient | undefined> {
  if (ticket.issuer_deleted_at !== null) return undefined;
  if (ticket.issuer_user_id !== null) {
    const [user] = await listActiveUsers(db, [ticket.issuer_user_id]);
    if (!user) return undefined;
    const prefs = (await findPrefsFor(db, [user.id])).get(user.id)!;
    return prefs[type] === 1 ? fromUser(user, fallback) : undefined;
  }
  const email = ticket.issuer_email.trim().toLowerCase();
  const prefs = await findAddressPrefs(db, email);
  if (prefs && prefs[type] !== 1) return undefined;
  return {
    key: `e:${email}`,
    userId: null,
    email,
    name: ticket.issuer_name,
    locale: isLocale(prefs?.locale) ? prefs.locale : fallback,
    staff: false,
  };
}

/** Enabled staff among the ids whose setting `column` is on. */
export async function staffRecipients(
  db: Db | Tx,
  userIds: number[],
  column: keyof PrefFlags & MailType,
  fallback: Locale,
): Promise<Recipient[]> {
  const users = (await listActiveUsers(db, userIds)).filter((u) => u.role === 'staff' || u.role === 'admin');
  const prefs = await findPrefsFor(
    db,
    users.map((u) => u.id),
  );
  return users.filter((u) => prefs.get(u.id)?.[column] === 1).map((u) => fromUser(u, fallback));
}

/** Staff following the category. */
export async function categoryWatchers(
  db: Db | Tx,
  categoryId: number,
  fallback: Locale,
): Promise<Recipient[]> {
  return (await listCategoryWatchers(db, categoryId)).map((u) => fromUser(u, fallback));
}
