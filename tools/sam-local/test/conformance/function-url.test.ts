// Function URLs and a quick-create HTTP API over real HTTP: the function-url-api fixture (modelled on
// aws-samples/serverless-patterns apigw-http-api-lambda and lambda-function-url), each case naming its source.
import { join } from 'node:path';
import { TOOLKIT_DIR } from '../helpers/paths';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';
import { FORBIDDEN_MESSAGE } from '../../src/function-url/responses';
import { HTTP_API_SOURCES as SOURCES } from './http-api-sources';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'function-url-api', 'template.yaml');
type Init = Parameters<typeof httpRequest>[2];
type Event = Record<string, unknown> & {
  headers: Record<string, string>;
  requestContext: Record<string, unknown> & { http: Record<string, string> };
};

// A SigV4 Authorization header's shape (the signature's value is never checked locally).
const SIGNED: [string, string] = [
  'Authorization',
  'AWS4-HMAC-SHA256 Credential=AKIDLOCALEXAMPLE/20261207/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd',
];

let running: RunningApi;
const urlOf = (functionId: string): string => {
  const found = running.api.functionUrls.find((url) => url.functionId === functionId);
  if (!found) throw new Error(`no function URL for ${functionId}`);
  return found.url;
};
const publicUrl = (path: string, init: Init = {}): Promise<HttpResult> =>
  httpRequest(urlOf('PublicFunction'), path, init);
const iamUrl = (path: string, init: Init = {}): Promise<HttpResult> => httpRequest(urlOf('FURLFunction'), path, init);

beforeAll(async () => {
  running = await startTestApi({ templatePath: TEMPLATE });
});
afterAll(async () => {
  await running?.stop();
});

describe('each function URL on a port of its own', () => {
  it('FURLFunction and PublicFunction each have a URL, distinct from the API port, printed with their AuthType', () => {
    const urls = running.api.functionUrls;
    expect(urls.map((url) => [url.functionId, url.authType])).toEqual([
      ['FURLFunction', 'AWS_IAM'],
      ['PublicFunction', 'NONE'],
    ]);
    expect(new Set([running.api.url, ...urls.map((url) => url.url)]).size).toBe(3);
    expect(running.api.routeLines.join('\n')).toContain(
      `${urls[0]!.url}/*  → FURLFunction (function URL, AuthType AWS_IAM)`,
    );
  });
});

describe(`the function URL event (${SOURCES.urlEvent})`, () => {
  it('payload 2.0, $default, the path as sent, joined query, anonymous caller, the url id as domain prefix', async () => {
    const response = await publicUrl('/pa2%2Fth/1?multiQuery=foo&multiQuery=%2Fbar&q=query', {
      method: 'POST',
      headers: [
        ['Content-Type', 'application/json'],
        ['Content-Length', '13'],
      ],
      body: '{"foo":"bar"}',
    });
    const event = response.json() as Event;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/pa2%2Fth/1',
      queryStringParameters: { multiQuery: 'foo,/bar', q: 'query' },
      body: '{"foo":"bar"}',
      isBase64Encoded: false,
    });
    expect(event).not.toHaveProperty('pathParameters');
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'content-length': '13' });
    const context = event.requestContext;
    expect(context).toMatchObject({ accountId: 'anonymous', routeKey: '$default', stage: '$default' });
    expect(context.domainPrefix).toBe(context.apiId);
    expect(context.apiId).toMatch(/^[0-9a-z]{32}$/);
    expect(context.authorizer).toBeUndefined();
    expect(context.http).toMatchObject({ method: 'POST', path: '/pa2%2Fth/1' });
  });

  it('a multipart form arrives base64; text/plain as text', async () => {
    const form = (
      await publicUrl('/test/value', {
        method: 'POST',
        headers: [['Content-Type', 'multipart/form-data; boundary=b']],
        body: '--b--',
      })
    ).json() as Event;
    const text = (
      await publicUrl('/', { method: 'POST', headers: [['Content-Type', 'text/plain']], body: 'text' })
    ).json() as Event;
    expect([form.body, form.isBase64Encoded]).toEqual([Buffer.from('--b--').toString('base64'), true]);
    expect([text.body, text.isBase64Encoded]).toEqual(['text', false]);
  });

  it(`x-amzn-RequestId is the invocation's request id, the event's requestId (${SOURCES.urlRequestId})`, async () => {
    const response = await publicUrl('/');
    const event = response.json() as Event;
    expect(response.headers['x-amzn-requestid']).toBe(event.requestContext.requestId);
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe(`Lambda's answers on a function URL`, () => {
  it(`the function throws: 502 "Internal Server Error" (${SOURCES.urlError})`, async () => {
    const mark = running.lines.length;
    const response = await publicUrl('/', { headers: [['x-respond-with', 'throw']] });
    expect([response.status, response.text]).toEqual([502, 'Internal Server Error']);
    expect(running.lines.slice(mark).join('\n')).toMatch(/502: PublicFunction failed: Error: asked to fail/);
  });

  it(`a result without statusCode is inferred as on an HTTP API (${SOURCES.inferredResponse})`, async () => {
    const response = await publicUrl('/', {
      method: 'POST',
      headers: [
        ['x-respond-with', 'body'],
        ['Content-Type', 'application/json'],
      ],
      body: '"hello"',
    });
    expect([response.status, response.headers['content-type'], response.text]).toEqual([
      200,
      'application/json',
      'hello',
    ]);
  });

  it('a malformed result: 502', async () => {
    const response = await publicUrl('/', {
      method: 'POST',
      headers: [
        ['x-respond-with', 'body'],
        ['Content-Type', 'application/json'],
      ],
      body: '{"statusCode":"test"}',
    });
    expect(response.status).toBe(502);
  });
});

describe(`AuthType AWS_IAM (${SOURCES.urlAuth}; ${SOURCES.urlForbidden})`, () => {
  it("a request without a SigV4 signature: Lambda's 403, the function not invoked", async () => {
    const mark = running.output.length;
    const response = await iamUrl('/anything');
    expect(response.status).toBe(403);
    expect(response.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(response.json()).toEqual({ Message: FORBIDDEN_MESSAGE });
    expect(running.output.slice(mark)).toEqual([]);
  });

  it('a signed request (header or presigned query) reaches the function, the access key in requestContext.authorizer.iam', async () => {
    const signed = (await iamUrl('/x', { headers: [SIGNED] })).json() as Event;
    expect(signed.requestContext.authorizer).toMatchObject({ iam: { accessKey: 'AKIDLOCALEXAMPLE' } });
    const presigned = await iamUrl(
      '/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDQUERY%2F20261207%2Fus-east-1%2Flambda%2Faws4_request&X-Amz-Signature=abc',
    );
    expect(presigned.status).toBe(200);
    expect((presigned.json() as Event).requestContext.authorizer).toMatchObject({ iam: { accessKey: 'AKIDQUERY' } });
  });

  it('an Authorization header of another scheme is no signature', async () => {
    expect((await iamUrl('/x', { headers: [['Authorization', 'Bearer abc']] })).status).toBe(403);
  });

  it('the Cors of the URL answers a preflight even without a signature', async () => {
    const response = await iamUrl('/x', {
      method: 'OPTIONS',
      headers: [
        ['Origin', 'https://site.example'],
        ['Access-Control-Request-Method', 'GET'],
      ],
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});

describe(`the quick-create HTTP API (${SOURCES.payload}; ${SOURCES.cors})`, () => {
  it('its Target function answers every path on the $default route; the CorsConfiguration answers preflights', async () => {
    const event = (await httpRequest(running.api.url, '/any/path?x=1')).json() as Event;
    expect(event).toMatchObject({ version: '2.0', routeKey: '$default', rawPath: '/any/path' });
    const preflight = await httpRequest(running.api.url, '/any/path', {
      method: 'OPTIONS',
      headers: [
        ['Origin', 'https://site.example'],
        ['Access-Control-Request-Method', 'POST'],
      ],
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,HEAD,OPTIONS,POST',
    });
  });
});
