// A worker process running Parley's real job handlers, for the killed-ingest test.
// argv: dbUrl schema killAt — with killAt > 0 the process SIGKILLs itself in the middle of the
// killAt-th inbound apply transaction: after the ticket writes, before the commit.
import type { KyselyPlugin, RootOperationNode, UpdateQueryNode } from 'kysely';
import { jobHandlers } from '../../src/jobs.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { Worker } from '../../src/platform/jobs/worker.ts';
import { testConfig } from '../support/app.ts';

const [url = '', schema = '', killAt = '0'] = process.argv.slice(2);
let applies = 0;

function isDecisionWrite(node: RootOperationNode): boolean {
  if (node.kind !== 'UpdateQueryNode') return false;
  const update = node as UpdateQueryNode;
  const table = JSON.stringify(update.table ?? {});
  const columns = JSON.stringify(update.updates ?? []);
  return table.includes('"inbound_mails"') && columns.includes('"decision"');
}

const killer: KyselyPlugin = {
  transformQuery({ node }) {
    if (isDecisionWrite(node) && ++applies === Number(killAt)) process.kill(process.pid, 'SIGKILL');
    return node;
  },
  transformResult: async ({ result }) => result,
};

const opened = openDatabase(url, schema ? { schema, poolSize: 3 } : {});
const database = { ...opened, db: opened.db.withPlugin(killer) };
const config = testConfig();
const worker = new Worker({
  db: database.db,
  dialect: database.dialect,
  leaseMs: 800,
  pollMs: 20,
  handlers: jobHandlers({ config, database, mailTransport: undefined, now: Date.now }),
});
worker.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => opened.destroy())
    .then(() => process.exit(0));
});
