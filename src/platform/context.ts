import type { Config } from '../config/config.ts';
import type { Dialect } from './db/database.ts';
import type { Db, Tx } from './db/tx.ts';
import type { Throttles } from './throttle.ts';

export const PERMISSIONS = [
  'tickets',
  'categories',
  'statuses',
  'commerce',
  'refunds',
  'settings',
  'users',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Role = 'customer' | 'staff' | 'admin';

export interface UserActor {
  kind: 'user';
  id: number;
  role: Role;
  permissions: ReadonlySet<Permission>;
  email: string;
  displayName: string;
  emailVerified: boolean;
  /** Set when the request came with an API token: what that token may do. */
  tokenScope?: 'read' | 'write' | 'admin';
}

export type Actor = UserActor | { kind: 'anonymous' } | { kind: 'system' };

/** What every use case receives: who acts, on which database, at what time. Never Fastify's request. */
export interface Ctx {
  db: Db | Tx;
  dialect: Dialect;
  config: Config;
  actor: Actor;
  now: () => number;
  locale: string;
  requestId: string;
  ip: string | null;
  throttles: Throttles;
}

export const anonymous: Actor = { kind: 'anonymous' };
export const system: Actor = { kind: 'system' };

export function withDb(ctx: Ctx, db: Db | Tx): Ctx {
  return { ...ctx, db };
}
