import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditVerdict } from '../../scripts/audit-verdict.ts';

const report = (vulnerabilities: Record<string, unknown>, counts: Record<string, number>) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts } });

describe('the CI dependency audit', () => {
  it('fails on a high or critical advisory and names the package', () => {
    const v = auditVerdict(
      report(
        {
          'sanitize-html': {
            severity: 'high',
            range: '<2.12.1',
            via: [{ title: 'XSS in sanitize-html', url: 'https://github.com/advisories/GHSA-x' }],
          },
        },
        { info: 0, low: 0, moderate: 0, high: 1, critical: 0, total: 1 },
      ),
    );
    assert.equal(v.kind, 'fail');
    assert.match(v.lines.join('\n'), /sanitize-html <2\.12\.1 \[high\] XSS in sanitize-html/);
  });

  it('passes with only low and moderate advisories', () => {
    const v = auditVerdict(
      report({ x: { severity: 'moderate' } }, { low: 2, moderate: 1, high: 0, critical: 0 }),
    );
    assert.equal(v.kind, 'ok');
  });

  it('only warns when the registry gives no report', () => {
    const unreachable = JSON.stringify({
      error: { code: 'ENOTFOUND', summary: 'request to registry failed' },
    });
    assert.equal(auditVerdict(unreachable).kind, 'warn');
    assert.equal(
      auditVerdict(JSON.stringify({ message: '405 Method Not Allowed', statusCode: 405 })).kind,
      'warn',
    );
    assert.equal(auditVerdict('').kind, 'warn');
  });
});
