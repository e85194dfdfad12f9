// Fixture projects of each code shape real SAM projects have (issue 19), each served by start-api, invoked by
// invoke and by start-lambda, answering as under `sam local`: the web backend without CodeUri (nested .mjs
// handlers), an ES module under "type": "module" with top-level await and a nested export path, esbuild ES module
// and CommonJS builds in a "type": "module" project, and a pre-built dist/. The sources each fixture is modelled on are named in its template.yaml.
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

interface Case {
  functionId: string;
  path: string;
  event: Record<string, unknown>;
  status: number;
  body: unknown;
}

const PROJECTS: Record<string, Case[]> = {
  'web-backend': [
    {
      functionId: 'getAllItemsFunction',
      path: '/',
      event: getEvent('/'),
      status: 200,
      body: {
        table: 'items',
        items: [
          { id: 'id1', name: 'name1' },
          { id: 'id2', name: 'name2' },
        ],
      },
    },
    {
      functionId: 'getByIdFunction',
      path: '/id2',
      event: getEvent('/id2', { resource: '/{id}', pathParameters: { id: 'id2' } }),
      status: 200,
      body: { id: 'id2', name: 'name2' },
    },
  ],
  'esm-module': [
    {
      functionId: 'GetConfigFunction',
      path: '/config',
      event: getEvent('/config'),
      status: 200,
      body: { greeting: 'configured at init', moduleType: 'esm' },
    },
    {
      functionId: 'LegacyFunction',
      path: '/legacy',
      event: getEvent('/legacy'),
      status: 200,
      body: { moduleType: 'cjs' },
    },
  ],
  'esbuild-esm': [
    {
      functionId: 'EsmFunction',
      path: '/esm',
      event: getEvent('/esm'),
      status: 200,
      body: { format: 'esm with a require banner', startedAt: 'number' },
    },
    {
      functionId: 'CjsFunction',
      path: '/cjs',
      event: getEvent('/cjs'),
      status: 200,
      body: { format: 'cjs' },
    },
  ],
  'prebuilt-dist': [
    {
      functionId: 'UserApiFunction',
      path: '/users/42',
      event: getEvent('/users/42', { resource: '/users/{id}', pathParameters: { id: '42' } }),
      status: 200,
      body: { id: '42', name: 'User 42', environment: 'dev', builtBy: 'build.mjs' },
    },
  ],
};

describe.each(Object.entries(PROJECTS))('the %s project', (name, cases) => {
  let project: ProjectCopy;
  let running: TestApi;
  let lambda: LambdaApiOnProject;
  beforeAll(async () => {
    project = copyProject(name);
    running = await serveProject(project);
    lambda = await startLambdaApi(project);
  });
  afterAll(async () => {
    await running.stop();
    await lambda.stop();
    project.remove();
  });

  it.each(cases)('start-api answers GET $path from $functionId', async ({ path, status, body }) => {
    const res = await httpRequest(running.api.url, path);
    expect([res.status, res.json()]).toEqual([status, body]);
  });

  it.each(cases)('invoke runs $functionId', ({ functionId, event, status, body }) => {
    const run = invokeProject(project, functionId, event);
    expect(run.stderr).not.toMatch(/failed|Error/);
    const result = run.result() as { statusCode: number; body: string };
    expect([run.status, result.statusCode, JSON.parse(result.body)]).toEqual([0, status, body]);
  });

  it.each(cases)('start-lambda invokes $functionId', async ({ functionId, event, status, body }) => {
    const answer = await lambda.invoke(functionId, event);
    const result = answer.body as { statusCode: number; body: string };
    expect([answer.status, result.statusCode, JSON.parse(result.body)]).toEqual([200, status, body]);
  });
});
