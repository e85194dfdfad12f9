// npm run audit:runtime: known vulnerabilities in the Lambda's runtime dependencies (npm audit --omit=dev).
// Fails on any advisory. When the registry has no advisory endpoint (some mirrors answer 405), it says
// the check could not run; that is a failure only where AUDIT_REQUIRED=1 (GitHub Actions sets it).
import { spawnSync } from 'node:child_process';

interface AuditReport {
  statusCode?: number;
  message?: string;
  vulnerabilities?: Record<string, { severity: string; via: unknown[]; range?: string }>;
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number } };
}

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  encoding: 'utf8',
  shell: process.platform === 'win32',
});
let report: AuditReport;
try {
  report = JSON.parse(run.stdout) as AuditReport;
} catch {
  console.error(`npm audit printed no JSON (exit ${String(run.status)}):\n${run.stderr}`);
  process.exit(1);
}

if (report.statusCode !== undefined || report.message !== undefined) {
  const required = process.env.AUDIT_REQUIRED === '1';
  console.error(
    `${required ? 'FAILED' : 'NOT CHECKED'}: the registry's advisory endpoint is unavailable (${report.message ?? report.statusCode}).`,
  );
  process.exit(required ? 1 : 0);
}

const found = Object.entries(report.vulnerabilities ?? {});
const production = report.metadata?.dependencies?.prod ?? 0;
if (found.length > 0) {
  for (const [name, v] of found) console.error(`${v.severity.toUpperCase()}: ${name} ${v.range ?? ''}`);
  console.error(`${found.length} vulnerable runtime package(s) among ${production}`);
  process.exit(1);
}
console.log(`No known vulnerabilities in ${production} runtime packages (npm audit --omit=dev).`);
