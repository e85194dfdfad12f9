// Routing, request ids and API Gateway's own error answers, and Lambda's payload limits as the API meets them.
// Each case names its source.
import { CONTENT_LENGTH_EXCEEDED, GATEWAY_BODIES } from '../../src/api-gateway/gateway-responses';
import { MAX_BODY_BYTES } from '../../src/http/server';
import { LAMBDA_RESPONSE_LIMIT_BYTES } from '../../src/lambda/payload-limits';
import { SOURCES } from './sources';
import { startConformanceApi, type ConformanceApi } from './conformance-api';

let api: ConformanceApi;
beforeAll(async () => {
  api = await startConformanceApi();
});
afterAll(() => api.running.stop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const APIGW_ID = /^[A-Za-z0-9+/]{15}=$/;

describe('routing', () => {
  it.each([
    ['a path no resource serves (the stage root)', SOURCES.routingNotFound, 'GET', '/dev/'],
    ['a method the resource does not define', SOURCES.routingNotFound, 'POST', '/dev/items/1'],
  ])(
    '%s → 403 {"message":"Missing Authentication Token"}, x-amzn-ErrorType MissingAuthenticationTokenException (source: %s)',
    async (_label, _source, method, path) => {
      const response = await api.request(path, { method });
      expect([response.status, response.text, response.headers['x-amzn-errortype']]).toEqual([
        403,
        GATEWAY_BODIES.missingToken,
        'MissingAuthenticationTokenException',
      ]);
      expect(response.headers['x-amzn-requestid']).toMatch(UUID);
      expect(response.headers['x-amz-apigw-id']).toMatch(APIGW_ID);
    },
  );
});

describe('the request context without an authorizer', () => {
  it(`has the keys AWS records: no authorizer, a deploymentId, the identity keys AWS sends and no others (source: ${SOURCES.proxyEvent})`, async () => {
    const event = await api.eventFor('/dev/proxy-value', { headers: [['User-Agent', 'conformance/1']] });
    const context = event.requestContext as Record<string, unknown> & { identity: Record<string, unknown> };
    expect(Object.keys(context).sort()).toEqual(
      [
        'accountId',
        'apiId',
        'deploymentId',
        'domainName',
        'domainPrefix',
        'extendedRequestId',
        'httpMethod',
        'identity',
        'path',
        'protocol',
        'requestId',
        'requestTime',
        'requestTimeEpoch',
        'resourceId',
        'resourcePath',
        'stage',
      ].sort(),
    );
    expect(Object.keys(context.identity).sort()).toEqual(
      [
        'accessKey',
        'accountId',
        'caller',
        'cognitoAuthenticationProvider',
        'cognitoAuthenticationType',
        'cognitoIdentityId',
        'cognitoIdentityPoolId',
        'principalOrgId',
        'sourceIp',
        'user',
        'userAgent',
        'userArn',
      ].sort(),
    );
    expect(context.identity.userAgent).toBe('conformance/1');
  });
});

describe('request ids and trace', () => {
  it(`every answer of the function carries x-amzn-RequestId, x-amz-apigw-id and X-Amzn-Trace-Id (source: ${SOURCES.responseFormat})`, async () => {
    const response = await api.respondWith({ statusCode: 200 });
    expect(response.headers['x-amzn-requestid']).toMatch(UUID);
    expect(response.headers['x-amz-apigw-id']).toMatch(APIGW_ID);
    expect(response.headers['x-amzn-trace-id']).toMatch(
      /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=[01]$/,
    );
  });

  it(`x-amzn-RequestId is the event's requestContext.requestId and x-amz-apigw-id its extendedRequestId; both differ for every request (source: ${SOURCES.extendedRequestId}; ${SOURCES.proxyEvent})`, async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await api.request('/dev/proxy-value');
      const event = response.json() as { requestContext: { requestId: string; extendedRequestId: string } };
      expect(response.headers['x-amzn-requestid']).toBe(event.requestContext.requestId);
      expect(response.headers['x-amz-apigw-id']).toBe(event.requestContext.extendedRequestId);
      seen.add(event.requestContext.requestId).add(event.requestContext.extendedRequestId);
    }
    expect(seen.size).toBe(10);
  });

  it(`a client's trace header is kept whole; a Root alone gets a fresh Parent (source: ${SOURCES.traceId})`, async () => {
    const full = 'Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1';
    const withFull = await api.request('/dev/proxy-value', { headers: [['X-Amzn-Trace-Id', full]] });
    expect(withFull.headers['x-amzn-trace-id']).toContain(full);
    const root = 'Root=1-3152b799-8954dae64eda91bc9a23a7e8';
    const withRoot = await api.request('/dev/proxy-value', { headers: [['X-Amzn-Trace-Id', root]] });
    const [sentRoot, parent] = String(withRoot.headers['x-amzn-trace-id']).split(';');
    expect(sentRoot).toBe(root);
    expect(parent).toMatch(/^Parent=[0-9a-f]{16}$/);
    expect(parent).not.toBe('Parent=7fa8c0f79203be72');
  });
});

describe('errors and payload limits', () => {
  it(`a function that throws → 502 {"message": "Internal server error"}, x-amzn-ErrorType InternalServerErrorException, the ids but no trace (source: ${SOURCES.gatewayError})`, async () => {
    const response = await api.request('/dev/test', {
      method: 'POST',
      headers: [['X-Respond-With', 'body']],
      body: '{not json',
    });
    expect([response.status, response.text, response.headers['content-length']]).toEqual([
      502,
      GATEWAY_BODIES.internalError,
      '36',
    ]);
    expect(response.headers).toMatchObject({
      'x-amzn-errortype': 'InternalServerErrorException',
      'content-type': 'application/json',
    });
    expect(response.headers['x-amzn-requestid']).toMatch(UUID);
    expect(response.headers['x-amz-apigw-id']).toMatch(APIGW_ID);
    expect(response.headers['x-amzn-trace-id']).toBeUndefined();
  });

  it(`a result over Lambda's 6 MB response limit → 502 (source: ${SOURCES.lambdaResponseLimit})`, async () => {
    const mark = api.running.lines.length;
    const over = await api.request('/dev/big', { headers: [['X-Respond-Size', String(LAMBDA_RESPONSE_LIMIT_BYTES)]] });
    expect([over.status, over.text]).toEqual([502, GATEWAY_BODIES.internalError]);
    expect(api.running.lines.slice(mark).join('\n')).toMatch(/over Lambda's response payload limit \(6291556 bytes\)/);
    const under = await api.request('/dev/big', { headers: [['X-Respond-Size', String(6_000_000)]] });
    expect([under.status, under.body.length]).toEqual([200, 6_000_000]);
  });

  it(`a body API Gateway takes (10 MB) whose event is over Lambda's 6 MB request limit → 413 {"message": "Request Too Long"}, x-amzn-ErrorType BadRequestException, the function not invoked (source: ${SOURCES.lambdaRequestLimit})`, async () => {
    const mark = api.running.lines.length;
    const response = await api.request('/dev/upload', { method: 'POST', body: Buffer.alloc(MAX_BODY_BYTES, 0x61) });
    expect([response.status, response.text, response.headers['x-amzn-errortype']]).toEqual([
      413,
      GATEWAY_BODIES.requestTooLong,
      'BadRequestException',
    ]);
    expect(api.running.lines.slice(mark).join('\n')).toMatch(
      /over Lambda's request payload limit \(6291456 bytes\); RespondFunction not invoked/,
    );
    const fits = await api.request('/dev/upload', { method: 'POST', body: Buffer.alloc(5 * 1024 * 1024, 0x61) });
    expect(fits.status).toBe(200);
  });

  it(`a body over 10 MB → 413 with API Gateway's plain-text answer (source: ${SOURCES.bodyLimit})`, async () => {
    const response = await api.request('/dev/upload', { method: 'POST', body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x61) });
    expect([response.status, response.text, response.headers['content-type']]).toEqual([
      413,
      CONTENT_LENGTH_EXCEEDED,
      'text; charset=utf-8',
    ]);
  });
});
