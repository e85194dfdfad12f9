import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../../tests/helpers/project';
import { SRC } from './helpers/paths';

// A stand-in `npm` first on PATH that prints a canned `npm audit --json` report, so each outcome is real output.
const bin = mkdtempSync(join(tmpdir(), 'fake-npm-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function audit(report: object, env: Record<string, string> = {}): { status: number | null; output: string } {
  const reportFile = join(bin, 'report.json');
  writeFileSync(reportFile, JSON.stringify(report));
  writeFileSync(join(bin, 'npm'), `#!/bin/sh\n[ "$*" = "audit --omit=dev --json" ] || exit 99\ncat "${reportFile}"\n`);
  chmodSync(join(bin, 'npm'), 0o755);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(SRC, 'audit-runtime.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, ...env },
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('npm run audit:runtime', () => {
  it('passes when npm audit finds nothing, saying how many packages it checked', () => {
    const run = audit({ vulnerabilities: {}, metadata: { dependencies: { prod: 4 } } });
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/No known vulnerabilities in 4 runtime packages/);
  });

  it('fails and names each vulnerable package', () => {
    const run = audit({
      vulnerabilities: { 'bad-lib': { severity: 'high', via: [], range: '<1.2.3' } },
      metadata: { dependencies: { prod: 4 } },
    });
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/HIGH: bad-lib <1\.2\.3/);
  });

  it('says NOT CHECKED when the advisory endpoint is unavailable, and fails then only if AUDIT_REQUIRED=1', () => {
    const unavailable = { statusCode: 405, message: '405 Method Not Allowed' };
    const lenient = audit(unavailable);
    expect([lenient.status, lenient.output]).toEqual([0, expect.stringMatching(/NOT CHECKED: .*405/)]);
    const strict = audit(unavailable, { AUDIT_REQUIRED: '1' });
    expect([strict.status, strict.output]).toEqual([1, expect.stringMatching(/FAILED: .*405/)]);
  });
});
