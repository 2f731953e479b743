// A separate worker process for the job-queue tests: argv = dbUrl schema mode leaseMs.
// mode "die" kills itself with SIGKILL in the middle of its first job.
import { sql } from 'kysely';
import { openDatabase } from '../../src/platform/db/database.ts';
import { Worker } from '../../src/platform/jobs/worker.ts';

const [url = '', schema = '', mode = 'normal', leaseArg = '1500'] = process.argv.slice(2);
const database = openDatabase(url, schema ? { schema, poolSize: 3 } : {});
const db = database.db;

const worker: Worker = new Worker({
  db,
  dialect: database.dialect,
  leaseMs: Number(leaseArg),
  pollMs: 50,
  handlers: {
    'test.record': async (_payload, job) => {
      await sql`INSERT INTO test_job_runs (job_id, worker, started_at) VALUES (${job.id}, ${worker.id}, ${Date.now()})`.execute(
        db,
      );
      if (mode === 'die') process.kill(process.pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 30));
      await sql`UPDATE test_job_runs SET ended_at = ${Date.now()} WHERE job_id = ${job.id} AND worker = ${worker.id} AND ended_at IS NULL`.execute(
        db,
      );
    },
  },
});
worker.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => database.destroy())
    .then(() => process.exit(0));
});
