// One function environment (FunctionRuntime) running a plain CommonJS handler written here, no build needed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionRuntime } from '../../src/lambda/runtime';
import { directoryFunction } from '../helpers/function-spec';

const dir = mkdtempSync(join(tmpdir(), 'sam-local-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// About 2 MB of log lines just before the result, far more than a pipe holds: most of it is still on its way
// when the result arrives.
writeFileSync(
  join(dir, 'chatty.js'),
  `exports.handler = async () => {
    for (let i = 0; i < 2000; i++) console.log('line ' + i + ' ' + 'x'.repeat(1000));
    console.error('last line');
    return { ok: true };
  };`,
);

const CHATTY = directoryFunction({ logicalId: 'ChattyFunction', codeDir: dir, handler: 'chatty.handler' });

describe('a function environment', () => {
  // Lambda keeps every line an invocation logged; `sam-local invoke` exits as soon as close() resolves.
  it('passes every line an invocation logged to onOutput before close() resolves', async () => {
    const lines: Array<{ stream: string; line: string }> = [];
    const runtime = new FunctionRuntime({
      fn: CHATTY,
      taskRoot: dir,
      environment: {},
      onOutput: (line, stream) => lines.push({ stream, line }),
    });
    const outcome = await runtime.invoke({});
    await runtime.close();

    expect(outcome).toEqual({ kind: 'result', result: { ok: true } });
    const stdout = lines.filter((l) => l.stream === 'stdout').map((l) => l.line);
    expect(stdout.length).toBe(2000);
    expect(stdout.filter((line, i) => !line.startsWith(`line ${i} `))).toEqual([]);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.line)).toEqual(['last line']);
  });
});
