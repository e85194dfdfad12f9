import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../../../tests/helpers/project';
import { awsToolsAvailability, INSTALL_HINT, PINNED } from '../../../../tests/template/aws-tools';

/**
 * What a machine without the AWS tools sees: the template tests skipped with one line of advice, unless
 * REQUIRE_AWS_TOOLS=1 (CI) makes that a failure. Runs a real template test file in a child Jest whose PATH
 * has no python3, and probes the availability check with a stand-in python3 reporting other versions.
 */
const JEST = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

let emptyBin: string;
let oldPythonBin: string;
let barePythonBin: string;

/** A directory holding only a python3 that runs this shell script. */
function binWithPython(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stand-in-python-'));
  writeFileSync(join(dir, 'python3'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, 'python3'), 0o755);
  return dir;
}

beforeAll(() => {
  emptyBin = mkdtempSync(join(tmpdir(), 'no-python-'));
  oldPythonBin = binWithPython('echo 1.0.0 1.0.0'); // what the version probe prints, for other versions
  barePythonBin = binWithPython('exit 1'); // a python3 whose probe cannot import the packages
});
afterAll(() => {
  for (const dir of [emptyBin, oldPythonBin, barePythonBin]) rmSync(dir, { recursive: true, force: true });
});

function jestWithoutPython(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [JEST, '--ci', '--runInBand', join('tests', 'template', 'lint.test.ts')],
      { cwd: ROOT, env: { PATH: emptyBin, HOME: process.env.HOME ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, output: stdout + stderr });
      },
    );
  });
}

describe('without python3, cfn-lint or the SAM translator', () => {
  it('skips the template tests with one line saying what to install', async () => {
    const run = await jestWithoutPython({});
    expect(run.code).toBe(0);
    const advice = run.output.split('\n').filter((line) => line.includes(INSTALL_HINT));
    expect(advice).toEqual([
      expect.stringMatching(/^Skipped ".+": python3 was not found on PATH; pip install cfn-lint==1\.51\.0$/),
    ]);
    expect(run.output).toMatch(/Tests:\s+\d+ skipped, \d+ total/);
  });

  it('fails them when REQUIRE_AWS_TOOLS=1', async () => {
    const run = await jestWithoutPython({ REQUIRE_AWS_TOOLS: '1' });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(`python3 was not found on PATH; ${INSTALL_HINT}`);
    expect(run.output).toMatch(/Tests:\s+1 failed, 1 total/);
  });

  it('tells a python3 without the packages from a missing python3', () => {
    expect(awsToolsAvailability({ PATH: emptyBin })).toEqual({ ok: false, reason: 'python3 was not found on PATH' });
    expect(awsToolsAvailability({ PATH: barePythonBin })).toEqual({
      ok: false,
      reason: 'python3 cannot find cfn-lint and aws-sam-translator',
    });
  });

  it('accepts other versions locally but requires the pinned ones when REQUIRE_AWS_TOOLS=1', () => {
    expect(awsToolsAvailability({ PATH: oldPythonBin })).toEqual({ ok: true });
    expect(awsToolsAvailability({ PATH: oldPythonBin, REQUIRE_AWS_TOOLS: '1' })).toEqual({
      ok: false,
      reason: 'found cfn-lint 1.0.0 and aws-sam-translator 1.0.0, need cfn-lint 1.51.0 and aws-sam-translator 1.110.0',
    });
  });
});

describe('CI', () => {
  it('requires the tools, and installs the versions the availability check then demands', () => {
    const ciRun = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');
    expect(ciRun).toMatch(/^export REQUIRE_AWS_TOOLS=1$/m);
    expect(workflow).toMatch(/^\s+REQUIRE_AWS_TOOLS: '1'$/m);
    const installed = [...workflow.matchAll(/\b(cfn-lint|aws-sam-translator)==([\d.]+)/g)].map(([, name, version]) => [
      name,
      version,
    ]);
    expect(Object.fromEntries(installed)).toEqual(PINNED);
  });
});
