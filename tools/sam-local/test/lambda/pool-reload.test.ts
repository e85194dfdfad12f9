// A function's environments when its code changes (watch mode): the environments it had are replaced by fresh ones
// that are already running before the next request, so an edit is served without waiting for a Node process to
// start. Checked on the process table (Linux's /proc), not by timing.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionPool } from '../../src/lambda/pool';
import type { FunctionSpec } from '../../src/template/functions';

const dir = mkdtempSync(join(tmpdir(), 'sam-local-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'app.js'), 'exports.handler = async () => ({ pid: process.pid });');

const FN: FunctionSpec = {
  logicalId: 'ReloadedFunction',
  codeDir: dir,
  handler: 'app.handler',
  runtime: 'nodejs24.x',
  timeoutSeconds: 30,
  memorySize: 256,
  code: { kind: 'directory' },
  buildMethod: undefined,
  buildProperties: {},
  layers: [],
  remoteLayers: [],
  environment: {},
  properties: {},
};

/** This process's children that are live Lambda environments (runtime-worker.cjs), by pid. */
function workerPids(): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      return Number(ppid) === process.pid && state !== 'Z' && command.includes('runtime-worker.cjs')
        ? [Number(entry)]
        : [];
    } catch {
      return []; // ended between the listing and the read
    }
  });
}

const resultPid = (outcome: Awaited<ReturnType<FunctionPool['invoke']>>): number => {
  if (outcome.kind !== 'result') throw new Error(`invocation failed: ${JSON.stringify(outcome)}`);
  return (outcome.result as { pid: number }).pid;
};

describe('a function pool reloaded with new code', () => {
  const describeOnLinux = process.platform === 'linux' ? it : it.skip;

  describeOnLinux('has a fresh environment running before the next request, which then serves it', async () => {
    const pool = new FunctionPool({ fn: FN, taskRoot: dir, environment: {}, onOutput: () => undefined });
    try {
      const before = resultPid(await pool.invoke({}));
      expect(workerPids()).toEqual([before]);

      pool.reload();
      const waiting = workerPids().filter((pid) => pid !== before);
      expect(waiting).toHaveLength(1);

      const after = resultPid(await pool.invoke({}));
      expect(after).toBe(waiting[0]);
    } finally {
      await pool.close();
    }
  });

  describeOnLinux('starts nothing for a function that has not run yet', async () => {
    const pool = new FunctionPool({ fn: FN, taskRoot: dir, environment: {}, onOutput: () => undefined });
    // The environment the test above discarded may still be ending (its group is stopped in the background).
    const earlier = workerPids();
    try {
      pool.reload();
      expect(workerPids().filter((pid) => !earlier.includes(pid))).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
