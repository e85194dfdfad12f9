// Local layers on the module path as /opt/nodejs/node_modules is on Lambda (issue 19): a layer used as it is and
// one built by the npm builder (BuildMethod nodejs24.x), for require() and for an ES module's bare import; a layer
// given by ARN is named in one line at start-up, never silently dropped.
import { httpRequest } from '../helpers/local-api';
import {
  copyProject,
  getEvent,
  invokeProject,
  serveProject,
  startLambdaApi,
  type ProjectCopy,
} from '../helpers/project';
import type { TestApi } from '../../src/http/test-api';

let project: ProjectCopy;
let running: TestApi;
beforeAll(async () => {
  project = copyProject('layer-api');
  running = await serveProject(project);
});
afterAll(async () => {
  await running.stop();
  project.remove();
});

const BOTH_LAYERS = { greeting: 'Hello, Ada, from a layer', slug: 'layers-work' };
const ESM = { greeting: 'Hello, Grace, from a layer' };
const ARN_LINE =
  'HelloLayersFunction: layer arn:aws:lambda:us-east-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:41 ' +
  'cannot be fetched offline (given by ARN or not local); the function runs without it';

describe('start-api with local layers', () => {
  it('finds packages of both layers with require()', async () => {
    const res = await httpRequest(running.api.url, '/hello');
    expect([res.status, res.json()]).toEqual([200, BOTH_LAYERS]);
  });

  it('lets an ES module import a layer package by its bare name', async () => {
    const res = await httpRequest(running.api.url, '/hello-esm');
    expect([res.status, res.json()]).toEqual([200, ESM]);
  });

  it('says once that the layer given by ARN cannot be fetched', () => {
    expect(running.lines.filter((line) => line.includes('cannot be fetched offline'))).toEqual([ARN_LINE]);
  });
});

describe('invoke and start-lambda with local layers', () => {
  it('invoke runs with the layers and names the ARN layer on stderr', () => {
    const run = invokeProject(project, 'HelloLayersFunction', getEvent('/hello'));
    const result = run.result() as { statusCode: number; body: string };
    expect([run.status, result.statusCode, JSON.parse(result.body)]).toEqual([0, 200, BOTH_LAYERS]);
    expect(run.stderr).toContain(ARN_LINE);
  });

  it('start-lambda runs both functions with their layers', async () => {
    const lambda = await startLambdaApi(project);
    try {
      const both = await lambda.invoke('HelloLayersFunction', getEvent('/hello'));
      expect(JSON.parse((both.body as { body: string }).body)).toEqual(BOTH_LAYERS);
      const esm = await lambda.invoke('HelloEsmLayersFunction', getEvent('/hello-esm'));
      expect(JSON.parse((esm.body as { body: string }).body)).toEqual(ESM);
    } finally {
      await lambda.stop();
    }
  });
});
