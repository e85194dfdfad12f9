// HTTP APIs (API Gateway v2) over real HTTP: the http-api fixture (SAM HttpApi events only, the implicit
// ServerlessHttpApi on $default and StagedApi on stage dev), each case naming its source.
import { join } from 'node:path';
import { TOOLKIT_DIR } from '../helpers/paths';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';
import { HTTP_API_SOURCES as SOURCES } from './http-api-sources';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'http-api', 'template.yaml');
type Init = Parameters<typeof httpRequest>[2];
type Event = Record<string, unknown> & {
  headers: Record<string, string>;
  requestContext: Record<string, unknown> & { http: Record<string, string> };
};

let running: RunningApi;
const request = (path: string, init: Init = {}): Promise<HttpResult> => httpRequest(running.api.url, path, init);
async function eventFor(path: string, init: Init = {}): Promise<Event> {
  const response = await request(path, init);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
  return response.json() as Event;
}
const respondWith = (result: unknown): Promise<HttpResult> =>
  request('/echo', {
    method: 'POST',
    headers: [
      ['x-respond-with', 'body'],
      ['Content-Type', 'application/json'],
    ],
    body: JSON.stringify(result),
  });

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeAll(async () => {
  running = await startTestApi({ templatePath: TEMPLATE });
});
afterAll(async () => {
  await running?.stop();
});

describe(`the payload 2.0 event (${SOURCES.payload})`, () => {
  it('version, routeKey, rawPath, rawQueryString, joined query and headers, cookies, requestContext.http, time', async () => {
    const event = await eventFor('/items/42?a=1&a=2&b=x%20y', {
      headers: [
        ['X-Multi', 'one'],
        ['x-multi', 'two'],
        ['Cookie', 'session=abc; theme=dark'],
        ['User-Agent', 'conformance/1'],
      ],
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: 'a=1&a=2&b=x%20y',
      queryStringParameters: { a: '1,2', b: 'x y' },
      cookies: ['session=abc', 'theme=dark'],
      pathParameters: { id: '42' },
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({
      'x-multi': 'one,two',
      'user-agent': 'conformance/1',
      'x-forwarded-for': '127.0.0.1',
    });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(event.requestContext).toMatchObject({
      routeKey: 'GET /items/{id}',
      stage: '$default',
      http: {
        method: 'GET',
        path: '/items/42',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'conformance/1',
      },
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    // No body, no stage variables on $default: the keys are absent, not null.
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('stageVariables');
  });

  it(`the path arrives decoded, the query string as sent (${SOURCES.decodedPath}; ${SOURCES.rawQuery})`, async () => {
    const event = await eventFor('/items/a%20b?q=%2B1');
    expect(event.rawPath).toBe('/items/a b');
    expect(event.pathParameters).toEqual({ id: 'a b' });
    expect(event.rawQueryString).toBe('q=%2B1');
    expect(event.queryStringParameters).toEqual({ q: '+1' });
  });

  it(`a form post and a body without Content-Type arrive base64; JSON as text (${SOURCES.bodyEncoding})`, async () => {
    const form = await eventFor('/echo', {
      method: 'POST',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'a=1',
    });
    const json = await eventFor('/echo', {
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: '{"a":1}',
    });
    const none = await eventFor('/echo', { method: 'POST', body: 'raw' });
    expect([form.body, form.isBase64Encoded]).toEqual(['YT0x', true]);
    expect([json.body, json.isBase64Encoded]).toEqual(['{"a":1}', false]);
    expect([none.body, none.isBase64Encoded]).toEqual([Buffer.from('raw').toString('base64'), true]);
  });

  it(`requestContext.requestId is the response's apigw-requestid`, async () => {
    const response = await request('/items/1');
    const event = response.json() as Event;
    expect(response.headers['apigw-requestid']).toBe(event.requestContext.requestId);
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });
});

describe(`routes (${SOURCES.routes})`, () => {
  it.each([
    ['/items/42', 'GET /items/{id}'],
    ['/items/special', 'GET /items/special'],
    ['/files/a/b/c.txt', 'ANY /files/{proxy+}'],
    ['/anything/else', '$default'],
    ['/', '$default'],
  ])('GET %s → %s', async (path, routeKey) => {
    expect((await eventFor(path)).routeKey).toBe(routeKey);
  });

  it('a method a route does not define falls to $default', async () => {
    const event = await eventFor('/items/42', { method: 'DELETE' });
    expect(event.routeKey).toBe('$default');
    expect(event).not.toHaveProperty('pathParameters');
  });

  it(`a greedy path parameter spans the rest of the path`, async () => {
    expect((await eventFor('/files/a/b/c.txt', { method: 'PUT' })).pathParameters).toEqual({ proxy: 'a/b/c.txt' });
  });
});

describe(`a named stage (${SOURCES.stages})`, () => {
  it('is served under its name, with its stage variables; rawPath keeps the stage', async () => {
    const event = await eventFor('/dev/anything');
    expect(event).toMatchObject({
      routeKey: 'ANY /{proxy+}',
      rawPath: '/dev/anything',
      stageVariables: { color: 'blue' },
      pathParameters: { proxy: 'anything' },
    });
    expect(event.requestContext).toMatchObject({ stage: 'dev', http: { path: '/dev/anything' } });
  });

  it(`a route with PayloadFormatVersion 1.0 gets the 1.0 event (${SOURCES.payload})`, async () => {
    const event = await eventFor('/dev/v1/Ada%20L?x=1&x=2');
    expect(event).toMatchObject({
      version: '1.0',
      resource: '/v1/{name}',
      path: '/dev/v1/Ada L',
      httpMethod: 'GET',
      pathParameters: { name: 'Ada L' },
      queryStringParameters: { x: '2' },
      multiValueQueryStringParameters: { x: ['1', '2'] },
      stageVariables: { color: 'blue' },
    });
    expect(event.requestContext).toMatchObject({ stage: 'dev', resourcePath: '/v1/{name}' });
  });

  it(`no route under the stage: 404 {"message":"Not Found"} (${SOURCES.notFound})`, async () => {
    // StagedApi has ANY /{proxy+} but nothing serves the stage root.
    const response = await request('/dev');
    expect(response.status).toBe(404);
    expect(response.text).toBe('{"message":"Not Found"}');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['apigw-requestid']).toMatch(/=$/);
  });
});

describe(`the 2.0 response rules (${SOURCES.inferredResponse})`, () => {
  it.each([
    ['a map without statusCode', { hello: 'world' }, '{"hello":"world"}'],
    ['a string', 'hello', 'hello'],
    ['a number', 3, '3'],
    ['a list', ['hello', 3, true], '["hello",3,true]'],
  ])('%s → 200 application/json with the result as the body', async (_label, result, body) => {
    const response = await respondWith(result);
    expect([response.status, response.headers['content-type'], response.text]).toEqual([200, 'application/json', body]);
  });

  it(`statusCode, headers, cookies as Set-Cookie, a base64 body decoded (${SOURCES.payload})`, async () => {
    const response = await respondWith({
      statusCode: 201,
      headers: { 'content-type': 'application/octet-stream', 'x-custom': 'yes' },
      cookies: ['a=1; Path=/', 'b=2'],
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
      isBase64Encoded: true,
    });
    expect(response.status).toBe(201);
    expect(response.headers['x-custom']).toBe('yes');
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2']);
    expect([...response.body]).toEqual([0, 1, 2, 255]);
  });

  it(`a malformed result: 500 {"message":"Internal Server Error"} and the reason in the terminal (${SOURCES.internalError})`, async () => {
    const mark = running.lines.length;
    const response = await respondWith({ statusCode: 'test' });
    expect(response.status).toBe(500);
    expect(response.text).toBe('{"message":"Internal Server Error"}');
    expect(response.headers['apigw-requestid']).toBeDefined();
    expect(response.headers['x-amzn-errortype']).toBeUndefined();
    expect(running.lines.slice(mark).join('\n')).toMatch(
      /500: RespondFunction returned a malformed payload 2\.0 response: statusCode/,
    );
  });

  it(`the function throws: 500 (${SOURCES.internalError})`, async () => {
    const response = await request('/items/1', { headers: [['x-respond-with', 'throw']] });
    expect([response.status, response.text]).toEqual([500, '{"message":"Internal Server Error"}']);
  });
});

describe(`the integration timeout (${SOURCES.unavailable}; ${SOURCES.quotas})`, () => {
  it('a function slower than TimeoutInMillis: 503 {"message":"Service Unavailable"}; a quick one is served', async () => {
    const slow = await request('/dev/slow?ms=2000');
    expect(slow.status).toBe(503);
    expect(slow.text).toBe('{"message":"Service Unavailable"}');
    expect(slow.headers['apigw-requestid']).toBeDefined();
    // The invocation runs on in its environment, as on AWS; once it has finished, the next request is served.
    await until(() =>
      running.lines.some((line) => line.includes('SlowFunction finished after its integration timed out')),
    );
    const quick = await request('/dev/slow?ms=1');
    expect([quick.status, quick.text]).toEqual([200, 'slept 1 ms']);
  });
});

describe(`CORS (${SOURCES.cors})`, () => {
  it('the API answers the preflight itself (204) with the configured headers, for any path of the stage', async () => {
    const response = await request('/dev/no/such/route', {
      method: 'OPTIONS',
      headers: [
        ['Origin', 'https://app.example'],
        ['Access-Control-Request-Method', 'POST'],
      ],
    });
    expect(response.status).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,x-custom',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
    });
    expect(running.output.join('\n')).not.toMatch(/"OPTIONS"/);
  });

  it('an allowed Origin gets the headers on the response; another Origin gets none', async () => {
    const allowed = await request('/dev/x', { headers: [['Origin', 'https://app.example']] });
    const other = await request('/dev/x', { headers: [['Origin', 'https://evil.example']] });
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example',
      'access-control-expose-headers': 'x-request-note',
      'access-control-allow-credentials': 'true',
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("the function's own CORS headers are replaced by the API's", async () => {
    const response = await request('/dev/echo', {
      method: 'POST',
      headers: [
        ['Origin', 'https://app.example'],
        ['x-respond-with', 'body'],
        ['Content-Type', 'application/json'],
      ],
      body: JSON.stringify({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: 'x' }),
    });
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
  });

  it('an API without CORS passes an OPTIONS request to its route', async () => {
    const event = await eventFor('/files/x', {
      method: 'OPTIONS',
      headers: [
        ['Origin', 'https://app.example'],
        ['Access-Control-Request-Method', 'GET'],
      ],
    });
    expect(event.requestContext.http.method).toBe('OPTIONS');
  });
});

describe(`limits (${SOURCES.quotas})`, () => {
  it('a body over 10 MB: 413 before anything runs', async () => {
    const response = await request('/echo', { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61) });
    expect(response.status).toBe(413);
    expect(response.text).toBe('{"message":"Request Entity Too Large"}');
  });

  it("an event over Lambda's 6 MB: 413, the function not invoked", async () => {
    const response = await request('/echo', {
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: Buffer.alloc(7 * 1024 * 1024, 0x61),
    });
    expect(response.status).toBe(413);
  });
});
