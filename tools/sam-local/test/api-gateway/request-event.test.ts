import {
  buildProxyEvent,
  newExtendedRequestId,
  newTraceRoot,
  type IncomingRequestInfo,
} from '../../src/api-gateway/request-event';
import { routesFromTemplate, type Route, type RouteMatch } from '../../src/api-gateway/routes';
import { parseTemplate } from '../../src/template/template';

// Sources named below (docs/conformance.md lists them):
// - recorded: proxy event = localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json,
//   test_lambda_aws_proxy_integration (events recorded on AWS);
// - docs: known issues = https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html;
// - docs: payload encodings = https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html.

const template = parseTemplate(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
      Variables: { color: blue }
      BinaryMediaTypes: [image~1png]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Item: { Type: Api, Properties: { RestApiId: !Ref Api, Path: '/items/{id}', Method: get } }
        Other: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /other, Method: get } }
        Root: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /, Method: get } }
`);
// Read in each test, so that a router fault fails the tests rather than the test file's load.
function routeOf(resourcePath: string): Route {
  return routesFromTemplate({ path: 'template.yaml', dir: '.', template }).find(
    (r) => r.resourcePath === resourcePath,
  )!;
}

const ids = { accountId: '123456789012', apiId: 'abcdef1234' };

// Prepare helpers: a GET of /dev/items/42 from 203.0.113.7 over HTTP/1.1 on port 3000, unless told otherwise.
function request(overrides: Partial<IncomingRequestInfo> = {}): IncomingRequestInfo {
  return {
    method: 'GET',
    rawQuery: '',
    rawHeaders: ['Host', 'abc123.execute-api.us-east-1.amazonaws.com'],
    body: Buffer.alloc(0),
    sourceIp: '203.0.113.7',
    httpVersion: '1.1',
    serverPort: 3000,
    ...overrides,
  };
}

function itemMatch(overrides: Partial<RouteMatch> = {}): RouteMatch {
  return {
    route: routeOf('/items/{id}'),
    pathParameters: { id: '42' },
    path: '/items/42',
    stagePath: '/dev/items/42',
    ...overrides,
  };
}

function withQuery(rawQuery: string) {
  return buildProxyEvent(request({ rawQuery }), itemMatch(), ids);
}

function withHeaders(rawHeaders: string[], overrides: Partial<IncomingRequestInfo> = {}) {
  return buildProxyEvent(request({ rawHeaders, ...overrides }), itemMatch(), ids);
}

describe('the proxy event (REST API, payload v1): route, paths and request context', () => {
  it('carries the resource, paths, method, path parameters and stage variables of the matched route', () => {
    // Act
    const event = buildProxyEvent(request(), itemMatch(), ids);

    // Assess
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      pathParameters: { id: '42' },
      stageVariables: { color: 'blue' },
    });
    expect(event.requestContext).toMatchObject({
      accountId: '123456789012',
      apiId: 'abcdef1234',
      resourcePath: '/items/{id}',
      httpMethod: 'GET',
      path: '/dev/items/42',
      protocol: 'HTTP/1.1',
      stage: 'dev',
    });
  });

  // recorded: proxy event. Without an authorizer AWS sends no `authorizer` key at all, and a deploymentId.
  it('has no authorizer key without an authorizer, and the deploymentId of its API', () => {
    const event = buildProxyEvent(request(), itemMatch(), ids);

    expect('authorizer' in event.requestContext).toBe(false);
    expect(event.requestContext.deploymentId).toMatch(/^[0-9a-f]{6}$/);
    expect(event.requestContext.deploymentId).toBe(routeOf('/other').api.deploymentId);
  });

  it("carries the authorizer's context and the API key when the route has them", () => {
    const event = buildProxyEvent(request(), itemMatch(), {
      ...ids,
      authorizer: { principalId: 'user-1', integrationLatency: 3 },
      apiKey: { value: 'k-123', id: 'abc' },
    });

    expect(event.requestContext.authorizer).toEqual({ principalId: 'user-1', integrationLatency: 3 });
    expect(event.requestContext.identity.apiKey).toBe('k-123');
    expect(event.requestContext.identity.apiKeyId).toBe('abc');
  });

  it('gives the method as the client sent it, in both httpMethod fields', () => {
    const event = buildProxyEvent(request({ method: 'DELETE' }), itemMatch(), ids);

    expect(event.httpMethod).toBe('DELETE');
    expect(event.requestContext.httpMethod).toBe('DELETE');
  });

  it('names the HTTP version the client used in requestContext.protocol', () => {
    const event = buildProxyEvent(request({ httpVersion: '1.0' }), itemMatch(), ids);

    expect(event.requestContext.protocol).toBe('HTTP/1.0');
  });

  it('puts the stage before the path in requestContext.path when the request came without the stage prefix', () => {
    const event = buildProxyEvent(request(), itemMatch({ stagePath: undefined }), ids);

    expect(event.requestContext.path).toBe('/dev/items/42');
  });

  it('gives the root resource requested without the stage prefix requestContext.path /<stage>, with no trailing slash', () => {
    const match: RouteMatch = { route: routeOf('/'), pathParameters: null, path: '/' };

    const event = buildProxyEvent(request(), match, ids);

    expect(event.path).toBe('/');
    expect(event.requestContext.path).toBe('/dev');
  });

  // recorded: proxy event (requestContext.path keeps the path as sent, e.g. doubled leading slashes).
  it('keeps requestContext.path exactly as the router saw it with the stage prefix', () => {
    const event = buildProxyEvent(request(), itemMatch({ stagePath: '/dev//items/42' }), ids);

    expect(event.requestContext.path).toBe('/dev//items/42');
  });

  // recorded: proxy event: exactly these keys (no apiKey, apiKeyId or clientCert without an API key or certificate).
  it('has the identity block AWS records for an unauthenticated caller: the source IP, the user agent, the rest null', () => {
    const event = withHeaders(['Host', 'example.com', 'User-Agent', 'curl/8.5.0']);

    expect(event.requestContext.identity).toEqual({
      sourceIp: '203.0.113.7',
      userAgent: 'curl/8.5.0',
      accessKey: null,
      accountId: null,
      caller: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      user: null,
      userArn: null,
    });
  });

  it('finds the user agent whatever the case of its header name, and gives null without one', () => {
    expect(withHeaders(['user-agent', 'lower/1']).requestContext.identity.userAgent).toBe('lower/1');
    expect(withHeaders(['USER-AGENT', 'upper/1']).requestContext.identity.userAgent).toBe('upper/1');
    expect(withHeaders([]).requestContext.identity.userAgent).toBeNull();
  });

  it('takes domainName from the Host header and domainPrefix from its first label', () => {
    const event = withHeaders(['Host', 'abc123.execute-api.us-east-1.amazonaws.com']);

    expect(event.requestContext.domainName).toBe('abc123.execute-api.us-east-1.amazonaws.com');
    expect(event.requestContext.domainPrefix).toBe('abc123');
  });

  it('finds the Host header whatever the case of its name', () => {
    expect(withHeaders(['host', 'lower.example.com']).requestContext.domainName).toBe('lower.example.com');
    expect(withHeaders(['HOST', 'upper.example.com']).requestContext.domainName).toBe('upper.example.com');
  });

  it('names localhost as the domain of a request without a Host header (HTTP/1.0)', () => {
    const event = withHeaders([], { httpVersion: '1.0' });

    expect(event.requestContext.domainName).toBe('localhost');
    expect(event.requestContext.domainPrefix).toBe('localhost');
  });

  it('keeps one resourceId per resource path: the same for every request of a resource, another for another resource', () => {
    const first = buildProxyEvent(request(), itemMatch(), ids).requestContext.resourceId;
    const again = buildProxyEvent(request(), itemMatch({ pathParameters: { id: '7' }, path: '/items/7' }), ids)
      .requestContext.resourceId;
    const other = buildProxyEvent(request(), { route: routeOf('/other'), pathParameters: null, path: '/other' }, ids)
      .requestContext.resourceId;

    expect(first).toMatch(/^[0-9a-z]{6}$/);
    expect(again).toBe(first);
    expect(other).toMatch(/^[0-9a-z]{6}$/);
    expect(other).not.toBe(first);
  });

  it('uses the request id and extended request id it is given (the ids of the response headers)', () => {
    const event = buildProxyEvent(request(), itemMatch(), {
      ...ids,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      extendedRequestId: 'FiV9AHvHoAMFtsg=',
    });

    expect(event.requestContext.requestId).toBe('c6af9ac6-7b61-11e6-9a41-93e8deadbeef');
    expect(event.requestContext.extendedRequestId).toBe('FiV9AHvHoAMFtsg=');
  });

  it('makes a fresh UUID request id and a fresh extended request id for each request given none', () => {
    const a = buildProxyEvent(request(), itemMatch(), ids).requestContext;
    const b = buildProxyEvent(request(), itemMatch(), ids).requestContext;

    expect(a.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a.extendedRequestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(b.requestId).not.toBe(a.requestId);
    expect(b.extendedRequestId).not.toBe(a.extendedRequestId);
  });
});

// re:Post (repost.aws/knowledge-center/collect-api-gateway-extended-request-ids): e.g. `FiV9AHvHoAMFtsg=`.
describe('newExtendedRequestId', () => {
  it('makes an id in API Gateway’s shape (16 base64 characters ending in =), a different one each time', () => {
    const a = newExtendedRequestId();
    const b = newExtendedRequestId();

    expect(a).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(b).not.toBe(a);
  });
});

describe('requestTime and requestTimeEpoch', () => {
  afterEach(() => jest.useRealTimers());

  // API Gateway's CLF-style time, e.g. 21/Nov/2026:22:30:00 +0000 (the docs' sample event: set-up-lambda-proxy-integrations.html).
  it.each([
    ['2026-01-05T03:04:05.678Z', '05/Jan/2026:03:04:05 +0000'],
    ['2026-02-05T00:00:00Z', '05/Feb/2026:00:00:00 +0000'],
    ['2026-03-05T00:00:00Z', '05/Mar/2026:00:00:00 +0000'],
    ['2026-04-05T00:00:00Z', '05/Apr/2026:00:00:00 +0000'],
    ['2026-05-05T00:00:00Z', '05/May/2026:00:00:00 +0000'],
    ['2026-06-05T00:00:00Z', '05/Jun/2026:00:00:00 +0000'],
    ['2026-07-05T00:00:00Z', '05/Jul/2026:00:00:00 +0000'],
    ['2026-08-05T00:00:00Z', '05/Aug/2026:00:00:00 +0000'],
    ['2026-09-05T00:00:00Z', '05/Sep/2026:00:00:00 +0000'],
    ['2026-10-05T00:00:00Z', '05/Oct/2026:00:00:00 +0000'],
    ['2026-11-21T22:30:59Z', '21/Nov/2026:22:30:59 +0000'],
    ['2026-12-31T23:59:09Z', '31/Dec/2026:23:59:09 +0000'],
  ])('writes a request at %s as %s, in UTC', (iso, expected) => {
    jest.useFakeTimers({ now: new Date(iso) });

    const { requestContext } = buildProxyEvent(request(), itemMatch(), ids);

    expect(requestContext.requestTime).toBe(expected);
    expect(requestContext.requestTimeEpoch).toBe(Date.parse(iso));
  });
});

// An X-Ray trace id's root: 1-<epoch seconds, 8 hex digits>-<24 hex digits>
// (the trace ID format in docs.aws.amazon.com/xray/latest/devguide/xray-services-elb.html).
describe('newTraceRoot', () => {
  afterEach(() => jest.useRealTimers());

  it('starts with the current time in seconds, in hex, then 24 random hex digits', () => {
    jest.useFakeTimers({ now: new Date('2026-11-21T22:30:00.999Z') });

    const root = newTraceRoot();

    const seconds = Math.floor(Date.parse('2026-11-21T22:30:00Z') / 1000).toString(16);
    expect(root).toMatch(new RegExp(`^1-${seconds}-[0-9a-f]{24}$`));
    expect(newTraceRoot()).not.toBe(root);
  });
});

describe('the proxy event’s headers', () => {
  // recorded: proxy event (header casing).
  it('keeps header names as the client spelled them, with the last value in headers and every value in multiValueHeaders', () => {
    const event = withHeaders(['Host', 'example.com', 'X-Custom', 'one', 'x-custom', 'two', 'accept', '*/*']);

    expect(event.headers).toMatchObject({ Host: 'example.com', 'X-Custom': 'two', accept: '*/*' });
    expect(event.multiValueHeaders).toMatchObject({
      Host: ['example.com'],
      'X-Custom': ['one', 'two'],
      accept: ['*/*'],
    });
    expect(event.headers['x-custom']).toBeUndefined();
  });

  // CloudFront in front of the proxy integration capitalizes User-Agent as it does Authorization (docs:
  // add-origin-custom-headers; localstack's aws.py names the same two headers).
  it('spells the User-Agent header User-Agent, whatever the client sent', () => {
    const event = withHeaders(['user-agent', 'curl/8.5.0']);

    expect(event.headers['User-Agent']).toBe('curl/8.5.0');
    expect(event.multiValueHeaders['User-Agent']).toEqual(['curl/8.5.0']);
    expect(event.headers['user-agent']).toBeUndefined();
  });

  // recorded: proxy event (a client's `aUThorization` arrives as `Authorization`).
  it('spells the Authorization header Authorization, whatever the client sent', () => {
    const event = withHeaders(['aUThorization', 'Bearer token123']);

    expect(event.headers.Authorization).toBe('Bearer token123');
    expect(event.multiValueHeaders.Authorization).toEqual(['Bearer token123']);
    expect(event.headers.aUThorization).toBeUndefined();
  });

  // docs: known issues, the table of headers API Gateway drops.
  it.each([
    'Connection',
    'Content-Length',
    'Content-MD5',
    'Expect',
    'Max-Forwards',
    'Proxy-Authenticate',
    'Server',
    'TE',
    'Trailer',
    'Transfer-Encoding',
    'Upgrade',
    'WWW-Authenticate',
  ])('never passes on %s, in any spelling', (name) => {
    const event = withHeaders([name, 'sent', name.toLowerCase(), 'sent again', 'X-Kept', 'yes']);

    const names = [...Object.keys(event.headers), ...Object.keys(event.multiValueHeaders)].map((n) => n.toLowerCase());
    expect(names).not.toContain(name.toLowerCase());
    expect(event.headers['X-Kept']).toBe('yes');
  });

  it('adds X-Forwarded-For with the client’s address, X-Forwarded-Port and X-Forwarded-Proto', () => {
    const event = withHeaders([], { sourceIp: '198.51.100.1', serverPort: 8443, scheme: 'https' });

    expect(event.headers).toMatchObject({
      'X-Forwarded-For': '198.51.100.1',
      'X-Forwarded-Port': '8443',
      'X-Forwarded-Proto': 'https',
    });
    expect(event.multiValueHeaders).toMatchObject({
      'X-Forwarded-For': ['198.51.100.1'],
      'X-Forwarded-Port': ['8443'],
      'X-Forwarded-Proto': ['https'],
    });
  });

  it('says X-Forwarded-Proto http when the scheme is not given (a local request)', () => {
    expect(withHeaders([]).headers['X-Forwarded-Proto']).toBe('http');
  });

  // As a proxy extends X-Forwarded-For (the convention RFC 7239 section 7.4 describes); no AWS recording has a client value.
  it('appends the client’s address to every X-Forwarded-For value the client sent, in the client’s spelling', () => {
    const event = withHeaders(['x-forwarded-for', '10.0.0.1', 'X-Forwarded-For', '10.0.0.2']);

    expect(event.headers['x-forwarded-for']).toBe('10.0.0.1, 10.0.0.2, 203.0.113.7');
    expect(event.multiValueHeaders['x-forwarded-for']).toEqual(['10.0.0.1, 10.0.0.2, 203.0.113.7']);
    expect(event.headers['X-Forwarded-For']).toBeUndefined();
  });

  it('replaces a client’s X-Forwarded-Port and X-Forwarded-Proto with its own', () => {
    const event = withHeaders(['x-forwarded-port', '1', 'X-FORWARDED-PROTO', 'gopher'], { serverPort: 3000 });

    expect(event.multiValueHeaders['x-forwarded-port']).toEqual(['3000']);
    expect(event.multiValueHeaders['X-FORWARDED-PROTO']).toEqual(['http']);
  });

  it('passes the client’s X-Amzn-Trace-Id as sent, instead of a new one', () => {
    const event = withHeaders(['x-amzn-trace-id', 'Root=1-5f84c7a1-1234567890abcdef12345678']);

    expect(event.headers['x-amzn-trace-id']).toBe('Root=1-5f84c7a1-1234567890abcdef12345678');
    expect(event.headers['X-Amzn-Trace-Id']).toBeUndefined();
  });

  it('uses the trace id it is given when the client sent none', () => {
    const event = buildProxyEvent(request(), itemMatch(), {
      ...ids,
      traceId: 'Root=1-00000000-aaaaaaaaaaaaaaaaaaaaaaaa',
    });

    expect(event.headers['X-Amzn-Trace-Id']).toBe('Root=1-00000000-aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(event.multiValueHeaders['X-Amzn-Trace-Id']).toEqual(['Root=1-00000000-aaaaaaaaaaaaaaaaaaaaaaaa']);
  });

  it('starts a new trace (Root=1-<time>-<24 hex>) when neither the client nor the caller names one', () => {
    const event = withHeaders([]);

    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });
});

describe('the proxy event’s query string parameters', () => {
  // recorded: proxy event (floci-io/floci pull request #3548 captured the same on AWS): no query string, null maps.
  it('gives null maps for a request without a query string', () => {
    const event = withQuery('');

    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
  });

  it('gives null maps for a query string of separators only (`?&`)', () => {
    const event = withQuery('&;&');

    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
  });

  // floci-io/floci pull request #3548 captured on AWS: ?x=1&x=2&x=3 -> "3", ?x=1&x= -> "" (the last value wins).
  it('keeps the last value of a repeated key in queryStringParameters and all of them, in order, in the multi-value map', () => {
    const event = withQuery('x=1&x=2&x=3&y=&y=&z=1&z=');

    expect(event.queryStringParameters).toEqual({ x: '3', y: '', z: '' });
    expect(event.multiValueQueryStringParameters).toEqual({ x: ['1', '2', '3'], y: ['', ''], z: ['1', ''] });
  });

  it('skips the empty pieces between separators (`?a=1&&b=2`)', () => {
    const event = withQuery('a=1&&b=2&');

    expect(event.multiValueQueryStringParameters).toEqual({ a: ['1'], b: ['2'] });
  });

  it('gives a key without `=` an empty value', () => {
    expect(withQuery('flag').queryStringParameters).toEqual({ flag: '' });
  });

  // Not recorded on AWS: the toolkit keeps a pair with an empty key under the key "" rather than losing its value.
  it('keeps a value sent without a key (`?=x`) under the empty key, and splits at the first `=` only', () => {
    const event = withQuery('=x&a=b=c');

    expect(event.queryStringParameters).toEqual({ '': 'x', a: 'b=c' });
  });

  // docs: known issues ("a semicolon ... results in the data being split").
  it('splits the query at `;` as at `&`', () => {
    expect(withQuery('a=1;b=2').queryStringParameters).toEqual({ a: '1', b: '2' });
  });

  // recorded: proxy event, invocation-payload-with-params-encoding (`plus=test+alias` arrives with a space).
  it('percent-decodes keys and values and reads `+` as a space, but an encoded %2B as a plus', () => {
    const event = withQuery('my%20key=a+b%2Bc&e%3D=%26');

    expect(event.queryStringParameters).toEqual({ 'my key': 'a b+c', 'e=': '&' });
  });

  it('keeps a malformed percent sequence as sent', () => {
    expect(withQuery('bad=%E0%A4%A&%zz=1').queryStringParameters).toEqual({ bad: '%E0%A4%A', '%zz': '1' });
  });

  it('gives keys named like object properties (`__proto__`, `constructor`) as ordinary parameters', () => {
    const event = withQuery('__proto__=1&constructor=2');

    expect(Object.keys(event.queryStringParameters ?? {})).toEqual(['__proto__', 'constructor']);
    expect(event.multiValueQueryStringParameters?.['__proto__']).toEqual(['1']);
    expect(Object.getPrototypeOf(event.queryStringParameters)).toBe(Object.prototype);
  });
});

describe('the proxy event’s body', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

  it('is null, not base64, for a request without a body', () => {
    const event = buildProxyEvent(request(), itemMatch(), ids);

    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);
  });

  it('passes a UTF-8 body as text', () => {
    const event = withHeaders(['Content-Type', 'text/plain'], { body: Buffer.from('héllo wörld') });

    expect(event.body).toBe('héllo wörld');
    expect(event.isBase64Encoded).toBe(false);
  });

  // docs: payload encodings; ministack #767 (the request's Content-Type decides, even for bytes that are valid text).
  it('sends a body whose Content-Type is one of the API’s BinaryMediaTypes base64-encoded, whatever the header’s case', () => {
    const text = Buffer.from('plain ascii');

    const event = withHeaders(['content-type', 'image/png'], { body: text });

    expect(event.body).toBe(text.toString('base64'));
    expect(event.isBase64Encoded).toBe(true);
  });

  it('sends a body of another Content-Type as text', () => {
    const event = withHeaders(['Content-Type', 'image/jpeg'], { body: Buffer.from('not png') });

    expect(event).toMatchObject({ body: 'not png', isBase64Encoded: false });
  });

  // docs/conformance.md, "what could not be established": bytes that are not UTF-8 are not mangled.
  it('sends bytes that are not UTF-8 base64-encoded rather than replacing them', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41, 0xc3]);

    const event = withHeaders(['Content-Type', 'text/plain'], { body: bytes });

    expect(event).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('sends a binary body with no Content-Type base64-encoded only when it is not UTF-8', () => {
    const event = withHeaders([], { body: png });

    expect(event).toMatchObject({ body: png.toString('base64'), isBase64Encoded: true });
  });
});
