import { spawnSync } from 'node:child_process';
import {
  chownSync,
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BINARY = ['/usr/sbin/dovecot', '/usr/bin/dovecot'].find((p) => existsSync(p));

/**
 * Why the IMAP tests cannot run here, or undefined when they can. On CI (CI=true) a missing Dovecot
 * is not a reason to skip: the test runs and fails, since .ci/run installs dovecot-imapd.
 */
export function dovecotSkipReason(): string | undefined {
  if (BINARY || process.env.CI === 'true') return undefined;
  return 'Dovecot is not installed (apt-get install -y dovecot-imapd); the IMAP tests run on CI';
}

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Dovecot did not listen on 127.0.0.1:${port}`);
}

function config(dir: string, port: number): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/**
 * A throwaway Dovecot (stack-notes recipe C) on 127.0.0.1 and a free port, with one user whose
 * mail lives in a temp dir. stop() ends the master process this call started and removes the dir.
 */
export async function startDovecot(): Promise<Dovecot> {
  if (!BINARY) throw new Error('Dovecot is not installed (apt-get install -y dovecot-imapd)');
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-dovecot-'));
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) mkdirSync(path.join(dir, sub));
  const uid = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  chownSync(path.join(dir, 'mail'), uid, gid);
  const user = 'agent@example.test';
  const password = 'secret-imap-password';
  writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}:${uid}:${gid}::${dir}/mail/agent::\n`);
  const port = await freePort();
  writeFileSync(path.join(dir, 'dovecot.conf'), config(dir, port));
  // The master daemonises; its output goes to the log file, so no pipe keeps this call waiting.
  const started = spawnSync(BINARY, ['-c', path.join(dir, 'dovecot.conf')], {
    stdio: 'ignore',
    timeout: 15_000,
  });
  if (started.status !== 0) throw new Error(`dovecot failed to start, see ${dir}/dovecot.log`);
  await waitForPort(port, 10_000);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async stop() {
      const pidFile = path.join(dir, 'run', 'master.pid');
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
      if (pid > 0) {
        process.kill(pid, 'SIGTERM');
        const until = Date.now() + 5000;
        while (Date.now() < until && existsSync(pidFile)) await new Promise((r) => setTimeout(r, 50));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
