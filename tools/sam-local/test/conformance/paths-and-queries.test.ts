// The path, path parameters and query string the function sees, as API Gateway's REST API passes them. Each case
// names its source.
import { SOURCES } from './sources';
import { startConformanceApi, type ConformanceApi } from './conformance-api';

let api: ConformanceApi;
beforeAll(async () => {
  api = await startConformanceApi();
});
afterAll(() => api.running.stop());

describe('paths: not percent-decoded, slashes kept as sent', () => {
  it.each([
    ['/dev/proxy-value', SOURCES.proxyEvent, '/{proxy+}', '/proxy-value', '/dev/proxy-value', { proxy: 'proxy-value' }],
    [
      '/dev/proxy-value/ (trailing slash)',
      SOURCES.proxyEvent,
      '/{proxy+}',
      '/proxy-value/',
      '/dev/proxy-value/',
      { proxy: 'proxy-value' },
    ],
    [
      '/dev/proxy-value//double-slash',
      SOURCES.proxyEvent,
      '/{proxy+}',
      '/proxy-value//double-slash',
      '/dev/proxy-value//double-slash',
      { proxy: 'proxy-value//double-slash' },
    ],
    [
      '//dev/proxy-value (slash before the stage)',
      SOURCES.proxyEvent,
      '/{proxy+}',
      '/proxy-value',
      '/dev/proxy-value',
      { proxy: 'proxy-value' },
    ],
    [
      '/dev//proxy-value (slash after the stage)',
      SOURCES.proxyEvent,
      '/{proxy+}',
      '/proxy-value',
      '/dev//proxy-value',
      { proxy: 'proxy-value' },
    ],
    ['/dev//hardcoded', SOURCES.proxyEvent, '/hardcoded', '/hardcoded', '/dev//hardcoded', null],
    [
      '/dev/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com',
      SOURCES.proxyEvent,
      '/{proxy+}',
      '/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com',
      '/dev/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com',
      { proxy: 'proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com' },
    ],
    [
      '/dev/items/test%2Balias@example.com (a {param})',
      SOURCES.pathParameterEncoded,
      '/items/{id}',
      '/items/test%2Balias@example.com',
      '/dev/items/test%2Balias@example.com',
      { id: 'test%2Balias@example.com' },
    ],
  ])('%s (source: %s)', async (label, _source, resource, eventPath, contextPath, pathParameters) => {
    const event = await api.eventFor(label.split(' ')[0]!);
    expect({
      resource: event.resource,
      path: event.path,
      contextPath: event.requestContext.path,
      resourcePath: event.requestContext.resourcePath,
      pathParameters: event.pathParameters,
    }).toEqual({ resource, path: eventPath, contextPath, resourcePath: resource, pathParameters });
  });
});

describe('query strings: percent-decoded, + as a space, the last value in the single-value map', () => {
  it(`a trailing slash and a query (source: ${SOURCES.proxyEvent})`, async () => {
    const event = await api.eventFor('/dev/proxy-value/?urlparam=test');
    expect(event).toMatchObject({
      path: '/proxy-value/',
      queryStringParameters: { urlparam: 'test' },
      multiValueQueryStringParameters: { urlparam: ['test'] },
    });
  });

  it(`encoded values (source: ${SOURCES.proxyEvent})`, async () => {
    const query = [
      'dateTimeOffset=2023-06-12T18:05:10.123456+00:00',
      'email=test%2Balias@gmail.com',
      'plus=test+alias@gmail.com',
      'url=https://www.google.com/',
      'whitespace=foo%20bar',
      'zhash=abort/',
    ].join('&');
    const event = await api.eventFor(`/dev/proxy-value/api?${query}`);
    expect(event.queryStringParameters).toEqual({
      dateTimeOffset: '2023-06-12T18:05:10.123456 00:00',
      email: 'test+alias@gmail.com',
      plus: 'test alias@gmail.com',
      url: 'https://www.google.com/',
      whitespace: 'foo bar',
      zhash: 'abort/',
    });
  });

  it(`repeated keys (source: ${SOURCES.proxyEvent})`, async () => {
    const event = await api.eventFor('/dev/proxy-value?category=electronics&category=books&price=10&price=20&price=30');
    expect(event).toMatchObject({
      queryStringParameters: { category: 'books', price: '30' },
      multiValueQueryStringParameters: { category: ['electronics', 'books'], price: ['10', '20', '30'] },
    });
  });

  it(`no query: both maps null (source: ${SOURCES.proxyEvent})`, async () => {
    const event = await api.eventFor('/dev/proxy-value');
    expect([event.queryStringParameters, event.multiValueQueryStringParameters]).toEqual([null, null]);
  });

  it(`a semicolon splits the query like & (source: ${SOURCES.semicolon})`, async () => {
    const event = await api.eventFor('/dev/proxy-value?a=1;b=2');
    expect(event.queryStringParameters).toEqual({ a: '1', b: '2' });
  });
});
