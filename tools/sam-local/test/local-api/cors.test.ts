import { parseParameterOverrides } from '../../src/template/parameters';
import { httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';
import { HELLO_TEMPLATE } from '../helpers/paths';

const TEMPLATE = HELLO_TEMPLATE;

describe('CORS on the local API, from the template', () => {
  let running: RunningApi;
  beforeAll(async () => {
    running = await startTestApi({ templatePath: TEMPLATE });
  });
  afterAll(() => running.stop());

  it.each(['/hello', '/dev/hello'])(
    'answers the preflight for %s as the deployed OPTIONS method would',
    async (path) => {
      const res = await httpRequest(running.api.url, path, {
        method: 'OPTIONS',
        headers: [
          ['Origin', 'http://example.test'],
          ['Access-Control-Request-Method', 'GET'],
        ],
      });
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET,OPTIONS',
        'access-control-allow-headers': 'Content-Type',
        'access-control-max-age': '600',
      });
      expect(res.body.length).toBe(0);
    },
  );

  it('lets the function’s responses and the gateway’s own errors be read cross-origin', async () => {
    const ok = await httpRequest(running.api.url, '/dev/hello?name=Ada', {
      headers: [['Origin', 'http://example.test']],
    });
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    const missing = await httpRequest(running.api.url, '/dev/nowhere');
    expect(missing.status).toBe(403);
    expect(missing.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers 403 to a preflight for a path the template does not define', async () => {
    const res = await httpRequest(running.api.url, '/dev/nowhere', { method: 'OPTIONS' });
    expect(res.status).toBe(403);
  });
});

describe('CORS with --parameter-overrides AllowedOrigin=…', () => {
  let running: RunningApi;
  beforeAll(async () => {
    running = await startTestApi({
      templatePath: TEMPLATE,
      parameterOverrides: parseParameterOverrides('AllowedOrigin=http://localhost:5173'),
    });
  });
  afterAll(() => running.stop());

  it('names only that origin in the preflight and in every response', async () => {
    const preflight = await httpRequest(running.api.url, '/dev/hello', { method: 'OPTIONS' });
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const ok = await httpRequest(running.api.url, '/dev/hello');
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const bad = await httpRequest(running.api.url, '/dev/hello?name=%3Cb%3E');
    expect([bad.status, bad.headers['access-control-allow-origin']]).toEqual([400, 'http://localhost:5173']);
  });
});

describe('parseParameterOverrides', () => {
  it('reads Key=Value pairs, quoted or not', () => {
    expect(parseParameterOverrides(`AllowedOrigin=http://x:1 StageName="my stage" Level='DEBUG'`)).toEqual({
      AllowedOrigin: 'http://x:1',
      StageName: 'my stage',
      Level: 'DEBUG',
    });
    expect(parseParameterOverrides('')).toEqual({});
  });

  it('refuses what it cannot read, saying where', () => {
    expect(() => parseParameterOverrides('AllowedOrigin')).toThrow(/Cannot read parameter override at "AllowedOrigin"/);
    expect(() => parseParameterOverrides('A=1 =2')).toThrow(/at "=2"/);
  });
});
