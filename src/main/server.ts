import { buildApp } from '../app.ts';
import { startImapWatcher, systemCtx } from '../jobs.ts';
import { issueSetupTokenIfNeeded } from '../modules/accounts/index.ts';
import { configOrExit } from './boot.ts';

const config = configOrExit();
const parley = await buildApp(config);
const { app } = parley;

await app.listen({ port: config.port, host: config.host });
if (config.inProcessWorker) parley.worker.start();
const imapWatcher = config.inProcessWorker
  ? startImapWatcher({ config, database: parley.deps.database, now: Date.now }, () => parley.worker.poke())
  : undefined;

const base = config.publicUrl;
process.stdout.write(`\nParley is running at ${base} (${config.dialect})\n`);
const setupToken = await issueSetupTokenIfNeeded(
  systemCtx({ config, database: parley.deps.database, now: Date.now }),
);
if (setupToken) {
  // Shown only here, once per start: the link creates the first admin and is valid until used.
  process.stdout.write(
    `\nNo admin exists yet. Open this one-time setup link to create one:\n  ${base}/setup?token=${setupToken}\n\n`,
  );
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    Promise.resolve(imapWatcher?.stop())
      .then(() => parley.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
