/** What CI does with the output of `npm audit --omit=dev --json`. */
export interface AuditVerdict {
  kind: 'ok' | 'warn' | 'fail';
  lines: string[];
}

interface AuditJson {
  error?: { summary?: string; code?: string };
  message?: string;
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity?: string; via?: unknown[]; range?: string }>;
}

const BLOCKING = ['high', 'critical'];

function titlesOf(via: unknown[] | undefined): string {
  return (via ?? [])
    .map((v) => (typeof v === 'object' && v ? (v as { title?: string; url?: string }) : undefined))
    .filter((v) => v?.title)
    .map((v) => `${v!.title} ${v!.url ?? ''}`.trim())
    .join('; ');
}

/**
 * Fails on any high or critical advisory in production dependencies. An answer without a report
 * (the registry unreachable, or one that does not serve audits) is a warning: CI must not go red
 * because a mirror is down, but it must never pass a real finding.
 */
export function auditVerdict(stdout: string): AuditVerdict {
  let report: AuditJson;
  try {
    report = JSON.parse(stdout) as AuditJson;
  } catch {
    return { kind: 'warn', lines: ['npm audit gave no report (is the registry reachable?)'] };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const why = report.error?.summary || report.message || report.error?.code || 'no report';
    return { kind: 'warn', lines: [`npm audit could not check the dependencies: ${why}`] };
  }
  const summary = Object.entries(counts)
    .filter(([k]) => k !== 'total')
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const blocking = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) =>
    BLOCKING.includes(v.severity ?? ''),
  );
  if (blocking.length === 0 && BLOCKING.every((s) => !counts[s])) {
    return { kind: 'ok', lines: [`npm audit: no high or critical advisories (${summary})`] };
  }
  return {
    kind: 'fail',
    lines: [
      `npm audit: high or critical advisories in production dependencies (${summary})`,
      ...blocking.map(([name, v]) => `  ${name} ${v.range ?? ''} [${v.severity}] ${titlesOf(v.via)}`),
    ],
  };
}
