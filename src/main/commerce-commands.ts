import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  fillDemo,
  importCommerceCsv,
  type ImportKind,
  type ImportSummary,
} from '../modules/commerce/index.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n/i18n.ts';

const KINDS: ImportKind[] = ['purchases', 'invoices'];

/** Prints "Importing invoices: 120/400 (30%)" on one line of stderr, once per percent. */
function progressPrinter(kind: ImportKind) {
  let shown = -1;
  return {
    update(done: number, total: number) {
      const percent = Math.floor((done / total) * 100);
      if (percent === shown && done !== total) return;
      shown = percent;
      process.stderr.write(`\rImporting ${kind}: ${done}/${total} (${percent}%)`);
    },
    end: () => shown >= 0 && process.stderr.write('\n'),
  };
}

function printSummary(summary: ImportSummary): void {
  const t = translator('en');
  for (const bad of summary.bad)
    process.stderr.write(`line ${bad.line}: ${bad.field ? `${bad.field}: ` : ''}${t.t(bad.key)}\n`);
  const badLines = new Set(summary.bad.map((b) => b.line)).size;
  process.stdout.write(
    `Imported ${summary.created + summary.updated} of ${summary.records} ${summary.kind}: ` +
      `${summary.created} created, ${summary.updated} updated; ` +
      `${badLines} bad row${badLines === 1 ? '' : 's'} not imported.\n`,
  );
}

/**
 * `commerce:import FILE.csv --kind purchases|invoices`: progress on stderr, bad rows by line on
 * stderr, a summary on stdout. Exit code 1 when any row was bad (the good ones are imported).
 */
export async function commerceImportCommand(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { kind: { type: 'string' } },
    allowPositionals: true,
  });
  const kind = KINDS.find((k) => k === values.kind);
  const file = positionals[0];
  if (!kind || !file || positionals.length > 1) {
    process.stderr.write('parley: commerce:import needs FILE.csv and --kind purchases|invoices\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`parley: cannot read ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  const progress = progressPrinter(kind);
  try {
    const summary = await importCommerceCsv(ctx, kind, text, progress.update);
    progress.end();
    printSummary(summary);
    return summary.bad.length ? 1 : 0;
  } catch (err) {
    if (!(err instanceof AppError && err.fields.file)) throw err;
    process.stderr.write(`parley: ${translator('en').t(err.fields.file)} (${String(err.params.columns)})\n`);
    return 1;
  }
}

/** `demo`: fills an empty install with demo data and prints the logins; refuses anything else. */
export async function demoCommand(ctx: Ctx): Promise<number> {
  try {
    const s = await fillDemo(ctx);
    process.stdout.write(
      `Demo data: ${s.customers} customers, ${s.products} products, ${s.purchases} purchases, ` +
        `${s.invoices} invoices, ${s.tickets} tickets.\nLog in with:\n`,
    );
    for (const l of s.logins)
      process.stdout.write(`  ${l.role.padEnd(8)} ${l.email.padEnd(24)} ${l.password}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') {
      process.stderr.write(
        'parley: demo only fills an empty install, and this one already has accounts or data.\n',
      );
      return 1;
    }
    throw err;
  }
}
