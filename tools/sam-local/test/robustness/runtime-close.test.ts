// FunctionRuntime.close() ends the environment only after the function's output has been read: `sam-local invoke`
// and the bundle test print or check every line the function wrote (before the fix the worker was SIGKILLed at
// once, and lines still in the pipe were reported after close() resolved, or never).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunction } from '../../src/lambda/build';
import { FunctionRuntime } from '../../src/lambda/runtime';
import { findFunction } from '../../src/template/functions';
import { loadTemplate } from '../../src/template/template';
import { freePort } from '../helpers/fixture-copy';
import { isRunning } from '../helpers/start-process';
import { ROUTES_TEMPLATE } from '../helpers/paths';

const outdir = mkdtempSync(join(tmpdir(), 'runtime-close-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const fn = findFunction(loadTemplate(ROUTES_TEMPLATE), 'FaultsFunction');
let taskRoot: string;
beforeAll(async () => {
  taskRoot = (await buildFunction(fn, outdir)).outdir;
});

function chattyRuntime(output: string[]): FunctionRuntime {
  return new FunctionRuntime({ fn, taskRoot, environment: {}, onOutput: (line) => output.push(line) });
}

const chatty = (lines: number): unknown => ({ pathParameters: { kind: 'chatty' }, queryStringParameters: { lines } });

describe('closing an environment', () => {
  it('keeps every line the function wrote, the last one too, in twenty runs in a row', async () => {
    for (let run = 0; run < 20; run++) {
      const output: string[] = [];
      const runtime = chattyRuntime(output);
      const outcome = await runtime.invoke(chatty(8));
      await runtime.close();
      expect({ run, outcome: outcome.kind, output }).toEqual({
        run,
        outcome: 'result',
        output: Array.from({ length: 8 }, (_, i) => `line ${i + 1} of 8`),
      });
    }
  });

  it('keeps a large output whole (more than a pipe buffer)', async () => {
    const output: string[] = [];
    const runtime = chattyRuntime(output);
    await runtime.invoke(chatty(5000));
    await runtime.close();
    expect(output).toHaveLength(5000);
    expect(output.at(-1)).toBe('line 5000 of 5000');
  });

  it('ends the worker process before close() resolves', async () => {
    const output: string[] = [];
    const runtime = chattyRuntime(output);
    const first = await runtime.invoke({ pathParameters: { kind: 'ok' } });
    const { pid } = JSON.parse((first as { result: { body: string } }).result.body) as { pid: number };
    await runtime.close();
    expect(isRunning(pid)).toBe(false);
  });

  // A debugging environment starts again whenever its worker ends (so a debugger can reattach): closing must not.
  it('ends a debugging environment for good: no worker starts again after close()', async () => {
    const output: string[] = [];
    const port = await freePort();
    const runtime = new FunctionRuntime({
      fn,
      taskRoot,
      environment: {},
      onOutput: (line) => output.push(line),
      nodeFlags: [`--inspect=127.0.0.1:${port}`],
      debugging: true,
    });
    runtime.prestart();
    const first = await runtime.invoke({ pathParameters: { kind: 'ok' } });
    const { pid } = JSON.parse((first as { result: { body: string } }).result.body) as { pid: number };
    // Past the first second, an exit counts as one to restart after (a quicker one is taken for a start-up failure).
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await runtime.close();
    expect(isRunning(pid)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(output.filter((line) => line.startsWith('Debugger listening on'))).toHaveLength(1);
    expect(await runtime.invoke({ pathParameters: { kind: 'ok' } })).toMatchObject({ kind: 'unavailable' });
  });
});
