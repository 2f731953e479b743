import type { Config } from '../config/config.ts';
import { jobHandlers, recurringJobs, startImapWatcher } from '../jobs.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { Worker } from '../platform/jobs/worker.ts';
import { smtpTransport } from '../platform/mail/transport.ts';

/** Runs background jobs in this process until SIGINT or SIGTERM (`npm run parley -- worker`). */
export async function runWorker(config: Config): Promise<void> {
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const mailTransport = smtpTransport(config.smtpUrl);
  const worker = new Worker({
    db: database.db,
    dialect: database.dialect,
    handlers: jobHandlers({ config, database, mailTransport, now: Date.now }),
    recurring: recurringJobs(),
    log: { error: (obj, msg) => process.stderr.write(`${msg}: ${JSON.stringify(obj, errorReplacer)}\n`) },
  });
  worker.start();
  const imapWatcher = startImapWatcher({ config, database, now: Date.now }, () => worker.poke());
  process.stdout.write(`Parley worker ${worker.id} started.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await imapWatcher.stop();
  await worker.stop();
  mailTransport?.close?.();
  await database.destroy();
}

function errorReplacer(_key: string, value: unknown) {
  return value instanceof Error ? { message: value.message } : value;
}
