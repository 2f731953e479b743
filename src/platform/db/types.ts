import type { Generated } from 'kysely';

/** Epoch milliseconds, UTC. Stored as bigint on both dialects. */
export type Millis = number;
/** 0 or 1: booleans are integers on both dialects. */
export type Flag = number;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  email_verified_at: Millis | null;
  display_name: string;
  password_hash: string | null;
  role: 'customer' | 'staff' | 'admin';
  /** Comma-separated staff permissions, e.g. "tickets,categories". */
  permissions: string;
  locale: string | null;
  disabled_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
  /** When two-factor authentication was switched on; null while it is off. */
  two_factor_at: Millis | null;
}

export interface SessionsTable {
  /** sha256 of the cookie value; the cookie itself is never stored. */
  id: string;
  user_id: number;
  created_at: Millis;
  last_seen_at: Millis;
  expires_at: Millis;
  ip: string | null;
  user_agent: string | null;
}

export interface UserTokensTable {
  id: Generated<number>;
  user_id: number | null;
  purpose: 'setup' | 'verify' | 'reset';
  token_hash: string;
  /** For a verify token sent on an email change: the address being verified. */
  email: string | null;
  expires_at: Millis | null;
  used_at: Millis | null;
  created_at: Millis;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  scope: 'read' | 'write' | 'admin';
  token_hash: string;
  token_prefix: string;
  created_at: Millis;
  last_used_at: Millis | null;
  revoked_at: Millis | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  data: string;
  ip: string | null;
  created_at: Millis;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Millis;
}

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  to_name: string | null;
  subject: string;
  text_body: string;
  html_body: string | null;
  template: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: Millis;
  sent_at: Millis | null;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: Millis;
  locked_until: Millis | null;
  locked_by: string | null;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  done_at: Millis | null;
  failed_at: Millis | null;
  created_at: Millis;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface CategoriesTable {
  id: Generated<number>;
  position: number;
  /** 0 = archived: kept for old tickets, not offered for new ones. */
  active: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export interface CategoryTranslationsTable {
  category_id: number;
  locale: string;
  name: string;
  /** Markdown shown on the new-ticket form when the category is chosen. */
  disclaimer: string | null;
}

export interface StatusesTable {
  id: Generated<number>;
  /** Stable code for seeded statuses ("new", "resolved"…); null for ones admins create. */
  code: string | null;
  builtin: Flag;
  /** A closing status: the ticket counts as closed. */
  closing: Flag;
  position: number;
  color_light_bg: string;
  color_light_fg: string;
  color_dark_bg: string;
  color_dark_fg: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface StatusTranslationsTable {
  status_id: number;
  locale: string;
  name: string;
}

export interface PriorityTranslationsTable {
  priority: number;
  locale: string;
  name: string;
}

export interface TicketsTable {
  id: Generated<number>;
  number: number;
  key: string;
  subject: string;
  category_id: number;
  status_id: number;
  priority: number;
  locked: Flag;
  assignee_id: number | null;
  issuer_user_id: number | null;
  issuer_name: string;
  issuer_email: string;
  source: 'web' | 'email' | 'api';
  created_at: Millis;
  last_activity_at: Millis;
  /** The account behind the latest activity; null for a guest issuer or the system. */
  last_activity_by: number | null;
  /** Bumped by every change, for optimistic concurrency (expectedVersion). */
  version: number;
  message_count: Generated<number>;
  /** 1 while the status is a closing one; kept in step with status_id. */
  closed: Generated<number>;
  issuer_deleted_at: Millis | null;
}

export type AuthorRole = 'issuer' | 'staff' | 'system';

export interface MessagesTable {
  id: Generated<number>;
  ticket_id: number;
  author_user_id: number | null;
  author_role: AuthorRole;
  author_name: string;
  visibility: 'public' | 'internal';
  body_md: string;
  body_html: string;
  source: 'web' | 'email' | 'api';
  created_at: Millis;
}

export type EventKind =
  | 'message'
  | 'status'
  | 'priority'
  | 'category'
  | 'assignment'
  | 'lock'
  | 'issuer'
  | 'issuer_name'
  | 'issuer_email'
  | 'note';

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: number;
  actor_user_id: number | null;
  actor_role: AuthorRole;
  actor_name: string;
  kind: EventKind;
  old_value: string | null;
  new_value: string | null;
  message_id: number | null;
  /** 1 when the event is about an internal note: never shown to customers. */
  internal: Flag;
  created_at: Millis;
}

export interface TicketReadsTable {
  user_id: number;
  ticket_id: number;
  seen_at: Millis;
}

export interface StaffPreferencesTable {
  user_id: number;
  default_reply: string | null;
  default_action: 'respond' | 'note';
  timeline_order: 'asc' | 'desc';
  updated_at: Millis;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  counters: CountersTable;
  categories: CategoriesTable;
  category_translations: CategoryTranslationsTable;
  statuses: StatusesTable;
  status_translations: StatusTranslationsTable;
  priority_translations: PriorityTranslationsTable;
  tickets: TicketsTable;
  messages: MessagesTable;
  ticket_events: TicketEventsTable;
  ticket_reads: TicketReadsTable;
  staff_preferences: StaffPreferencesTable;
}
