// generate-event builds, without serving, the event the local API builds for the same request: the same route,
// path parameters, stage and request context. Checked against the event the echo function actually received.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RestProxyEvent } from '../../src/api-gateway/request-event';
import { generateEvent, NoRouteError } from '../../src/api-gateway/generate-event';
import { loadTemplate } from '../../src/template/template';
import { ROUTES_TEMPLATE, startTestApi, type RunningApi } from '../helpers/local-api';
import { SAM_LOCAL_BIN } from '../helpers/paths';
import { rawExchange, rawRequest } from '../helpers/raw-http';

const loaded = loadTemplate(ROUTES_TEMPLATE);
let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: ROUTES_TEMPLATE });
});
afterAll(() => running.stop());

/** The event apart from what differs on every request: ids, times and the trace header. */
function withoutIdsAndTimes(event: RestProxyEvent): unknown {
  const { requestId, extendedRequestId, requestTime, requestTimeEpoch, ...context } = event.requestContext;
  void [requestId, extendedRequestId, requestTime, requestTimeEpoch];
  const dropTrace = <T>(map: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(map).filter(([name]) => name.toLowerCase() !== 'x-amzn-trace-id'));
  return {
    ...event,
    headers: dropTrace(event.headers),
    multiValueHeaders: dropTrace(event.multiValueHeaders),
    requestContext: context,
  };
}

/** Sends the request byte for byte and returns the event the echo function received. */
async function servedEvent(
  method: string,
  target: string,
  headers: Array<[string, string]>,
  body = '',
): Promise<RestProxyEvent> {
  const lines = headers.map(([name, value]) => `${name}: ${value}`);
  const exchange = await rawExchange(running.api.port, [rawRequest(`${method} ${target} HTTP/1.1`, lines, body)], {
    responses: 1,
  });
  const [response] = exchange.responses;
  if (response?.status !== 200) throw new Error(`${method} ${target}: ${response?.status} ${response?.text}`);
  return (JSON.parse(response.text) as { event: RestProxyEvent }).event;
}

describe('generateEvent', () => {
  it.each([
    ['a path parameter', 'GET', '/test/items/42?tag=a&tag=b&empty=', ''],
    ['a greedy path', 'GET', '/test/files/docs/2026/report%20final.pdf', ''],
    ['an ANY route with a body', 'POST', '/test/echo', '{"hello":"world"}'],
    ['the implicit API (stage Prod)', 'GET', '/Prod/implicit', ''],
  ])('builds the event the local API hands the function for %s', async (_, method, target, body) => {
    const headers: Array<[string, string]> = [
      ['Host', `127.0.0.1:${running.api.port}`],
      ['Accept', 'application/json'],
      ['X-Custom', 'one'],
      ['x-custom', 'two'],
      ...(body
        ? ([
            ['Content-Type', 'application/json'],
            ['Content-Length', String(body.length)],
          ] as Array<[string, string]>)
        : []),
    ];
    const served = await servedEvent(method, target, headers, body);
    const generated = generateEvent({
      loaded,
      method,
      target: `http://127.0.0.1:${running.api.port}${target}`,
      headers,
      body: Buffer.from(body),
    });
    expect(withoutIdsAndTimes(generated)).toEqual(withoutIdsAndTimes(served));
  });

  it('models a path as a request to the deployed API: https on 443, its execute-api Host, the stage', () => {
    const event = generateEvent({ loaded, method: 'get', target: '/test/items/7?x=1' });
    const host = `${event.requestContext.apiId}.execute-api.us-east-1.amazonaws.com`;
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/7',
      httpMethod: 'GET',
      pathParameters: { id: '7' },
      stageVariables: { color: 'blue' },
      queryStringParameters: { x: '1' },
      headers: {
        Host: host,
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-Port': '443',
        'X-Forwarded-For': '203.0.113.10',
      },
      requestContext: { stage: 'test', path: '/test/items/7', resourcePath: '/items/{id}', domainName: host },
    });
  });

  it('refuses a request no route serves, naming the routes it has', () => {
    expect(() => generateEvent({ loaded, method: 'GET', target: '/test/nope' })).toThrow(NoRouteError);
    expect(() => generateEvent({ loaded, method: 'DELETE', target: '/test/items/1' })).toThrow(
      /No route for DELETE \/test\/items\/1 in .*template\.yaml \(API Gateway would answer 403 Missing Authentication Token\)\. Its routes: GET \/test\/items\/\{id\}, ANY \/test\/files\/\{proxy\+\}/,
    );
    expect(() => generateEvent({ loaded, method: 'GET', target: '/test/items/%E0%A4%A' })).toThrow(
      /malformed percent-encoding/,
    );
  });
});

describe('sam-local generate-event', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'generate-event-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(
      process.execPath,
      [SAM_LOCAL_BIN, 'generate-event', '--template', ROUTES_TEMPLATE, ...args],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('writes the event to --out, with -H headers and a --body', () => {
    const out = join(scratch, 'files.json');
    const result = run('PUT', '/test/files/a/b.txt', '-H', 'Content-Type: text/plain', '--body', 'hi', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`Wrote ${out} (PUT /test/files/a/b.txt → /files/{proxy+})`);
    const event = JSON.parse(readFileSync(out, 'utf8')) as RestProxyEvent;
    expect(event).toMatchObject({
      httpMethod: 'PUT',
      pathParameters: { proxy: 'a/b.txt' },
      headers: { 'Content-Type': 'text/plain' },
      body: 'hi',
      isBase64Encoded: false,
    });
    // The Content-Length the request carried is one of the headers API Gateway drops (docs/conformance.md).
    expect(Object.keys(event.headers).map((name) => name.toLowerCase())).not.toContain('content-length');
  });

  it('exits 2 with the reason for an unknown route or a malformed header', () => {
    const unknown = run('GET', '/test/nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/No route for GET \/test\/nope/);
    const badHeader = run('GET', '/test/echo', '-H', 'no colon');
    expect(badHeader.status).toBe(2);
    expect(badHeader.stderr).toMatch(/Header "no colon" is not "Name: value"/);
  });
});
