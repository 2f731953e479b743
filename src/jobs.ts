import type { Config } from './config/config.ts';
import { system, type Ctx } from './platform/context.ts';
import type { Database } from './platform/db/database.ts';
import type { JobHandler } from './platform/jobs/worker.ts';
import type { MailTransport } from './platform/mail/transport.ts';
import { createThrottles } from './platform/throttle.ts';
import { MAIL_SEND_JOB, sendOutboxMail } from './modules/mail/index.ts';

export interface JobDeps {
  config: Config;
  database: Database;
  mailTransport: MailTransport | undefined;
  now: () => number;
}

/** The context jobs run in: the system actor, the app's database and clock. */
export function systemCtx(deps: Pick<JobDeps, 'config' | 'database' | 'now'>, requestId = 'job'): Ctx {
  return {
    db: deps.database.db,
    dialect: deps.database.dialect,
    config: deps.config,
    actor: system,
    now: deps.now,
    locale: 'en',
    requestId,
    ip: null,
    throttles: createThrottles(),
  };
}

/** Every job kind and its handler. Handlers are idempotent: a job may run more than once. */
export function jobHandlers(deps: JobDeps): Record<string, JobHandler> {
  return {
    [MAIL_SEND_JOB]: async (payload: { outboxId: number }, job) =>
      sendOutboxMail(systemCtx(deps, `job-${job.id}`), deps.mailTransport, payload.outboxId, job.attempts),
  };
}
