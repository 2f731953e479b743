import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  importCommerceCsv,
  inspectInvoice,
  listInvoicesForCustomer,
  listPurchasesForCustomer,
} from '../../src/modules/commerce/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { describeEachDialect } from '../support/suite.ts';
import { buildAgent, snapshot } from './fixtures.ts';

const PURCHASES = `external_id,customer_email,customer_name,name,purchased_at,expires_at,state,cancel_reason
p1,zoe@example.test,Zoë,Parley Pro,2026-01-02,2027-01-02,active,
p2,not-an-email,X,Thing,2026-01-02,,active,
p3,zoe@example.test,"Zoë, again","Seat
with a line break",2026-13-45,,active,
p4,zoe@example.test,Zoë,Old seat,2025-05-05T10:00:00Z,,canceled,Refunded by the shop
`;

const INVOICES = `external_id,number,customer_email,customer_name,title,status,currency,item_name,item_unit_price,item_quantity,tax
i1,A-1,zoe@example.test,Zoë,Order 1,paid,EUR,Parley Pro,49.00,2,18.62
i1,A-1,zoe@example.test,Zoë,Order 1,paid,EUR,Extra seat,9.90,1,
i2,A-2,zoe@example.test,Zoë,Order 2,pending,EUR,Parley Pro,49.00,1,
i2,A-2,zoe@example.test,Zoë,Order 2,pending,EUR,Broken line,lots,1,
i3,A-3,zoe@example.test,Zoë,Order 3,bogus,EUR,Parley Pro,49.00,1,
i4,A-4,zoe@example.test,Zoë,Order 4,paid,JPY,Plan,5000,1,
`;

describeEachDialect('commerce CSV import', (use) => {
  it('imports good purchase rows and reports bad ones by line, writing nothing for them', async () => {
    const t = use();
    const { ctx } = await buildAgent(t);
    const progress: string[] = [];
    const summary = await importCommerceCsv(t.ctx(), 'purchases', PURCHASES, (d, n) =>
      progress.push(`${d}/${n}`),
    );
    assert.deepEqual([summary.records, summary.created, summary.updated], [4, 2, 0]);
    assert.deepEqual(summary.bad, [
      { line: 3, field: 'customer_email', key: 'error.field.email' },
      { line: 4, field: 'purchased_at', key: 'commerce.error.date' },
    ]);
    assert.deepEqual(progress, ['1/4', '2/4', '3/4', '4/4']);
    const list = await listPurchasesForCustomer(ctx, { customer: 'email:zoe@example.test' });
    assert.deepEqual(list.counts, { active: 1, expired: 0, canceled: 1 });
    assert.equal((await t.db.db.selectFrom('purchases').select('id').execute()).length, 2);
    const again = await importCommerceCsv(t.ctx(), 'purchases', PURCHASES);
    assert.deepEqual([again.created, again.updated], [0, 2], 'a second import updates by external id');
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'commerce.import')
      .execute();
    assert.equal(audit.length, 2, 'one audit row per file');
  });

  it('imports invoices one row per line item and keeps an invoice with a bad row out entirely', async () => {
    const t = use();
    const { ctx } = await buildAgent(t);
    const summary = await importCommerceCsv(t.ctx(), 'invoices', INVOICES);
    assert.deepEqual([summary.records, summary.created], [4, 2]);
    assert.deepEqual(summary.bad, [
      { line: 5, field: 'item_unit_price', key: 'commerce.error.amount' },
      { line: 6, field: 'status', key: 'error.field.invalid' },
    ]);
    const list = await listInvoicesForCustomer(ctx, { customer: 'email:zoe@example.test' });
    assert.deepEqual(list.rows.map((i) => i.number).sort(), ['A-1', 'A-4']);
    const a1 = await inspectInvoice(ctx, list.rows.find((i) => i.number === 'A-1')!.id);
    assert.deepEqual(
      a1.items.map((i) => [i.name, i.unit_price_minor, i.quantity]),
      [
        ['Parley Pro', 4900, 2],
        ['Extra seat', 990, 1],
      ],
    );
    assert.deepEqual(
      [a1.invoice.subtotal_minor, a1.invoice.tax_minor, a1.invoice.total_minor],
      [10790, 1862, 12652],
    );
    const a4 = list.rows.find((i) => i.number === 'A-4')!;
    assert.equal(a4.total_minor, 5000, 'yen have no minor unit');
  });

  it('refuses a file without the required columns, writing nothing', async () => {
    const t = use();
    const before = await snapshot(t);
    await assert.rejects(importCommerceCsv(t.ctx(), 'purchases', 'external_id,name\nx,y\n'), (err) => {
      assert.ok(err instanceof AppError && err.code === 'VALIDATION');
      assert.equal(err.params.columns, 'customer_email, purchased_at');
      return true;
    });
    assert.deepEqual(await snapshot(t), before);
  });
});
