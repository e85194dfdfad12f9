// Many `sam-local invoke` processes at once on one template (a test runner, a script in a loop): each builds the
// function into the same .aws-sam/local-build folder, and none may load another's half-written bundle (before the
// fix, some failed with Runtime.HandlerNotFound or a syntax error).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELLO_DIR, SAM_LOCAL_BIN } from '../helpers/paths';

// A private copy of the fixture: the processes build beside its template, and other test files use the original.
const workDir = mkdtempSync(join(tmpdir(), 'parallel-invoke-'));
cpSync(HELLO_DIR, workDir, { recursive: true });
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// Bounded for a 2-core machine: enough processes that their builds overlap.
const PROCESSES = 12;

function invoke(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SAM_LOCAL_BIN, 'invoke', 'events/hello-name.json'], {
      cwd: workDir,
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`${PROCESSES} sam-local invoke processes started together on one template`, () => {
  it('all answer the event, none loads a half-written build', async () => {
    const runs = await Promise.all(Array.from({ length: PROCESSES }, () => invoke()));
    const failures = runs.filter((run) => run.code !== 0).map((run) => `${run.code}: ${run.stdout}${run.stderr}`);
    expect(failures).toEqual([]);
    for (const run of runs) {
      const result = JSON.parse(run.stdout) as { statusCode: number; body: string };
      expect([result.statusCode, JSON.parse(result.body)]).toEqual([200, { message: 'Hello, Ada!' }]);
    }
  }, 120_000);
});
