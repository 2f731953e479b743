import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/tx.ts';
import type { OidcIdentitiesTable, OidcIdentity, OidcLogin } from './sso.tables.ts';

export async function insertOidcLogin(db: Db | Tx, login: OidcLogin): Promise<void> {
  await db.insertInto('oidc_logins').values(login).execute();
}

/**
 * Deletes the in-flight login and returns it, in one statement: of two requests with the same
 * state only one gets the row, so a callback can never be replayed.
 */
export function takeOidcLogin(db: Db | Tx, id: string): Promise<OidcLogin | undefined> {
  return db.deleteFrom('oidc_logins').where('id', '=', id).returningAll().executeTakeFirst();
}

/** Logins abandoned at the provider. */
export async function deleteExpiredOidcLogins(db: Db | Tx, now: number): Promise<void> {
  await db.deleteFrom('oidc_logins').where('expires_at', '<=', now).execute();
}

export function findOidcIdentity(
  db: Db | Tx,
  issuer: string,
  subject: string,
): Promise<OidcIdentity | undefined> {
  return db
    .selectFrom('oidc_identities')
    .selectAll()
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export async function insertOidcIdentity(
  db: Db | Tx,
  identity: Insertable<OidcIdentitiesTable>,
): Promise<void> {
  await db.insertInto('oidc_identities').values(identity).execute();
}

/** Records a login through the identity and the address the provider reported this time. */
export async function touchOidcIdentity(db: Db | Tx, id: number, email: string, now: number): Promise<void> {
  await db.updateTable('oidc_identities').set({ email, last_login_at: now }).where('id', '=', id).execute();
}
