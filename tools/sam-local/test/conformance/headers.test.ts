// The request headers the function sees, and binary bodies both ways, as API Gateway's REST API handles them.
// Each case names its source.
import { SOURCES } from './sources';
import { startConformanceApi, type ConformanceApi } from './conformance-api';

let api: ConformanceApi;
beforeAll(async () => {
  api = await startConformanceApi();
});
afterAll(() => api.running.stop());

type Event = {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  body: string | null;
  isBase64Encoded: boolean;
};

describe('request headers', () => {
  it(`keep the names as sent, except Authorization, always so spelled (source: ${SOURCES.proxyEvent})`, async () => {
    const event = (await api.eventFor('/dev/proxy-value', {
      headers: [
        ['tEsT-HEADeR', 'aValUE'],
        ['authorization', 'random-value'],
      ],
    })) as unknown as Event;
    expect(event.headers).toMatchObject({ 'tEsT-HEADeR': 'aValUE', Authorization: 'random-value' });
    expect(event.multiValueHeaders).toMatchObject({ 'tEsT-HEADeR': ['aValUE'], Authorization: ['random-value'] });
    expect(Object.keys(event.headers)).not.toContain('authorization');
  });

  it(`spell User-Agent so whatever the client wrote (source: ${SOURCES.canonicalUserAgent})`, async () => {
    const event = (await api.eventFor('/dev/proxy-value', {
      headers: [['user-agent', 'lower/1.0']],
    })) as unknown as Event & { requestContext: { identity: { userAgent: string } } };
    expect(event.headers['User-Agent']).toBe('lower/1.0');
    expect(event.multiValueHeaders['User-Agent']).toEqual(['lower/1.0']);
    expect(Object.keys(event.headers)).not.toContain('user-agent');
    expect(event.requestContext.identity.userAgent).toBe('lower/1.0');
  });

  it(`carry X-Forwarded-For, X-Forwarded-Port, X-Forwarded-Proto and X-Amzn-Trace-Id (source: ${SOURCES.proxyEvent})`, async () => {
    const event = (await api.eventFor('/dev/proxy-value')) as unknown as Event;
    expect(Object.keys(event.headers)).toEqual(
      expect.arrayContaining(['X-Forwarded-For', 'X-Forwarded-Port', 'X-Forwarded-Proto', 'X-Amzn-Trace-Id']),
    );
  });

  it(`never include Connection, Content-Length, Content-MD5, Expect, Max-Forwards, Proxy-Authenticate, Server, TE, Trailer, Transfer-Encoding, Upgrade, WWW-Authenticate (source: ${SOURCES.droppedHeaders}; Connection and Content-Length absent in ${SOURCES.proxyEvent})`, async () => {
    const sent: Array<[string, string]> = [
      ['Connection', 'keep-alive'],
      ['Content-MD5', 'Q2hlY2sgSW50ZWdyaXR5IQ=='],
      ['Expect', '100-continue'],
      ['Max-Forwards', '10'],
      ['Proxy-Authenticate', 'Basic'],
      ['Server', 'client'],
      ['TE', 'trailers'],
      ['Trailer', 'Expires'],
      ['Upgrade', 'h2c'],
      ['WWW-Authenticate', 'Basic'],
      ['Transfer-Encoding', 'chunked'],
      ['X-Kept', 'yes'],
    ];
    const event = (await api.eventFor('/dev/proxy-value', {
      method: 'POST',
      headers: sent,
      body: 'hello',
    })) as unknown as Event;
    const names = Object.keys(event.headers).map((name) => name.toLowerCase());
    expect(names.filter((name) => sent.some(([s]) => s.toLowerCase() === name))).toEqual(['x-kept']);
    expect(names).not.toContain('content-length');
    expect(Object.keys(event.multiValueHeaders).map((name) => name.toLowerCase())).not.toContain('connection');
    expect(event.body).toBe('hello');
  });
});

describe('binary bodies (the API at /bin has BinaryMediaTypes image/png, application/*, */test; /dev has none)', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

  it(`a request body whose Content-Type is a binary media type arrives base64-encoded, any other as text (source: ${SOURCES.binaryRequest})`, async () => {
    const binary = (await api.eventFor('/bin/upload', {
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: '{"a":1}',
    })) as unknown as Event;
    expect([binary.body, binary.isBase64Encoded]).toEqual([Buffer.from('{"a":1}').toString('base64'), true]);
    const text = (await api.eventFor('/dev/upload', {
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: '{"a":1}',
    })) as unknown as Event;
    expect([text.body, text.isBase64Encoded]).toEqual(['{"a":1}', false]);
  });

  const result = {
    statusCode: 200,
    body: png.toString('base64'),
    isBase64Encoded: true,
    headers: { 'Content-Type': 'image/png' },
  };

  it.each([
    ['/dev, Accept image/png: no binary media types, so the base64 text', '/dev/test', 'image/png', false],
    ['/bin, Accept image/png: bytes', '/bin/test', 'image/png', true],
    ['/bin, Accept image/jpg: the base64 text', '/bin/test', 'image/jpg', false],
    [
      '/bin, Accept image/* (a wildcard sent by the client matches nothing): the base64 text',
      '/bin/test',
      'image/*',
      false,
    ],
    ['/bin, Accept */test (a configured */test matches nothing): the base64 text', '/bin/test', '*/test', false],
    ['/bin, Accept random/test: the base64 text', '/bin/test', 'random/test', false],
    ['/bin, Accept */*: the base64 text', '/bin/test', '*/*', false],
    [
      '/bin, Accept image/webp,image/png,*/*;q=0.8 (only the first counts): the base64 text',
      '/bin/test',
      'image/webp,image/png,*/*;q=0.8',
      false,
    ],
    ['/bin, Accept image/png,image/*,*/*;q=0.8: bytes', '/bin/test', 'image/png,image/*,*/*;q=0.8', true],
    ['/bin, Accept application/whatever (application/* configured): bytes', '/bin/test', 'application/whatever', true],
    ['/bin, Accept application/*: bytes', '/bin/test', 'application/*', true],
  ])(`a base64 result body, %s (source: ${SOURCES.binaryResponse})`, async (_label, path, accept, binary) => {
    const response = await api.respondWith(result, { headers: [['Accept', accept]] }, path);
    expect(response.status).toBe(200);
    expect(response.body.equals(binary ? png : Buffer.from(png.toString('base64')))).toBe(true);
  });

  it(`isBase64Encoded false: the body as it is, even when the Accept matches (source: ${SOURCES.binaryResponse})`, async () => {
    const response = await api.respondWith(
      { ...result, isBase64Encoded: false },
      { headers: [['Accept', 'image/png']] },
      '/bin/test',
    );
    expect(response.text).toBe(png.toString('base64'));
  });
});
