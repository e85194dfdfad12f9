import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ROUTES_TEMPLATE, httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';

interface Echo {
  version: number;
  invocations: number;
  event: APIGatewayProxyEvent;
  context: Record<string, unknown>;
  env: Record<string, string | null>;
}

let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({
    templatePath: ROUTES_TEMPLATE,
    envVars: { Parameters: { EXTRA: 'for-all', GLOBAL_VAR: 'from-file' }, EchoFunction: { GREETING: 'overridden' } },
  });
});
afterAll(() => running.stop());

async function echo(path: string, init: Parameters<typeof httpRequest>[2] = {}): Promise<Echo> {
  const res = await httpRequest(running.api.url, path, init);
  expect(res.status).toBe(200);
  return res.json() as Echo;
}

describe('the proxy event the local API builds (REST API, payload v1)', () => {
  it('has the resource, paths, stage and request context of the deployed API', async () => {
    const { event } = await echo('/test/items/42');
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      pathParameters: { id: '42' },
      stageVariables: { color: 'blue' },
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      body: null,
      isBase64Encoded: false,
    });
    const context = event.requestContext;
    expect(context).toMatchObject({
      accountId: '123456789012',
      resourcePath: '/items/{id}',
      httpMethod: 'GET',
      path: '/test/items/42',
      stage: 'test',
      protocol: 'HTTP/1.1',
      identity: { sourceIp: '127.0.0.1' },
    });
    expect(context.apiId).toMatch(/^[0-9a-f]{10}$/);
    expect(context.resourceId).toMatch(/^[0-9a-z]{6}$/);
    expect(context.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Math.abs(context.requestTimeEpoch - Date.now())).toBeLessThan(10_000);
    expect(context.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(context.domainName).toBe(new URL(running.api.url).host);
  });

  it('serves the same route without the stage prefix, with the prefixed requestContext.path', async () => {
    const { event } = await echo('/items/7');
    expect(event.path).toBe('/items/7');
    expect(event.requestContext.path).toBe('/test/items/7');
  });

  it('gives each request a fresh request id', async () => {
    const a = await echo('/echo');
    const b = await echo('/echo');
    expect(a.event.requestContext.requestId).not.toBe(b.event.requestContext.requestId);
  });

  it('decodes query strings into single-value (last wins) and multi-value maps', async () => {
    const { event } = await echo('/echo?a=1&b=x%20y&a=2&empty=&flag&plus=a+b&bad=%E0%A4%A');
    expect(event.queryStringParameters).toEqual({
      a: '2',
      b: 'x y',
      empty: '',
      flag: '',
      plus: 'a b',
      bad: '%E0%A4%A',
    });
    expect(event.multiValueQueryStringParameters).toEqual({
      a: ['1', '2'],
      b: ['x y'],
      empty: [''],
      flag: [''],
      plus: ['a b'],
      bad: ['%E0%A4%A'],
    });
  });

  it('keeps header names as sent, the last value in headers and all of them in multiValueHeaders', async () => {
    const { event } = await echo('/echo', {
      headers: [
        ['X-Custom', 'one'],
        ['x-custom', 'two'],
        ['User-Agent', 'test-agent/1.0'],
      ],
    });
    expect(event.headers['X-Custom']).toBe('two');
    expect(event.multiValueHeaders['X-Custom']).toEqual(['one', 'two']);
    expect(event.headers['X-Forwarded-Proto']).toBe('http');
    expect(event.headers['X-Forwarded-Port']).toBe(String(running.api.port));
    expect(event.headers['X-Forwarded-For']).toBe('127.0.0.1');
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.requestContext.identity.userAgent).toBe('test-agent/1.0');
  });

  // Not percent-decoded, as API Gateway's REST API sends it (docs/conformance.md, path encoding).
  it('passes a greedy path as sent and any method', async () => {
    const { event } = await echo('/test/files/a/b%20c/d.txt', { method: 'DELETE' });
    expect(event).toMatchObject({
      resource: '/files/{proxy+}',
      path: '/files/a/b%20c/d.txt',
      httpMethod: 'DELETE',
      pathParameters: { proxy: 'a/b%20c/d.txt' },
    });
  });

  // Without BinaryMediaTypes on the API, a base64 body comes back as its base64 text (docs/conformance.md).
  it('passes a UTF-8 body as text, a binary body as base64, and returns base64 text as it is', async () => {
    const text = await echo('/echo', {
      method: 'POST',
      body: 'héllo wörld',
      headers: [['Content-Type', 'text/plain']],
    });
    expect(text.event).toMatchObject({ body: 'héllo wörld', isBase64Encoded: false });

    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41, 0xc3]);
    const binary = await echo('/echo', { method: 'POST', body: bytes });
    expect(binary.event).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });

    const roundTrip = await httpRequest(running.api.url, '/echo?respond=binary', { method: 'POST', body: bytes });
    expect(roundTrip.status).toBe(200);
    expect(roundTrip.headers['content-type']).toBe('application/octet-stream');
    expect(roundTrip.text).toBe(bytes.toString('base64'));
  });

  it('serves an implicit-API route (no RestApiId) under SAM’s Prod stage', async () => {
    const { event } = await echo('/Prod/implicit');
    expect(event.requestContext.stage).toBe('Prod');
    expect(event.stageVariables).toBeNull();
  });
});

describe('the response the local API sends', () => {
  it('merges headers and multiValueHeaders: a header both name has both values, multiValueHeaders’ first', async () => {
    const res = await httpRequest(running.api.url, '/echo');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(res.headers['x-single']).toBe('from-multi, one');
    expect(res.headers['content-type']).toBe('application/json');
  });
});

describe('the function’s world', () => {
  it('has a Lambda-like context whose remaining time counts down from the template’s Timeout', async () => {
    const { context } = await echo('/echo');
    expect(context).toMatchObject({
      functionName: 'EchoFunction',
      functionVersion: '$LATEST',
      memoryLimitInMB: '128',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:EchoFunction',
      logGroupName: '/aws/lambda/EchoFunction',
    });
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(context.remainingTimeInMillis).toBeGreaterThan(500);
    expect(context.remainingTimeInMillis).toBeLessThanOrEqual(1000);
  });

  // As sam local builds it (aws/aws-sam-cli samcli/local/lambdafn/env_vars.py): the env-vars file overrides the
  // variables the template declares and adds none (EXTRA was added before issue 19).
  it('has the template’s environment (Globals, then the function, Refs resolved) with env-vars overrides', async () => {
    const { env } = await echo('/echo');
    expect(env).toEqual({
      GREETING: 'overridden',
      GLOBAL_VAR: 'from-file',
      REGION_NAME: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'EchoFunction',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      EXTRA: null,
    });
  });

  it('keeps the module loaded between requests, like a warm container', async () => {
    const first = await echo('/echo');
    const second = await echo('/echo');
    expect(second.invocations).toBe(first.invocations + 1);
  });
});
