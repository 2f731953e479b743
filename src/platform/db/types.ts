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

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  outbox: OutboxTable;
  jobs: JobsTable;
}
