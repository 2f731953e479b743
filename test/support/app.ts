import type { QueryRecorder } from '../../src/platform/db/query-recorder.ts';
import { buildApp, type ParleyApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { anonymous, system, type Actor, type Ctx } from '../../src/platform/context.ts';
import type { Dialect } from '../../src/platform/db/database.ts';
import type { JobHandler } from '../../src/platform/jobs/worker.ts';
import { createThrottles } from '../../src/platform/throttle.ts';
import type { Storage } from '../../src/platform/storage/storage.ts';
import { FakeClock } from './clock.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { MailCapture } from './mail.ts';

export interface TestApp extends ParleyApp {
  db: TestDatabase;
  clock: FakeClock;
  mail: MailCapture;
  config: Config;
  /** Runs every due job (mail sends…) now. */
  drainJobs(): Promise<number>;
  /** A use-case context acting as the given actor (the system by default). */
  ctx(actor?: Actor): Ctx;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    APP_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    PUBLIC_URL: 'http://parley.test',
    DATA_DIR: '/tmp/parley-test-data',
    CAPTCHA: 'off',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

/** The whole app on a fresh database of the dialect, with a fake clock and captured mail. */
export async function buildTestApp(
  dialect: Dialect,
  opts: {
    env?: Record<string, string>;
    extraJobs?: Record<string, JobHandler>;
    storage?: Storage;
    /** Send through the real SMTP transport of SMTP_URL instead of capturing mail in `t.mail`. */
    realSmtp?: boolean;
    /** Records every query the app makes (the query-count test). */
    recorder?: QueryRecorder;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(dialect);
  if (opts.recorder) db.db = db.db.withPlugin(opts.recorder);
  const clock = new FakeClock();
  const mail = new MailCapture();
  const config = testConfig(opts.env);
  const parley = await buildApp(config, {
    database: db,
    now: clock.now,
    ...(opts.realSmtp ? {} : { mailTransport: mail }),
    logger: false,
    ...(opts.extraJobs ? { extraJobs: opts.extraJobs } : {}),
    ...(opts.storage ? { storage: opts.storage } : {}),
  });
  const throttles = createThrottles();
  return {
    ...parley,
    db,
    clock,
    mail,
    config,
    drainJobs: () => parley.worker.drain(),
    ctx: (actor: Actor = system) => ({
      db: db.db,
      dialect: db.dialect,
      config,
      actor,
      now: clock.now,
      locale: 'en',
      requestId: 'test',
      ip: '127.0.0.1',
      throttles,
    }),
    async close() {
      await parley.close();
      await db.destroy();
    },
  };
}

export { anonymous, system };
