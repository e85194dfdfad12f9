// How API Gateway's REST API turns a Lambda proxy result (payload v1) into the response, case by case as recorded on
// AWS. Each case names its source.
import { GATEWAY_BODIES } from '../../src/api-gateway/gateway-responses';
import { SOURCES } from './sources';
import { rawHeader, startConformanceApi, type ConformanceApi } from './conformance-api';

let api: ConformanceApi;
beforeAll(async () => {
  api = await startConformanceApi();
});
afterAll(() => api.running.stop());

const base64 = Buffer.from('test-data').toString('base64');

describe('results API Gateway accepts', () => {
  it.each([
    ['{"statusCode":200} → 200, empty body', SOURCES.responseFormat, { statusCode: 200 }, 200, ''],
    ['a string statusCode of digits ("201") → 201', SOURCES.responseFormat, { statusCode: '201' }, 201, ''],
    [
      'no statusCode, only headers → 200, empty body',
      SOURCES.responseFormat,
      { headers: { 'test-header': 'value' } },
      200,
      '',
    ],
    ['an empty object → 200, empty body', SOURCES.responseFormatNoSnapshot, {}, 200, ''],
    ['"headers": null → 200', SOURCES.responseFormat, { statusCode: 200, headers: null }, 200, ''],
    [
      'isBase64Encoded true on an API without binary media types → the base64 text as it is',
      SOURCES.responseFormat,
      { statusCode: 200, body: base64, isBase64Encoded: true },
      200,
      base64,
    ],
    [
      'isBase64Encoded false → the body as it is',
      SOURCES.responseFormat,
      { statusCode: 200, body: base64 },
      200,
      base64,
    ],
  ])('%s (source: %s)', async (_label, source, result, status, body) => {
    const response = await api.respondWith(result);
    expect({ status: response.status, body: response.text, source }).toEqual({ status, body, source });
  });

  it(`header values: true is sent as "true", and Content-Type is application/json when the function names none (${SOURCES.responseFormat})`, async () => {
    const response = await api.respondWith({
      statusCode: 200,
      headers: { 'test-header': 'value', 'header-bool': true },
    });
    expect(response.headers).toMatchObject({
      'test-header': 'value',
      'header-bool': 'true',
      'content-type': 'application/json',
    });
  });

  it(`multiValueHeaders: every value is sent (${SOURCES.responseFormat})`, async () => {
    const response = await api.respondWith({
      statusCode: 200,
      multiValueHeaders: { 'test-multi': ['value1', 'value2'] },
    });
    expect(rawHeader(response, 'test-multi')).toEqual([
      ['test-multi', 'value1'],
      ['test-multi', 'value2'],
    ]);
  });

  it(`a header in both headers and multiValueHeaders: both values, the multi-value ones first, spelled as multiValueHeaders spells it (${SOURCES.responseFormat})`, async () => {
    const same = await api.respondWith({
      statusCode: 200,
      multiValueHeaders: { 'test-multi': ['value-multi'] },
      headers: { 'test-multi': 'value-solo' },
    });
    expect(same.headers['test-multi']).toBe('value-multi, value-solo');
    const casing = await api.respondWith({
      statusCode: 200,
      multiValueHeaders: { 'tesT-Multi': ['value-multi'] },
      headers: { 'test-multi': 'value-solo' },
    });
    expect(rawHeader(casing, 'test-multi')).toEqual([
      ['tesT-Multi', 'value-multi'],
      ['tesT-Multi', 'value-solo'],
    ]);
  });

  it(`the same header and value in both maps: sent once (source: ${SOURCES.outputFormat})`, async () => {
    const response = await api.respondWith({
      statusCode: 200,
      multiValueHeaders: { 'X-Same': ['one', 'two'] },
      headers: { 'x-same': 'two' },
    });
    expect(rawHeader(response, 'x-same')).toEqual([
      ['X-Same', 'one'],
      ['X-Same', 'two'],
    ]);
  });

  it(`Connection, Content-Length, Date and Server from the function are sent as x-amzn-Remapped-*; Transfer-Encoding is dropped (${SOURCES.remapped})`, async () => {
    const response = await api.respondWith({
      statusCode: 200,
      body: 'abc',
      headers: { Connection: 'keep-alive', 'Content-Length': '999', Server: 'my-server', 'Transfer-Encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('abc');
    expect(response.headers).toMatchObject({
      'x-amzn-remapped-connection': 'keep-alive',
      'x-amzn-remapped-content-length': '999',
      'x-amzn-remapped-server': 'my-server',
      'content-length': '3',
    });
    expect(response.headers['transfer-encoding']).toBeUndefined();
  });
});

describe('results API Gateway calls malformed: 502 {"message": "Internal server error"}, x-amzn-ErrorType InternalServerErrorException', () => {
  it.each([
    ['an unknown top-level key', SOURCES.responseFormat, { statusCode: 200, wrongValue: 'value' }],
    ['a statusCode that is not a number', SOURCES.responseFormat, { statusCode: 'test' }],
    [
      'a multiValueHeaders value that is not a list',
      SOURCES.responseFormat,
      { statusCode: 200, multiValueHeaders: { 'test-multi-invalid': 'value1' } },
    ],
    ['a result that is a string', SOURCES.responseFormat, 'justAString'],
  ])('%s (source: %s)', async (_label, source, result) => {
    const response = await api.respondWith(result);
    expect({
      status: response.status,
      body: response.text,
      type: response.headers['x-amzn-errortype'],
      source,
    }).toEqual({
      status: 502,
      body: GATEWAY_BODIES.internalError,
      type: 'InternalServerErrorException',
      source,
    });
  });
});
