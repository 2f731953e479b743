import type { ImapFlow } from 'imapflow';

/** Where and how to log in. */
export interface ImapConnection {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  password: string;
}

/**
 * An IMAP client, logged in; the caller logs out. Certificates are verified. `idleAfterMs`: how soon
 * an unused connection enters IDLE (the watcher wants it at once).
 */
export async function connectImap(
  conn: ImapConnection,
  timeoutMs = 15_000,
  idleAfterMs = 15_000,
): Promise<ImapFlow> {
  // Loaded on first use: most sites never configure a mailbox, and the library is large.
  const { ImapFlow: Client } = await import('imapflow');
  const client = new Client({
    host: conn.host,
    port: conn.port,
    secure: conn.tls,
    auth: { user: conn.username, pass: conn.password },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: 5 * 60_000,
    autoIdleDelay: idleAfterMs,
  });
  // An error event with no listener would crash the process; failures surface through the promises.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Logs out politely, or drops the connection when that fails. */
export async function closeImap(client: ImapFlow): Promise<void> {
  try {
    await client.logout();
  } catch {
    client.close();
  }
}
