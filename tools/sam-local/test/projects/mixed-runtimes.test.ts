// A template that mixes a plain-JavaScript Node function (sam init's shape: no build metadata, its own package.json
// and node_modules) with functions sam-local cannot run (Python, an image, a makefile build): the Node functions are
// served by start-api, invoke and start-lambda; each skipped one is named once at start-up, and asking for it gives
// its reason instead of stopping the others (issue 19).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpRequest } from '../helpers/local-api';
import {
  copyProject,
  getEvent,
  invokeProject,
  serveProject,
  startLambdaApi,
  type LambdaApiOnProject,
  type ProjectCopy,
} from '../helpers/project';
import type { TestApi } from '../../src/http/test-api';

let project: ProjectCopy;
beforeAll(() => (project = copyProject('mixed-runtimes')));
afterAll(() => project.remove());

const HELLO = { message: 'Hello World', cwdIsTaskRoot: true, functionName: 'HelloWorldFunction' };

describe('start-api on a template with Python, image and makefile functions beside Node ones', () => {
  let running: TestApi;
  beforeAll(async () => (running = await serveProject(project)));
  afterAll(() => running.stop());

  it('serves the plain-JS function from its CodeUri, with its own node_modules, its folder as cwd', async () => {
    const res = await httpRequest(running.api.url, '/hello');
    expect([res.status, res.json()]).toEqual([200, HELLO]);
  });

  it('runs InlineCode as the index.js CloudFormation writes', async () => {
    const res = await httpRequest(running.api.url, '/Prod/inline');
    expect([res.status, res.json()]).toEqual([200, { inline: true, file: 'index.js', got: '/inline' }]);
  });

  it('gives a nodejs22.x callback handler its callback, as Lambda’s runtimes before Node.js 24 do', async () => {
    const res = await httpRequest(running.api.url, '/legacy');
    expect([res.status, res.json()]).toEqual([200, { style: 'callback' }]);
  });

  it('names each skipped function once, with its reason, at start-up', () => {
    const skipped = running.lines.filter((line) => line.startsWith('Skipping '));
    expect(skipped).toEqual([
      'Skipping HelloPythonFunction: its runtime is python3.13; sam-local runs Node.js functions only. The other functions are served.',
      'Skipping HelloImageFunction: it is an image function (PackageType: Image); sam-local runs .zip functions. The other functions are served.',
      'Skipping MakefileFunction: BuildMethod: makefile is not supported; sam-local builds esbuild functions and runs the others from CodeUri. The other functions are served.',
    ]);
  });

  it('answers a route to a skipped function 502 and says why in the terminal', async () => {
    const res = await httpRequest(running.api.url, '/hello-python');
    expect(res.status).toBe(502);
    expect(running.lines).toContainEqual(
      expect.stringMatching(
        /^502: HelloPythonFunction cannot run: HelloPythonFunction is skipped by sam-local: its runtime is python3\.13/,
      ),
    );
  });
});

describe('invoke on the mixed template', () => {
  it('runs the Node function asked for, whatever the others are', () => {
    const run = invokeProject(project, 'HelloWorldFunction', getEvent('/hello'));
    expect(run.status).toBe(0);
    const result = run.result() as { statusCode: number; body: string };
    expect([result.statusCode, JSON.parse(result.body)]).toEqual([200, HELLO]);
  });

  it('refuses a skipped function with its reason, exit 2', () => {
    const run = invokeProject(project, 'HelloPythonFunction', getEvent('/hello-python'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /HelloPythonFunction cannot run in sam-local: its runtime is python3\.13; sam-local runs Node\.js functions only/,
    );
    expect(run.stdout).toBe('');
  });
});

describe('start-lambda on the mixed template', () => {
  let lambda: LambdaApiOnProject;
  beforeAll(async () => (lambda = await startLambdaApi(project)));
  afterAll(() => lambda.stop());

  it('invokes the Node functions', async () => {
    const hello = await lambda.invoke('HelloWorldFunction', getEvent('/hello'));
    expect(hello.status).toBe(200);
    expect(JSON.parse((hello.body as { body: string }).body)).toEqual(HELLO);
    const inline = await lambda.invoke('InlineFunction', getEvent('/inline'));
    expect(JSON.parse((inline.body as { body: string }).body)).toEqual({
      inline: true,
      file: 'index.js',
      got: '/inline',
    });
  });

  it('answers a skipped function with a function error that gives the reason', async () => {
    const python = await lambda.invoke('HelloPythonFunction', {});
    expect(python.status).toBe(200);
    expect(python.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(python.body).toMatchObject({
      errorMessage: expect.stringMatching(/HelloPythonFunction is skipped by sam-local: its runtime is python3\.13/),
    });
  });
});

describe('start-api watching a function that runs from its CodeUri', () => {
  it('serves an edit of the plain-JS source on the next request, with no build and no type check', async () => {
    const edited = copyProject('mixed-runtimes');
    const running = await serveProject(edited, { watch: true, typeCheck: true });
    try {
      const before = await httpRequest(running.api.url, '/hello');
      expect((before.json() as { message: string }).message).toBe('Hello World');
      const app = join(edited.dir, 'hello-world', 'app.js');
      writeFileSync(app, readFileSync(app, 'utf8').replace("titleCase('hello world')", "titleCase('edited world')"));
      await waitFor(() =>
        running.lines.some((line) => line === 'HelloWorldFunction changed; the next request runs the new code'),
      );
      const after = await httpRequest(running.api.url, '/hello');
      expect((after.json() as { message: string }).message).toBe('Edited World');
      expect(running.lines.filter((line) => line.startsWith('Type check'))).toEqual([]);
    } finally {
      await running.stop();
      edited.remove();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
