import { buildHttpApiV1Event } from '../../src/http-api/event-v1';
import type { V2EventContext } from '../../src/http-api/event-v2';
import type { ReceivedRequest } from '../../src/pipeline/request';

// Sources: docs "Payload format structure", 1.0 (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html:
// "All header names are lowercased"); the path arrives decoded (https://github.com/middleapi/standard-server/pull/93,
// for 1.0 `path` and 2.0 `rawPath` alike); the body rule of 2.0 (https://github.com/ministackorg/ministack/pull/766).

const request: ReceivedRequest = {
  method: 'GET',
  target: '/dev/v1/Ada%20L?a=1&a=2',
  rawPath: '/dev/v1/Ada%20L',
  rawQuery: 'a=1&a=2',
  rawHeaders: [
    'Host',
    'abc.execute-api.us-east-1.amazonaws.com',
    'X-Multi',
    'a',
    'x-multi',
    'b',
    'Cookie',
    'k=v',
    'User-Agent',
    'ua',
  ],
  sourceIp: '203.0.113.7',
  httpVersion: '1.1',
  serverPort: 443,
  body: Buffer.alloc(0),
};

const context: V2EventContext & { routePath: string } = {
  accountId: '123456789012',
  apiId: 'abc',
  routeKey: 'GET /v1/{name}',
  stage: 'dev',
  requestId: 'req=',
  rawPath: '/dev/v1/Ada L',
  pathParameters: { name: 'Ada L' },
  stageVariables: { color: 'blue' },
  scheme: 'https',
  traceId: 'Root=t',
  now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  routePath: '/v1/{name}',
};

describe('the payload 1.0 event of an HTTP API', () => {
  it('is the REST shape with lower-case headers, the decoded path and the route as resource', () => {
    const event = buildHttpApiV1Event(request, context) as unknown as Record<string, unknown> & {
      requestContext: Record<string, unknown> & { identity: Record<string, unknown> };
    };
    expect(event).toMatchObject({
      version: '1.0',
      resource: '/v1/{name}',
      path: '/dev/v1/Ada L',
      httpMethod: 'GET',
      headers: { 'x-multi': 'b', cookie: 'k=v', host: 'abc.execute-api.us-east-1.amazonaws.com' },
      multiValueHeaders: { 'x-multi': ['a', 'b'], cookie: ['k=v'] },
      queryStringParameters: { a: '2' },
      multiValueQueryStringParameters: { a: ['1', '2'] },
      pathParameters: { name: 'Ada L' },
      stageVariables: { color: 'blue' },
      body: null,
      isBase64Encoded: false,
    });
    expect(event.requestContext).toMatchObject({
      accountId: '123456789012',
      apiId: 'abc',
      domainName: 'abc.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc',
      extendedRequestId: 'req=',
      httpMethod: 'GET',
      path: '/dev/v1/Ada L',
      protocol: 'HTTP/1.1',
      requestId: 'req=',
      requestTime: '02/Jan/2026:03:04:05 +0000',
      requestTimeEpoch: Date.UTC(2026, 0, 2, 3, 4, 5),
      resourceId: 'GET /v1/{name}',
      resourcePath: '/v1/{name}',
      stage: 'dev',
    });
    expect(event.requestContext.identity).toMatchObject({ sourceIp: '203.0.113.7', userAgent: 'ua', accessKey: null });
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  it('no query is null maps; a body and an authorizer are carried; no Host is localhost', () => {
    const event = buildHttpApiV1Event(
      { ...request, rawQuery: '', rawHeaders: ['Content-Type', 'text/plain'], body: Buffer.from('hi') },
      { ...context, authorizer: { principalId: 'me' }, scheme: undefined, traceId: undefined },
    ) as unknown as Record<string, unknown> & {
      requestContext: Record<string, unknown> & { identity: Record<string, unknown> };
    };
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.body).toBe('hi');
    expect(event.requestContext.authorizer).toEqual({ principalId: 'me' });
    expect(event.requestContext.domainName).toBe('localhost');
    expect(event.requestContext.identity.userAgent).toBeNull();
    expect((event.headers as Record<string, string>)['x-forwarded-proto']).toBe('http');
    expect(event.headers).not.toHaveProperty('cookie');
  });
});

describe('the X-Amzn-Trace-Id of a payload 1.0 event', () => {
  it("is the caller's trace id when the client sent none, as in 2.0", () => {
    const event = buildHttpApiV1Event(
      { ...request, rawHeaders: ['Host', 'h'] },
      { ...context, traceId: 'Root=1-5f84c7a1-aaaabbbbccccddddeeeeffff' },
    );
    expect(event.headers['x-amzn-trace-id']).toBe('Root=1-5f84c7a1-aaaabbbbccccddddeeeeffff');
    expect(event.multiValueHeaders['x-amzn-trace-id']).toEqual(['Root=1-5f84c7a1-aaaabbbbccccddddeeeeffff']);
  });
});
