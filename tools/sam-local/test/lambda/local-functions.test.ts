// The functions as start-api and start-lambda run them: on the Node chosen for the template's runtime, and that
// Node, whichever it is, started with the local build's --enable-source-maps and the --inspect flag.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalFunctions, type LocalFunctions } from '../../src/lambda/local-functions';
import type { InvokeOutcome } from '../../src/lambda/runtime';
import { findFunction } from '../../src/template/functions';
import { loadTemplate } from '../../src/template/template';
import { freePort } from '../helpers/fixture-copy';
import { ROUTES_TEMPLATE } from '../helpers/paths';
import { lineOf } from '../helpers/source-map-breakpoints';

const scratch = mkdtempSync(join(tmpdir(), 'local-functions-'));
const loaded = loadTemplate(ROUTES_TEMPLATE);
const source = join(findFunction(loaded, 'FaultsFunction').codeDir, 'faults.ts');
// A node of the template's major (nodejs24.x) that is really this one, marking the processes it starts.
const fakeNode = join(scratch, 'node');
writeFileSync(
  fakeNode,
  `#!/bin/sh\nif [ "$1" = "--version" ]; then echo v24.99.0; exit 0; fi\nexport WRAPPED=v24.99.0\nexec "${process.execPath}" "$@"\n`,
);
chmodSync(fakeNode, 0o755);

let functions: LocalFunctions;
let inspectorPort: number;
const output: string[] = [];
const log: string[] = [];
const saved = process.env.SAM_LOCAL_NODE;

beforeAll(async () => {
  process.env.SAM_LOCAL_NODE = fakeNode;
  inspectorPort = await freePort();
  functions = await startLocalFunctions({
    loaded,
    functionIds: ['FaultsFunction'],
    buildDir: join(scratch, 'build'),
    inspector: { host: '127.0.0.1', port: inspectorPort, breakOnStart: false },
    log: (line) => log.push(line),
    functionOutput: (functionId, line) => output.push(`[${functionId}] ${line}`),
  });
});
afterAll(async () => {
  await functions.close();
  if (saved === undefined) delete process.env.SAM_LOCAL_NODE;
  else process.env.SAM_LOCAL_NODE = saved;
  rmSync(scratch, { recursive: true, force: true });
});

function invoke(kind: string): Promise<InvokeOutcome> {
  return functions.pool('FaultsFunction')!.invoke({ pathParameters: { kind } });
}

describe('startLocalFunctions', () => {
  it('runs the worker on the Node chosen for the runtime, and says which', async () => {
    expect(log).toContain(`nodejs24.x functions run on Node v24.99.0 (SAM_LOCAL_NODE=${fakeNode})`);
    const outcome = await invoke('node');
    if (outcome.kind !== 'result') throw new Error(`expected a result, got ${JSON.stringify(outcome)}`);
    expect(JSON.parse((outcome.result as { body: string }).body)).toMatchObject({ wrapped: 'v24.99.0' });
  });

  it('starts that Node with the inspector on the function’s port', () => {
    expect(output.join('\n')).toContain(`Debugger listening on ws://127.0.0.1:${inspectorPort}/`);
  });

  it('starts that Node with --enable-source-maps: a stack trace names the TypeScript line', async () => {
    const outcome = await invoke('throw');
    if (outcome.kind !== 'error') throw new Error(`expected an error, got ${outcome.kind}`);
    const line = lineOf(source, "throw new Error('thrown on purpose');");
    // The TypeScript file where Lambda would show it: under /var/task (CodeUri is the folder it is in).
    expect(outcome.stackTrace[1]).toContain(`(/var/task/faults.ts:${line}:`);
  });
});
