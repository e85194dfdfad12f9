// generate-event for HTTP API routes builds, without serving, the payload 2.0 (or 1.0) event the local server
// hands the function for the same request: checked against the event the respond function actually received.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { generateHttpApiEvent } from '../../src/http-api/generate-event';
import { generateAnyEvent } from '../../src/http/generate-any-event';
import { NoRouteError } from '../../src/pipeline/generated-request';
import { loadTemplate } from '../../src/template/template';
import { httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';
import { SAM_LOCAL_BIN, TOOLKIT_DIR } from '../helpers/paths';

const fixture = (name: string): string => join(TOOLKIT_DIR, 'test', 'fixtures', name, 'template.yaml');
const loaded = loadTemplate(fixture('http-api'));
let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: fixture('http-api') });
});
afterAll(() => running.stop());

type Event = Record<string, unknown> & { headers: Record<string, string>; requestContext: Record<string, unknown> };

/** The event apart from what differs on every request: ids, times, the trace header. */
function stable(event: Event): unknown {
  const { requestId, time, timeEpoch, requestTime, requestTimeEpoch, extendedRequestId, ...context } =
    event.requestContext;
  void [requestId, time, timeEpoch, requestTime, requestTimeEpoch, extendedRequestId];
  const drop = (map: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(map).filter(([name]) => name !== 'x-amzn-trace-id'));
  return {
    ...event,
    headers: drop(event.headers),
    ...(event.multiValueHeaders ? { multiValueHeaders: drop(event.multiValueHeaders as Record<string, unknown>) } : {}),
    requestContext: context,
  };
}

describe('generateHttpApiEvent', () => {
  it.each([
    ['a path parameter (2.0)', 'GET', '/items/42?tag=a&tag=b', ''],
    ['the $default route', 'DELETE', '/anything/here', ''],
    ['a body', 'POST', '/echo', '{"hello":"world"}'],
    ['a named stage with payload 1.0', 'GET', '/dev/v1/Ada%20L?x=1', ''],
  ])('builds the event the server hands the function for %s', async (_label, method, target, body) => {
    const headers: Array<[string, string]> = [
      ['Host', `127.0.0.1:${running.api.port}`],
      ['Accept', 'application/json'],
      ['Cookie', 'a=1; b=2'],
      ...(body ? ([['Content-Type', 'application/json']] as Array<[string, string]>) : []),
    ];
    const served = await httpRequest(running.api.url, target, {
      method,
      headers: [...headers, ...(body ? ([['Content-Length', String(body.length)]] as Array<[string, string]>) : [])],
      ...(body ? { body } : {}),
    });
    expect(served.status).toBe(200);
    const generated = generateHttpApiEvent({
      loaded,
      method,
      target: `${running.api.url}${target}`,
      headers,
      ...(body ? { body: Buffer.from(body) } : {}),
    });
    expect(stable(generated as unknown as Event)).toEqual(stable(served.json() as Event));
  });

  it('a path is a request to the deployed API: https, port 443, the execute-api host, a documentation client address', () => {
    const event = generateHttpApiEvent({ loaded, method: 'get', target: '/items/7' }) as unknown as Event;
    expect(event.headers).toMatchObject({
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
      'x-forwarded-for': '203.0.113.10',
    });
    expect(String(event.headers.host)).toMatch(/^[0-9a-f]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
    expect(event.requestContext).toMatchObject({
      routeKey: 'GET /items/{id}',
      domainPrefix: String(event.headers.host).split('.')[0],
    });
  });

  it('a request no route takes is refused, listing the routes; so is a malformed path or target', () => {
    expect(() => generateHttpApiEvent({ loaded, method: 'GET', target: '/dev' })).toThrow(NoRouteError);
    expect(() => generateHttpApiEvent({ loaded, method: 'GET', target: '/dev' })).toThrow(
      /No HTTP API route for GET \/dev .*404 Not Found\)\. Its routes: GET \/items\/\{id\}, .*\$default, ANY \/dev\/\{proxy\+\}/,
    );
    expect(() => generateHttpApiEvent({ loaded, method: 'GET', target: '/items/%E0%A4%A' })).toThrow(
      /malformed percent-encoding/,
    );
    expect(() => generateHttpApiEvent({ loaded, method: 'GET', target: 'items' })).toThrow(/neither a path/);
    expect(() =>
      generateHttpApiEvent({ loaded: loadTemplate(fixture('conformance-api')), method: 'GET', target: '/x' }),
    ).toThrow(/defines no HTTP API routes/);
  });
});

describe('generateAnyEvent: the source start-api would hand the request to', () => {
  const mixed = loadTemplate(fixture('mixed-api'));
  it.each([
    ['/hello', 'http-api'],
    ['/Prod/hello', 'rest-api'],
    ['/only-rest', 'rest-api'],
  ])('%s → %s', (target, source) => {
    expect(generateAnyEvent({ loaded: mixed, method: 'GET', target }).source).toBe(source);
  });

  it('a path nobody routes: the HTTP API answers it (its $default stage), so its error', () => {
    expect(() => generateAnyEvent({ loaded: mixed, method: 'GET', target: '/nowhere' })).toThrow(/No HTTP API route/);
  });

  it('REST-only and HTTP-only templates go to their one source; a template with neither is refused', () => {
    expect(
      generateAnyEvent({ loaded: loadTemplate(fixture('conformance-api')), method: 'GET', target: '/dev/x' }).source,
    ).toBe('rest-api');
    expect(generateAnyEvent({ loaded, method: 'GET', target: '/x' }).source).toBe('http-api');
    expect(() =>
      generateAnyEvent({ loaded: loadTemplate(fixture('nothing-to-serve')), method: 'GET', target: '/' }),
    ).toThrow(/defines no Api or HttpApi events/);
  });
});

describe('sam-local generate-event on an HTTP API template', () => {
  it('prints the 2.0 event of the route', () => {
    const result = spawnSync(
      process.execPath,
      [SAM_LOCAL_BIN, 'generate-event', 'GET', '/items/9', '--template', fixture('http-api')],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      pathParameters: { id: '9' },
    });
  });
});
