import { buildV2Event, type V2EventContext } from '../../src/http-api/event-v2';
import { isTextMediaType, v2Body, v2Headers, v2Query } from '../../src/http-api/request-parts';
import type { ReceivedRequest } from '../../src/pipeline/request';

// Sources (docs/conformance.md lists them):
// - docs: payload 2.0 = https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
//   ("Duplicate headers are combined with commas", "Duplicate query strings are combined with commas", cookies,
//   "All header names are lowercased");
// - verified on AWS: body encoding = https://github.com/ministackorg/ministack/pull/766;
// - recorded: function URL events = localstack/localstack tests/aws/services/lambda_/test_lambda.snapshot.json.

function request(overrides: Partial<ReceivedRequest> = {}): ReceivedRequest {
  return {
    method: 'GET',
    target: '/items/42',
    rawPath: '/items/42',
    rawQuery: '',
    rawHeaders: ['Host', 'abc123.execute-api.us-east-1.amazonaws.com', 'User-Agent', 'curl/8.5.0'],
    sourceIp: '203.0.113.7',
    httpVersion: '1.1',
    serverPort: 443,
    body: Buffer.alloc(0),
    ...overrides,
  };
}

const context: V2EventContext = {
  accountId: '123456789012',
  apiId: 'abc123',
  routeKey: 'GET /items/{id}',
  stage: '$default',
  requestId: 'JKJaXmPLvHcESHA=',
  rawPath: '/items/42',
  pathParameters: { id: '42' },
  stageVariables: null,
  scheme: 'https',
  traceId: 'Root=1-00000000-000000000000000000000000',
  now: new Date(Date.UTC(2026, 11, 7, 9, 5, 3, 250)),
};

describe('the payload 2.0 event', () => {
  it('has the documented keys, the request context and nothing that is empty', () => {
    const event = buildV2Event(request(), context);
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: '',
      headers: {
        host: 'abc123.execute-api.us-east-1.amazonaws.com',
        'user-agent': 'curl/8.5.0',
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-port': '443',
        'x-forwarded-proto': 'https',
        'x-amzn-trace-id': 'Root=1-00000000-000000000000000000000000',
      },
      requestContext: {
        accountId: '123456789012',
        apiId: 'abc123',
        domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
        domainPrefix: 'abc123',
        http: {
          method: 'GET',
          path: '/items/42',
          protocol: 'HTTP/1.1',
          sourceIp: '203.0.113.7',
          userAgent: 'curl/8.5.0',
        },
        requestId: 'JKJaXmPLvHcESHA=',
        routeKey: 'GET /items/{id}',
        stage: '$default',
        time: '07/Dec/2026:09:05:03 +0000',
        timeEpoch: Date.UTC(2026, 11, 7, 9, 5, 3, 250),
      },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
    });
  });

  it('carries query parameters, cookies, a body, stage variables and an authorizer when there are some', () => {
    const event = buildV2Event(
      request({
        method: 'POST',
        rawQuery: 'a=1&a=2&b=x%20y',
        rawHeaders: ['Host', 'h', 'Cookie', 'a=1; b=2', 'Content-Type', 'application/json'],
        body: Buffer.from('{"k":1}'),
      }),
      { ...context, stageVariables: { color: 'blue' }, authorizer: { lambda: { user: 'ada' } } },
    );
    expect(event.rawQueryString).toBe('a=1&a=2&b=x%20y');
    expect(event.queryStringParameters).toEqual({ a: '1,2', b: 'x y' });
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.body).toBe('{"k":1}');
    expect(event.stageVariables).toEqual({ color: 'blue' });
    expect(event.requestContext.authorizer).toEqual({ lambda: { user: 'ada' } });
    expect(event.requestContext.http.method).toBe('POST');
  });

  // As docs/conformance.md's "Event (2.0)" row and the conformance suite's HTTP API case have it: body absent, not
  // undefined or null, when the request has none.
  it('a request without a body has no body key', () => {
    expect(Object.keys(buildV2Event(request(), context))).not.toContain('body');
  });

  it('without a Host or User-Agent: domain localhost, an empty userAgent', () => {
    const event = buildV2Event(request({ rawHeaders: [] }), { ...context, scheme: undefined });
    expect(event.requestContext.domainName).toBe('localhost');
    expect(event.requestContext.domainPrefix).toBe('localhost');
    expect(event.requestContext.http.userAgent).toBe('');
    expect(event.headers['x-forwarded-proto']).toBe('http');
  });

  it('names the protocol version the client used', () => {
    expect(buildV2Event(request({ httpVersion: '1.0' }), context).requestContext.http.protocol).toBe('HTTP/1.0');
  });

  it('uses the current time when none is given', () => {
    const before = Date.now();
    const { timeEpoch } = buildV2Event(request(), { ...context, now: undefined }).requestContext;
    expect(timeEpoch).toBeGreaterThanOrEqual(before);
    expect(timeEpoch).toBeLessThanOrEqual(Date.now());
  });
});

describe('headers as payload 2.0 carries them', () => {
  const forwarding = { sourceIp: '203.0.113.7', serverPort: 3000, scheme: 'http' as const, traceId: 'Root=t' };

  it('lower-cases names and joins a repeated header with commas, in order', () => {
    const { headers, values } = v2Headers(['X-Multi', 'a', 'x-MULTI', 'b', 'Accept', '*/*'], forwarding);
    expect(headers['x-multi']).toBe('a,b');
    expect(values['x-multi']).toEqual(['a', 'b']);
    expect(headers.accept).toBe('*/*');
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('leaves out hop-by-hop headers and Expect, keeps Content-Length', () => {
    const raw = ['Connection', 'keep-alive', 'Keep-Alive', 'timeout=5', 'Proxy-Connection', 'x', 'TE', 'trailers']
      .concat(['Trailer', 'x', 'Transfer-Encoding', 'chunked', 'Upgrade', 'h2c', 'Expect', '100-continue'])
      .concat(['Content-Length', '3']);
    const { headers } = v2Headers(raw, forwarding);
    expect(Object.keys(headers).sort()).toEqual(
      ['content-length', 'x-amzn-trace-id', 'x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto'].sort(),
    );
  });

  it('splits every Cookie header into cookies, dropping empty parts', () => {
    const { headers, cookies } = v2Headers(['Cookie', 'a=1;b=2; ', 'cookie', 'c=3'], forwarding);
    expect(cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(headers.cookie).toBeUndefined();
  });

  it("appends the client's address to an X-Forwarded-For it sent, and keeps its trace id", () => {
    const { headers } = v2Headers(['X-Forwarded-For', '198.51.100.1', 'X-Amzn-Trace-Id', 'Root=client'], forwarding);
    expect(headers['x-forwarded-for']).toBe('198.51.100.1, 203.0.113.7');
    expect(headers['x-amzn-trace-id']).toBe('Root=client');
    expect(headers['x-forwarded-port']).toBe('3000');
  });

  it('makes a fresh trace root when neither the client nor the caller gives one', () => {
    const { headers } = v2Headers([], { sourceIp: '1.2.3.4', serverPort: 1, scheme: 'https' });
    expect(headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(headers['x-forwarded-proto']).toBe('https');
  });
});

describe('query parameters', () => {
  it('decodes keys and values (+ as a space) and joins repeated keys with commas', () => {
    expect(v2Query('a=1&a=2&b=x+y&c%20d=%C3%A9&flag&=v&&').joined).toEqual({
      a: '1,2',
      b: 'x y',
      'c d': 'é',
      flag: '',
      '': 'v',
    });
  });

  it('keeps a malformed percent sequence as sent', () => {
    expect(v2Query('q=%zz').joined).toEqual({ q: '%zz' });
    expect(v2Query('%zz=1').values).toEqual({ '%zz': ['1'] });
  });

  it('an empty query has no parameters', () => {
    expect(v2Query('')).toEqual({ joined: {}, values: {} });
  });

  it('a key named like an Object method is an ordinary key', () => {
    expect(v2Query('constructor=1&__proto__=2').joined).toEqual({ constructor: '1', ['__proto__']: '2' });
  });
});

describe('the body', () => {
  it.each([
    ['text/plain', true],
    ['text/html; charset=utf-8', true],
    ['application/json', true],
    ['Application/JSON; charset=UTF-8', true],
    // RFC 9110 §8.3.1: optional whitespace around the ';' of a media type's parameters.
    ['application/json ; charset=utf-8', true],
    ['application/xml', true],
    ['application/javascript', true],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['application/octet-stream', false],
    ['application/vnd.api+json', false],
    [undefined, false],
  ])('Content-Type %s is text: %s', (contentType, text) => {
    expect(isTextMediaType(contentType)).toBe(text);
    const body = v2Body(Buffer.from('a=1'), contentType);
    expect(body).toEqual(text ? { body: 'a=1', isBase64Encoded: false } : { body: 'YT0x', isBase64Encoded: true });
  });

  it('an empty body is no body at all', () => {
    expect(v2Body(Buffer.alloc(0), 'application/json')).toEqual({ isBase64Encoded: false });
  });

  it('a text type whose bytes are not UTF-8 goes base64', () => {
    expect(v2Body(Buffer.from([0xff, 0xfe]), 'text/plain')).toEqual({ body: '//4=', isBase64Encoded: true });
  });
});
