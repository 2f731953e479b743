// CI's dependency check: `npm audit` over production dependencies; fails on a high or critical
// advisory, warns when the registry gives no report.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { auditVerdict } from './audit-verdict.ts';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  cwd: path.resolve(import.meta.dirname, '..'),
  encoding: 'utf8',
  timeout: 120_000,
});
const verdict = auditVerdict(run.stdout ?? '');
for (const line of verdict.lines) console.log(verdict.kind === 'warn' ? `warning: ${line}` : line);
process.exit(verdict.kind === 'fail' ? 1 : 0);
