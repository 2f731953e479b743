import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface RunningServer {
  child: ChildProcess;
  base: string;
  startupMs: number;
  /** Peak resident memory so far, in MB (VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

let built = false;

/** Bundles the server as `npm start` does, once per benchmark run (scaling mode starts it many times). */
function buildServerOnce(): void {
  if (built) return;
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-server.ts'], { cwd: ROOT });
  if (build.status !== 0) throw new Error(`building the server failed: ${String(build.stderr)}`);
  built = true;
}

/** Starts the production bundle (built first, as `npm start` does) and waits until /readyz answers. */
export async function startServer(env: Record<string, string>, port: number): Promise<RunningServer> {
  buildServerOnce();
  const started = Date.now();
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      CAPTCHA: 'off',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startupMs = Date.now() - started;
  return {
    child,
    base,
    startupMs,
    peakRssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
