import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { enqueueJob, backoffMs } from '../../src/platform/jobs/queue.ts';
import { Worker } from '../../src/platform/jobs/worker.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/db.ts';

const WORKER_SCRIPT = path.resolve(import.meta.dirname, '../support/job-worker-process.ts');
const LEASE_MS = 1500;

function startWorker(db: TestDatabase, mode: 'normal' | 'die'): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      WORKER_SCRIPT,
      db.url.replace(/^sqlite:/, 'sqlite:'),
      db.schema ?? '',
      mode,
      String(LEASE_MS),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

for (const dialect of testDialects()) {
  describe(`job queue [${dialect}]`, () => {
    const children: ChildProcess[] = [];
    const dbs: TestDatabase[] = [];
    after(async () => {
      for (const c of children) c.kill('SIGKILL');
      for (const d of dbs) await d.destroy();
    });

    it('runs every job exactly once at a time across worker processes, and recovers a job whose worker died', async () => {
      const db = await createTestDatabase(dialect);
      dbs.push(db);
      await sql`CREATE TABLE test_job_runs (job_id bigint NOT NULL, worker text NOT NULL, started_at bigint NOT NULL, ended_at bigint)`.execute(
        db.db,
      );
      const JOBS = 40;
      for (let i = 0; i < JOBS; i++) await enqueueJob(db.db, 'test.record', { n: i }, Date.now());

      // One worker that dies inside its first job, then three healthy ones.
      const doomed = startWorker(db, 'die');
      children.push(doomed);
      const died = new Promise<void>((resolve) => doomed.on('exit', () => resolve()));
      await waitFor(async () => doomed.exitCode !== null || doomed.signalCode !== null, 20_000);
      await died;
      for (let i = 0; i < 3; i++) children.push(startWorker(db, 'normal'));

      await waitFor(async () => {
        const row = await db.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('done_at', 'is', null)
          .executeTakeFirstOrThrow();
        return Number(row.n) === 0;
      }, 60_000);

      const runs = (
        await sql<{
          job_id: number;
          worker: string;
          started_at: number;
          ended_at: number | null;
        }>`SELECT job_id, worker, started_at, ended_at FROM test_job_runs ORDER BY job_id, started_at`.execute(
          db.db,
        )
      ).rows.map((r) => ({
        ...r,
        job_id: Number(r.job_id),
        started_at: Number(r.started_at),
        ended_at: r.ended_at === null ? null : Number(r.ended_at),
      }));
      const byJob = new Map<number, typeof runs>();
      for (const r of runs) byJob.set(r.job_id, [...(byJob.get(r.job_id) ?? []), r]);

      assert.equal(byJob.size, JOBS, 'every job ran');
      const abandoned = runs.filter((r) => r.ended_at === null);
      assert.equal(abandoned.length, 1, 'exactly one run was cut short by the killed worker');
      const jobs = await db.db.selectFrom('jobs').selectAll().execute();
      assert.ok(
        jobs.every((j) => j.done_at !== null && j.failed_at === null),
        'no job lost or failed',
      );
      for (const [jobId, list] of byJob) {
        assert.equal(
          list.filter((r) => r.ended_at !== null).length,
          1,
          `job ${jobId} completed exactly once`,
        );
        for (let i = 1; i < list.length; i++) {
          const prev = list[i - 1]!;
          const next = list[i]!;
          const prevEnd = prev.ended_at ?? prev.started_at + LEASE_MS - 250;
          assert.ok(
            next.started_at >= prevEnd,
            `job ${jobId}: a second run started while the first could still be running`,
          );
        }
      }
      const rerun = byJob.get(abandoned[0]!.job_id)!;
      assert.equal(rerun.length, 2, 'the killed job ran again on another worker');
      assert.notEqual(rerun[0]!.worker, rerun[1]!.worker);
    });

    it('retries a failing job with exponential backoff and gives up after max attempts', async () => {
      const db = await createTestDatabase(dialect);
      dbs.push(db);
      let now = 1_000_000;
      let calls = 0;
      const worker = new Worker({
        db: db.db,
        dialect,
        now: () => now,
        handlers: {
          'test.fail': async () => {
            calls++;
            throw new Error('boom');
          },
        },
      });
      await enqueueJob(db.db, 'test.fail', {}, now, { maxAttempts: 3 });
      assert.equal(await worker.drain(), 1);
      let job = await db.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      assert.equal(job.attempts, 1);
      assert.equal(job.run_at, now + backoffMs(1));
      assert.equal(job.last_error, 'boom');
      assert.equal(await worker.drain(), 0, 'not due before its backoff');
      now += backoffMs(1);
      await worker.drain();
      now += backoffMs(2);
      await worker.drain();
      job = await db.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      assert.equal(calls, 3);
      assert.notEqual(job.failed_at, null);
      now += 3600_000;
      assert.equal(await worker.drain(), 0, 'a failed job stays failed');
    });
  });
}
