import type { Generated, Selectable } from 'kysely';
import type { Millis } from '../../platform/db/types.ts';

/** A Parley account linked to an account at the OpenID Connect provider (its issuer and subject). */
export interface OidcIdentitiesTable {
  id: Generated<number>;
  user_id: number;
  issuer: string;
  /** The provider's stable id of the person (`sub`); the link survives an email change there. */
  subject: string;
  /** The address the provider last reported, for the record; logins never match on it again. */
  email: string;
  created_at: Millis;
  last_login_at: Millis;
}

/** A login between the redirect to the provider and its return; used once, then deleted. */
export interface OidcLoginsTable {
  /** Hex SHA-256 of the `state` sent to the provider; the state itself is never stored. */
  id: string;
  code_verifier: string;
  nonce: string;
  /** Where to go after the login (a local path, or empty for the account's home). */
  next: string;
  created_at: Millis;
  expires_at: Millis;
}

declare module '../../platform/db/types.ts' {
  interface DB {
    oidc_identities: OidcIdentitiesTable;
    oidc_logins: OidcLoginsTable;
  }
}

export type OidcIdentity = Selectable<OidcIdentitiesTable>;
export type OidcLogin = Selectable<OidcLoginsTable>;
