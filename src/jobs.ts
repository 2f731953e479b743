import type { Config } from './config/config.ts';
import { system, type Ctx } from './platform/context.ts';
import type { Database } from './platform/db/database.ts';
import type { JobHandler } from './platform/jobs/worker.ts';
import type { MailTransport } from './platform/mail/transport.ts';
import { createThrottles } from './platform/throttle.ts';
import { MAIL_SEND_JOB, sendOutboxMail } from './modules/mail/index.ts';
import { createStorage, type Storage } from './platform/storage/storage.ts';
import { ATTACHMENTS_CLEANUP_JOB, removeExpiredUploads } from './modules/attachments/index.ts';
import type { RecurringJob } from './platform/jobs/recurring.ts';
import { TICKET_ACTIVITY_JOB, type TicketActivity } from './modules/tickets/index.ts';
import {
  DIGEST_EVERY_MS,
  DIGEST_TICK_JOB,
  notifyTicketActivity,
  runDigestTick,
} from './modules/notifications/index.ts';
import {
  IMAP_FETCH_JOB,
  IMAP_POLL_EVERY_MS,
  IMAP_POLL_JOB,
  INBOUND_PROCESS_JOB,
  ImapWatcher,
  fetchImapMail,
  pollImapMail,
  processInboundMail,
} from './modules/inbound/index.ts';

export interface JobDeps {
  config: Config;
  database: Database;
  mailTransport: MailTransport | undefined;
  now: () => number;
  /** Attachment storage; made from the configuration when not given. */
  storage?: Storage;
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
  const storage = deps.storage ?? createStorage(deps.config);
  return {
    [MAIL_SEND_JOB]: async (payload: { outboxId: number }, job) =>
      sendOutboxMail(systemCtx(deps, `job-${job.id}`), deps.mailTransport, payload.outboxId, job),
    [ATTACHMENTS_CLEANUP_JOB]: async (_payload, job) => {
      await removeExpiredUploads(systemCtx(deps, `job-${job.id}`), storage, job.id);
    },
    [TICKET_ACTIVITY_JOB]: async (payload: TicketActivity, job) => {
      await notifyTicketActivity(systemCtx(deps, `job-${job.id}`), payload);
    },
    [DIGEST_TICK_JOB]: async (_payload, job) => {
      await runDigestTick(systemCtx(deps, `job-${job.id}`));
    },
    [INBOUND_PROCESS_JOB]: async (payload: { mailId: number; forceNew?: boolean }, job) => {
      const opts = { forceNew: payload.forceNew === true };
      await processInboundMail(systemCtx(deps, `job-${job.id}`), storage, payload.mailId, opts);
    },
    [IMAP_FETCH_JOB]: async (_payload, job) => {
      await fetchImapMail(systemCtx(deps, `job-${job.id}`));
    },
    [IMAP_POLL_JOB]: async (_payload, job) => {
      await pollImapMail(systemCtx(deps, `job-${job.id}`));
    },
  };
}

/** Jobs that run on a schedule: every worker makes sure they are scheduled when it starts. */
export function recurringJobs(): RecurringJob[] {
  return [
    { kind: DIGEST_TICK_JOB, everyMs: DIGEST_EVERY_MS },
    { kind: IMAP_POLL_JOB, everyMs: IMAP_POLL_EVERY_MS },
  ];
}

/** Watches the IMAP mailbox with IDLE (where the server can) and queues a fetch as mail arrives. */
export function startImapWatcher(
  deps: Pick<JobDeps, 'config' | 'database' | 'now'>,
  poke: () => void,
): ImapWatcher {
  const watcher = new ImapWatcher({ ctx: () => systemCtx(deps, 'imap-watch'), poke });
  watcher.start();
  return watcher;
}
