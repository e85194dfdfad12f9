// Authorizers of an HTTP API (Lambda authorizers in payload 1.0 and 2.0, simple responses, JWT, AWS_IAM), served
// over HTTP from the authorizers-http-api fixture. Each case names its source.
import { join } from 'node:path';
import { HTTP_DENIALS } from '../../src/authorizers/http-authorize';
import { TOOLKIT_DIR } from '../helpers/paths';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';
import { tokenIssuer, type TokenIssuer } from '../helpers/jwt-tokens';
import { SOURCES } from './sources';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'authorizers-http-api', 'template.yaml');
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool';
const AUDIENCE = 'local-app-client';

let running: RunningApi;
let issuer: TokenIssuer;
beforeAll(async () => {
  issuer = await tokenIssuer();
  running = await startTestApi({ templatePath: TEMPLATE, jwks: issuer.jwks });
});
afterAll(() => running.stop());

function get(path: string, headers: Array<[string, string]> = []): Promise<HttpResult> {
  return httpRequest(running.api.url, path, { headers });
}

type Event = { requestContext: { authorizer?: Record<string, unknown> } };

function expectDenial(response: HttpResult, denial: { statusCode: number; message: string }): void {
  expect([response.status, response.text]).toEqual([denial.statusCode, JSON.stringify({ message: denial.message })]);
  expect(response.headers['apigw-requestid']).toBeDefined();
  expect(response.headers['x-amzn-errortype']).toBeUndefined();
}

function printed(prefix: string): string[] {
  return running.output.filter((line) => line.startsWith(prefix));
}

describe('Lambda authorizer, payload 2.0', () => {
  it(`IAM-policy answer: Allow → context under requestContext.authorizer.lambda (source: ${SOURCES.httpLambdaAuthorizer})`, async () => {
    const response = await get('/lambda-v2?query=q1', [['header', 'allow']]);
    expect(response.status).toBe(200);
    expect((response.json() as Event).requestContext.authorizer).toEqual({
      lambda: { passed: 'from authorizer', number: 1, bool: true, version: '2.0' },
    });
  });

  it(`gets version, type, routeArn, identitySource values and the request (source: ${SOURCES.httpLambdaAuthorizer})`, async () => {
    await get('/lambda-v2?query=q2', [['header', 'dump-v2']]);
    const line = printed('[AuthorizerFunction] event ').at(-1)!;
    const event = JSON.parse(line.slice('[AuthorizerFunction] event '.length)) as Record<string, unknown>;
    expect(event).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      identitySource: ['dump-v2', 'q2'],
      routeKey: 'GET /lambda-v2',
      rawPath: '/lambda-v2',
      rawQueryString: 'query=q2',
    });
    expect(event.routeArn).toMatch(
      /^arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]{10}\/\$default\/GET\/lambda-v2$/,
    );
    expect(event).not.toHaveProperty('body');
  });

  it(`a missing identity source → 401 {"message":"Unauthorized"}, not invoked (source: ${SOURCES.httpLambdaAuthorizer})`, async () => {
    const before = printed('[AuthorizerFunction] authorizing').length;
    expectDenial(await get('/lambda-v2', [['header', 'allow']]), HTTP_DENIALS.unauthorized);
    expect(printed('[AuthorizerFunction] authorizing').length).toBe(before);
  });

  it(`Deny → 403 {"message":"Forbidden"}; a failing authorizer → 500 (source: ${SOURCES.httpLambdaAuthorizer})`, async () => {
    expectDenial(await get('/lambda-v2?query=q', [['header', 'deny']]), HTTP_DENIALS.forbidden);
    expectDenial(await get('/lambda-v2?query=q', [['header', 'broken']]), HTTP_DENIALS.authorizerFailure);
  });
});

describe('Lambda authorizer, payload 1.0 and simple responses', () => {
  it(`1.0: methodArn, identitySource and authorizationToken as text, the REST-shaped request (source: ${SOURCES.httpLambdaAuthorizer})`, async () => {
    const response = await get('/lambda-v1', [['header', 'dump-v1']]);
    expect(response.status).toBe(200);
    const line = printed('[AuthorizerFunction] event ').at(-1)!;
    const event = JSON.parse(line.slice('[AuthorizerFunction] event '.length)) as Record<string, unknown>;
    expect(event).toMatchObject({
      version: '1.0',
      type: 'REQUEST',
      identitySource: 'dump-v1',
      authorizationToken: 'dump-v1',
      httpMethod: 'GET',
    });
    expect(event.methodArn).toMatch(/\/\$default\/GET\/lambda-v1$/);
  });

  it(`simple responses: isAuthorized true passes with its context, false → 403; cached for ReauthorizeEvery (source: ${SOURCES.httpLambdaAuthorizer})`, async () => {
    const allowed = await get('/simple', [['header', 'allow']]);
    expect(allowed.status).toBe(200);
    expect((allowed.json() as Event).requestContext.authorizer).toEqual({
      lambda: { number: 1, bool: true, passed: 'from authorizer' },
    });
    expectDenial(await get('/simple', [['header', 'nope']]), HTTP_DENIALS.forbidden);
    await get('/simple', [['header', 'allow']]);
    expect(printed('[SimpleAuthorizerFunction] simple allow')).toHaveLength(1);
  });
});

describe('JWT authorizer', () => {
  const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', scope: 'orders/read profile' };

  it(`a valid token (Bearer or not) → claims and scopes under requestContext.authorizer.jwt (source: ${SOURCES.httpJwtAuthorizer})`, async () => {
    const token = await issuer.sign(claims);
    for (const value of [`Bearer ${token}`, token]) {
      const response = await get('/jwt', [['Authorization', value]]);
      expect(response.status).toBe(200);
      expect((response.json() as Event).requestContext.authorizer).toMatchObject({
        jwt: { claims: { sub: 'user-1', aud: AUDIENCE }, scopes: ['orders/read', 'profile'] },
      });
    }
  });

  it(`no token, wrong audience, expired, a foreign signature → 401 with WWW-Authenticate (source: ${SOURCES.httpJwtAuthorizer})`, async () => {
    const missing = await get('/jwt');
    expectDenial(missing, HTTP_DENIALS.unauthorized);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    const stranger = await tokenIssuer('other');
    for (const token of [
      await issuer.sign({ ...claims, aud: 'another-client' }),
      await issuer.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }),
      await stranger.sign(claims),
    ]) {
      const response = await get('/jwt', [['Authorization', `Bearer ${token}`]]);
      expectDenial(response, HTTP_DENIALS.unauthorized);
      expect(response.headers['www-authenticate']).toMatch(
        /^Bearer scope="" error="invalid_token" error_description="/,
      );
    }
  });

  it(`AuthorizationScopes: a token without one of them → 403 insufficient_scope (source: ${SOURCES.httpJwtAuthorizer})`, async () => {
    expect((await get('/orders', [['Authorization', await issuer.sign(claims)]])).status).toBe(200);
    const response = await get('/orders', [['Authorization', await issuer.sign({ ...claims, scope: 'profile' })]]);
    expectDenial(response, HTTP_DENIALS.forbidden);
    expect(response.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
  });
});

describe('NONE and AWS_IAM', () => {
  it(`Authorizer: NONE skips the DefaultAuthorizer (source: ${SOURCES.samHttpAuth})`, async () => {
    const response = await get('/public');
    expect(response.status).toBe(200);
    expect('authorizer' in (response.json() as Event).requestContext).toBe(false);
  });

  it(`AWS_IAM: an unsigned request → 403 Forbidden, a signed one passes (source: ${SOURCES.httpIam})`, async () => {
    expectDenial(await get('/iam'), HTTP_DENIALS.forbidden);
    const signed = await get('/iam', [
      ['Authorization', 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request'],
    ]);
    expect(signed.status).toBe(200);
  });
});
