// esbuild functions with nested handlers and BuildProperties beyond the usual few (issue 19): the build follows
// SAM's (EntryPoints from the Handler, the Handler rewritten when the output is not where it says, Outbase kept),
// KeepNames, TreeShaking and Define reach esbuild, and every command serves the built code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  project = copyProject('nested-esbuild');
  running = await serveProject(project, { buildDir: join(project.dir, '.aws-sam', 'api-build') });
});
afterAll(async () => {
  await running.stop();
  project.remove();
});

const ITEM = { item: { id: 'id1', name: 'name1' }, handlerName: 'getItemHandler', flavor: 'nested' };

describe('start-api on nested esbuild entry points', () => {
  it('serves the handler SAM rewrites to the top of the artifact, names kept by KeepNames, Define applied', async () => {
    const res = await httpRequest(running.api.url, '/items/id1');
    expect([res.status, res.json()]).toEqual([200, ITEM]);
    const missing = await httpRequest(running.api.url, '/items/nope');
    expect([missing.status, missing.json()]).toEqual([404, { errorClass: 'ItemNotFound' }]);
  });

  it('serves the handler kept in its folder by Outbase', async () => {
    const res = await httpRequest(running.api.url, '/items');
    expect([res.status, res.json()]).toEqual([200, { items: ['id1', 'id2'] }]);
  });

  it('writes the outputs where sam build writes them, tree-shaken and minified as asked', () => {
    const build = join(project.dir, '.aws-sam', 'api-build');
    expect(readdirSync(join(build, 'GetItemFunction')).filter((file) => file.endsWith('.js'))).toEqual(['get-item.js']);
    expect(readdirSync(join(build, 'ListItemsFunction', 'handlers')).filter((f) => f.endsWith('.js'))).toEqual([
      'list-items.js',
    ]);
    const getItem = readFileSync(join(build, 'GetItemFunction', 'get-item.js'), 'utf8');
    expect(getItem).not.toContain('TREE_SHAKEN_AWAY');
    expect(getItem.split('\n').length).toBeLessThan(10);
    const listItems = readFileSync(join(build, 'ListItemsFunction', 'handlers', 'list-items.js'), 'utf8');
    expect(listItems.split('\n').length).toBeGreaterThan(10);
  });
});

describe('invoke and start-lambda on nested esbuild entry points', () => {
  it('invoke runs the rewritten handler', () => {
    const run = invokeProject(project, 'GetItemFunction', getEvent('/items/id1', { pathParameters: { id: 'id1' } }));
    const result = run.result() as { statusCode: number; body: string };
    expect([run.status, result.statusCode, JSON.parse(result.body)]).toEqual([0, 200, ITEM]);
  });

  it('start-lambda runs both', async () => {
    const lambda = await startLambdaApi(project);
    try {
      const got = await lambda.invoke('GetItemFunction', getEvent('/items/id2', { pathParameters: { id: 'id2' } }));
      expect(JSON.parse((got.body as { body: string }).body)).toEqual({
        ...ITEM,
        item: { id: 'id2', name: 'name2' },
      });
      const listed = await lambda.invoke('ListItemsFunction', getEvent('/items'));
      expect(JSON.parse((listed.body as { body: string }).body)).toEqual({ items: ['id1', 'id2'] });
    } finally {
      await lambda.stop();
    }
  });
});
