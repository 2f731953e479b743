import { createUser, startSession, type User } from '../../src/modules/accounts/index.ts';
import { updateUser } from '../../src/modules/accounts/user.repo.ts';
import type { TestApp } from './app.ts';
import { Agent } from './http.ts';

let seq = 0;
export const PASSWORD = 'correct horse battery';

/** Creates a verified account; role customer unless told. Deterministic names and addresses. */
export async function buildUser(
  t: TestApp,
  overrides: {
    email?: string;
    name?: string;
    role?: 'customer' | 'staff' | 'admin';
    password?: string;
    permissions?: string[];
  } = {},
): Promise<User> {
  seq++;
  const user = await createUser(t.ctx(), {
    email: overrides.email ?? `user${seq}@example.test`,
    password: overrides.password ?? PASSWORD,
    displayName: overrides.name ?? `User ${seq}`,
    role: overrides.role ?? 'customer',
  });
  if (overrides.permissions?.length) {
    const permissions = overrides.permissions.join(',');
    await updateUser(t.db.db, user.id, { permissions });
    return { ...user, permissions };
  }
  return user;
}

/** An agent logged in as the user, through a real session (no form round trip). */
export async function agentFor(
  t: TestApp,
  user?: User,
  headers: Record<string, string> = {},
): Promise<Agent> {
  const agent = new Agent(t.app, headers);
  if (user) {
    const raw = await startSession(t.ctx(), user, { method: 'password', userAgent: 'test-agent' });
    agent.setCookie('parley_session', raw);
  }
  await agent.get('/');
  return agent;
}

/** Logs in through the login form, as a person would. */
export async function logInWithForm(agent: Agent, email: string, password = PASSWORD) {
  return agent.submit('/login', '/login', { email, password });
}
