// Local builds carry source maps, so a local stack trace names the TypeScript line; the SAM-equivalent build (what
// `sam build` produces and what is deployed) has none unless the template's Sourcemap asks for one.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildFunction } from '../../src/lambda/build';
import { FunctionRuntime, type InvokeOutcome } from '../../src/lambda/runtime';
import { findFunction } from '../../src/template/functions';
import { loadTemplate } from '../../src/template/template';
import { ROUTES_TEMPLATE } from '../helpers/paths';
import { lineOf } from '../helpers/source-map-breakpoints';

const scratch = mkdtempSync(join(tmpdir(), 'source-maps-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const fn = findFunction(loadTemplate(ROUTES_TEMPLATE), 'FaultsFunction');
const source = join(fn.codeDir, 'faults.ts');

async function thrownBy(handlerPath: string, nodeFlags: string[]): Promise<InvokeOutcome> {
  const taskRoot = dirname(handlerPath);
  const runtime = new FunctionRuntime({ fn, taskRoot, environment: {}, onOutput: () => undefined, nodeFlags });
  try {
    return await runtime.invoke({ pathParameters: { kind: 'throw' } });
  } finally {
    await runtime.close();
  }
}

describe('source maps', () => {
  it('are left out of the SAM-equivalent build', async () => {
    const { handlerPath } = await buildFunction(fn, join(scratch, 'sam'));
    expect(readFileSync(handlerPath, 'utf8')).not.toContain('sourceMappingURL');
    expect(existsSync(`${handlerPath}.map`)).toBe(false);
  });

  it('map a local run’s stack trace to the TypeScript line that threw', async () => {
    const { handlerPath } = await buildFunction(fn, join(scratch, 'local'), { localSourceMaps: true });
    expect(readFileSync(handlerPath, 'utf8')).toMatch(/\/\/# sourceMappingURL=faults\.js\.map\s*$/);
    const map = JSON.parse(readFileSync(`${handlerPath}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources.some((file) => file.endsWith('faults.ts'))).toBe(true);

    const outcome = await thrownBy(handlerPath, ['--enable-source-maps']);
    if (outcome.kind !== 'error') throw new Error(`expected an error, got ${outcome.kind}`);
    const line = lineOf(source, "throw new Error('thrown on purpose');");
    // The TypeScript file where Lambda would show it: under /var/task (CodeUri is the folder it is in).
    expect(outcome.stackTrace[1]).toContain(`(/var/task/faults.ts:${line}:`);
  });
});
