// Which Node runs a function: the template's major when one can be found (how: see nodeFor), else the toolkit's own
// Node, said once at start-up.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunction } from '../../src/lambda/build';
import { nodeFor } from '../../src/lambda/node-binary';
import { FunctionRuntime } from '../../src/lambda/runtime';
import { findFunction } from '../../src/template/functions';
import { loadTemplate } from '../../src/template/template';
import { ROUTES_TEMPLATE, startTestApi } from '../helpers/local-api';

const scratch = mkdtempSync(join(tmpdir(), 'node-binary-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const hostMajor = Number(/^v(\d+)/.exec(process.version)![1]);

/** An executable that answers --version with `version` and otherwise runs the real node, marking its children. */
function fakeNode(path: string, version: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(
    path,
    `#!/bin/sh\nif [ "$1" = "--version" ]; then echo ${version}; exit 0; fi\nexport WRAPPED=${version}\nexec "${process.execPath}" "$@"\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

describe('choosing the Node for a runtime', () => {
  it('takes the toolkit’s own Node when its major is the template’s', () => {
    expect(nodeFor(`nodejs${hostMajor}.x`, { PATH: '', HOME: scratch })).toMatchObject({
      execPath: process.execPath,
      exact: true,
    });
  });

  it('finds a Node of the template’s major where a version manager installed it', () => {
    const home = join(scratch, 'home-nvm');
    const node = fakeNode(join(home, '.nvm', 'versions', 'node', 'v77.1.0', 'bin', 'node'), 'v77.1.0');
    fakeNode(join(home, '.nvm', 'versions', 'node', 'v76.0.0', 'bin', 'node'), 'v76.0.0');
    expect(nodeFor('nodejs77.x', { PATH: '', HOME: home })).toMatchObject({
      execPath: node,
      version: 'v77.1.0',
      exact: true,
    });
  });

  it('finds the Node that `npx -y -p node@<major>` left in npm’s cache', () => {
    const home = join(scratch, 'home-npx');
    const node = fakeNode(join(home, '.npm', '_npx', '0123abcd', 'node_modules', 'node', 'bin', 'node'), 'v78.2.1');
    expect(nodeFor('nodejs78.x', { PATH: '', HOME: home })).toMatchObject({ execPath: node, exact: true });
  });

  it('without one, runs on the toolkit’s Node and says how to get the right one', () => {
    const choice = nodeFor('nodejs79.x', { PATH: '', HOME: join(scratch, 'empty') });
    expect(choice).toMatchObject({ execPath: process.execPath, exact: false });
    expect(choice.summary).toMatch(
      /no Node 79 was found\. Point SAM_LOCAL_NODE at one, or fetch one with `npx -y -p node@79 node -v`/,
    );
  });

  it('SAM_LOCAL_NODE wins, and the environment really runs on it', async () => {
    const node = fakeNode(join(scratch, 'explicit', 'node'), 'v80.0.0');
    const choice = nodeFor('nodejs80.x', { SAM_LOCAL_NODE: node, PATH: '', HOME: scratch });
    expect(choice).toMatchObject({ execPath: node, exact: true });
    const fn = findFunction(loadTemplate(ROUTES_TEMPLATE), 'FaultsFunction');
    const { outdir } = await buildFunction(fn, join(scratch, 'build'));
    const runtime = new FunctionRuntime({
      fn,
      taskRoot: outdir,
      environment: {},
      onOutput: () => undefined,
      execPath: node,
    });
    try {
      const outcome = await runtime.invoke({ pathParameters: { kind: 'node' } });
      expect(JSON.parse((outcome as { result: { body: string } }).result.body)).toEqual({
        version: process.version,
        wrapped: 'v80.0.0',
      });
    } finally {
      await runtime.close();
    }
  });

  it('refuses a SAM_LOCAL_NODE that is not a node executable, naming it', () => {
    expect(() => nodeFor('nodejs81.x', { SAM_LOCAL_NODE: join(scratch, 'nope') })).toThrow(
      /SAM_LOCAL_NODE=.*nope is not a node executable/,
    );
  });
});

describe('start-api', () => {
  it('says once which Node runs the template’s runtime (two functions on nodejs24.x, one line)', async () => {
    const running = await startTestApi({ templatePath: ROUTES_TEMPLATE });
    try {
      expect(running.lines.filter((line) => line.startsWith('nodejs24.x functions run on Node'))).toHaveLength(1);
    } finally {
      await running.stop();
    }
  });
});
