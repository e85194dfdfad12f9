// A function's environments when its code changes (watch mode): the environments it had are replaced by fresh ones
// that are already running before the next request, their Node processes started as soon as the change was seen
// (while it builds), so an edit is served without waiting for a Node process to start. Checked on the process table
// (Linux's /proc), not by timing.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionPool } from '../../src/lambda/pool';
import { directoryFunction } from '../helpers/function-spec';

const dir = mkdtempSync(join(tmpdir(), 'sam-local-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'app.js'), 'exports.handler = async () => ({ pid: process.pid });');

const FN = directoryFunction({ logicalId: 'ReloadedFunction', codeDir: dir, handler: 'app.handler' });

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

  describeOnLinux(
    'boots the next environment’s process when a change is seen, and makes it the worker on reload',
    async () => {
      const pool = new FunctionPool({ fn: FN, taskRoot: dir, environment: {}, onOutput: () => undefined });
      try {
        const before = resultPid(await pool.invoke({}));
        const earlier = workerPids().filter((pid) => pid !== before);

        pool.prepareReload(); // a source changed; its build is under way
        const successor = workerPids().filter((pid) => pid !== before && !earlier.includes(pid));
        expect(successor).toHaveLength(1);
        // Still the old environment until the new code is there.
        expect(resultPid(await pool.invoke({}))).toBe(before);

        pool.reload();
        expect(workerPids().filter((pid) => pid !== before && !earlier.includes(pid))).toEqual(successor);
        expect(resultPid(await pool.invoke({}))).toBe(successor[0]);
      } finally {
        await pool.close();
      }
    },
  );

  describeOnLinux('the successor loads the code that is there when it becomes the worker (the new code)', async () => {
    const codeDir = mkdtempSync(join(dir, 'edited-'));
    const app = join(codeDir, 'app.js');
    writeFileSync(app, "exports.handler = async () => ({ pid: process.pid, version: 'old' });");
    const pool = new FunctionPool({
      fn: { ...FN, codeDir },
      taskRoot: codeDir,
      environment: {},
      onOutput: () => undefined,
    });
    try {
      expect(await pool.invoke({})).toMatchObject({ kind: 'result', result: { version: 'old' } });
      pool.prepareReload();
      // The build lands after the successor has started.
      writeFileSync(app, "exports.handler = async () => ({ pid: process.pid, version: 'new' });");
      pool.reload();
      expect(await pool.invoke({})).toMatchObject({ kind: 'result', result: { version: 'new' } });
    } finally {
      await pool.close();
    }
  });

  describeOnLinux(
    'once edited, keeps the next successor started after each new environment’s first request',
    async () => {
      const pool = new FunctionPool({ fn: FN, taskRoot: dir, environment: {}, onOutput: () => undefined });
      const earlier = workerPids();
      const ours = (): number[] => workerPids().filter((pid) => !earlier.includes(pid));
      let first = 0;
      let second = 0;
      try {
        first = resultPid(await pool.invoke({}));
        await new Promise((resolve) => setImmediate(resolve));
        expect(ours()).toEqual([first]); // never edited: no spare process

        pool.reload();
        second = resultPid(await pool.invoke({}));
        await new Promise((resolve) => setImmediate(resolve));
        const spare = ours().filter((pid) => pid !== first && pid !== second);
        expect(spare).toHaveLength(1);

        pool.prepareReload(); // the next edit finds its process started: nothing more is started
        expect(ours().filter((pid) => pid !== first && pid !== second)).toEqual(spare);
        pool.reload();
        expect(resultPid(await pool.invoke({}))).toBe(spare[0]);
      } finally {
        await pool.close();
      }
      // The two replaced environments may still be ending (stopped in the background); the rest ended with close().
      expect(ours().filter((pid) => pid !== first && pid !== second)).toEqual([]);
    },
  );

  describeOnLinux('close() also ends a successor that never became the worker', async () => {
    const pool = new FunctionPool({ fn: FN, taskRoot: dir, environment: {}, onOutput: () => undefined });
    const earlier = workerPids();
    resultPid(await pool.invoke({}));
    pool.prepareReload();
    expect(workerPids().filter((pid) => !earlier.includes(pid))).toHaveLength(2);
    await pool.close();
    expect(workerPids().filter((pid) => !earlier.includes(pid))).toEqual([]);
  });

  describeOnLinux('starts nothing for a function that has not run yet', async () => {
    const pool = new FunctionPool({ fn: FN, taskRoot: dir, environment: {}, onOutput: () => undefined });
    // The environment the test above discarded may still be ending (its group is stopped in the background).
    const earlier = workerPids();
    try {
      pool.prepareReload();
      pool.reload();
      expect(workerPids().filter((pid) => !earlier.includes(pid))).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
