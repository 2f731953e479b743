import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { inspectInvoice, renderInvoicePdf } from '../../src/modules/commerce/index.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildAgent, buildInvoice } from './fixtures.ts';

/** Why the PDF text cannot be checked here, or undefined. On CI a missing pdftotext is a failure. */
function pdftotextSkipReason(): string | undefined {
  if (spawnSync('pdftotext', ['-v']).error === undefined) return undefined;
  if (process.env.CI) throw new Error('pdftotext not found; .ci/run must install poppler-utils');
  return 'no pdftotext (apt-get install -y poppler-utils)';
}

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'parley-pdf-')), 'invoice.pdf');
  writeFileSync(file, pdf);
  const out = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

describeEachDialect('invoice PDF', (use) => {
  it(
    'prints non-Latin names and every line and total, extractable with pdftotext',
    { skip: pdftotextSkipReason() },
    async () => {
      const t = use();
      const { ctx } = await buildAgent(t);
      const invoice = await buildInvoice(
        t,
        { email: 'dmitri@example.test', name: 'Дмитрий Иванов' },
        {
          title: 'Zoë Łukasiewicz — Ελληνικά',
          items: [
            { name: 'Лицензия Pro', unitPrice: 4900, quantity: 2 },
            { name: 'Straße & Söhne support', unitPrice: 1250, quantity: 1 },
          ],
          tax: 2100,
        },
      );
      const detail = await inspectInvoice(ctx, invoice.id);
      const en = pdfText(await renderInvoicePdf(detail, translator('en'), 'Parley Test'));
      for (const expected of [
        `Invoice #${invoice.number}`,
        'Дмитрий Иванов',
        'Zoë Łukasiewicz — Ελληνικά',
        'Лицензия Pro',
        'Straße & Söhne support',
        '€98.00',
        '€12.50',
        '€21.00',
        '€131.50',
        'Paid',
      ])
        assert.ok(en.includes(expected), `${expected} in:\n${en}`);
      const de = pdfText(await renderInvoicePdf(detail, translator('de'), 'Parley Test'));
      assert.match(de, new RegExp(`Rechnung #${invoice.number}`));
      assert.match(de, /131,50\s€/);
    },
  );
});
