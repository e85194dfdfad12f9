// Authorizers of a REST API (Lambda TOKEN and REQUEST, Cognito user pools) and API keys, served over HTTP from the
// authorizers-rest-api fixture. Each case names its source.
import { join } from 'node:path';
import { REST_DENIALS } from '../../src/authorizers/denials';
import { TOOLKIT_DIR } from '../helpers/paths';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';
import { tokenIssuer, type TokenIssuer } from '../helpers/jwt-tokens';
import { SOURCES } from './sources';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'authorizers-rest-api', 'template.yaml');
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool';

let running: RunningApi;
let issuer: TokenIssuer;
beforeAll(async () => {
  issuer = await tokenIssuer();
  running = await startTestApi({ templatePath: TEMPLATE, jwks: issuer.jwks, apiKeys: ['local-key-1'] });
});
afterAll(() => running.stop());

function get(path: string, headers: Array<[string, string]> = []): Promise<HttpResult> {
  return httpRequest(running.api.url, path, { headers });
}

type Event = { requestContext: { authorizer?: Record<string, unknown>; identity: Record<string, unknown> } };

function invocations(token: string): number {
  return running.output.filter(
    (line) => line.startsWith('[AuthorizerFunction]') && line.includes(`authorizing`) && line.includes(` ${token} `),
  ).length;
}

function expectDenial(response: HttpResult, denial: (typeof REST_DENIALS)[keyof typeof REST_DENIALS]): void {
  expect([response.status, response.text, response.headers['x-amzn-errortype']]).toEqual([
    denial.statusCode,
    denial.body,
    denial.errorType,
  ]);
  expect(response.headers['x-amzn-requestid']).toBeDefined();
}

describe('Lambda TOKEN authorizer', () => {
  it(`allows: principalId, context values as strings and integrationLatency reach requestContext.authorizer (source: ${SOURCES.authorizerOutput})`, async () => {
    const response = await get('/api/token', [['header', 'allow']]);
    expect(response.status).toBe(200);
    const { authorizer } = (response.json() as Event).requestContext;
    expect(authorizer).toMatchObject({
      principalId: 'user|a1b2c3d4',
      passed: 'from authorizer',
      number: '1',
      bool: 'true',
      type: 'TOKEN',
    });
    expect(typeof authorizer?.integrationLatency).toBe('number');
  });

  it(`gets {type, authorizationToken, methodArn} with the stage, method and requested path (source: ${SOURCES.authorizerInput})`, async () => {
    await get('/api/token/42', [['header', 'arn-check']]);
    const line = running.output.find((l) => l.includes('authorizing TOKEN arn-check'));
    expect(line).toMatch(/for arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]{10}\/api\/GET\/token\/42$/);
  });

  it(`a missing identity header → 401 Unauthorized, the function not invoked (source: ${SOURCES.authorizerAnswers})`, async () => {
    const before = running.output.length;
    expectDenial(await get('/api/token'), REST_DENIALS.unauthorized);
    expect(running.output.slice(before).some((line) => line.includes('authorizing'))).toBe(false);
    expect(running.lines.some((line) => line.includes('method.request.header.header is missing'))).toBe(true);
  });

  it(`a token that does not match ValidationExpression → 401, not invoked (source: ${SOURCES.samAuth})`, async () => {
    expectDenial(await get('/api/token', [['header', 'UPPER1']]), REST_DENIALS.unauthorized);
    expect(invocations('UPPER1')).toBe(0);
  });

  it(`an explicit Deny → 403 with the explicit-deny message (source: ${SOURCES.authorizerAnswers})`, async () => {
    expectDenial(await get('/api/token', [['header', 'deny']]), REST_DENIALS.explicitDeny);
  });

  it(`a thrown "Unauthorized" → 401 (source: ${SOURCES.authorizerUnauthorized})`, async () => {
    expectDenial(await get('/api/token', [['header', 'unauthorized']]), REST_DENIALS.unauthorized);
  });

  it(`a broken authorizer (another error, a context with an object) → 500 AuthorizerConfigurationException (source: ${SOURCES.authorizerConfigError}; ${SOURCES.authorizerOutput})`, async () => {
    expectDenial(await get('/api/token', [['header', 'broken']]), REST_DENIALS.configurationError);
    expectDenial(await get('/api/token', [['header', 'malformed']]), REST_DENIALS.configurationError);
    // The terminal says why: the function's error, and what was wrong with its answer.
    expect(running.lines.some((line) => line.startsWith('500 ') && line.includes('the authorizer is broken'))).toBe(
      true,
    );
    expect(running.lines.some((line) => line.startsWith('500 ') && line.includes('context.nested is an object'))).toBe(
      true,
    );
  });

  it(`caches the answer by token for ReauthorizeEvery (default 300 s), evaluating the cached policy per method (source: ${SOURCES.authorizerCaching}; ${SOURCES.samAuth})`, async () => {
    expect((await get('/api/token/1', [['header', 'narrow']])).status).toBe(200);
    expect((await get('/api/token/1', [['header', 'narrow']])).status).toBe(200);
    expect(invocations('narrow')).toBe(1);
    // The cached policy names only /token/1: another resource is denied without asking the function again.
    expectDenial(await get('/api/token/2', [['header', 'narrow']]), REST_DENIALS.implicitDeny);
    expect(invocations('narrow')).toBe(1);
  });

  it(`ReauthorizeEvery: 0 invokes the authorizer on every request (source: ${SOURCES.authorizerCaching})`, async () => {
    await get('/api/uncached', [['header', 'every-time']]);
    await get('/api/uncached', [['header', 'every-time']]);
    expect(invocations('every-time')).toBe(2);
  });
});

describe('Lambda REQUEST authorizer', () => {
  it(`gets the request (headers, query, path, requestContext) with type and methodArn, and its context reaches the function (source: ${SOURCES.authorizerInput})`, async () => {
    const response = await get('/api/request?query=q1', [['header', 'allow']]);
    expect(response.status).toBe(200);
    expect((response.json() as Event).requestContext.authorizer).toMatchObject({
      type: 'REQUEST',
      principalId: 'user|a1b2c3d4',
    });
  });

  it(`a missing query string identity source → 401 without invoking (source: ${SOURCES.authorizerAnswers})`, async () => {
    expectDenial(await get('/api/request', [['header', 'allow']]), REST_DENIALS.unauthorized);
    expect(running.lines.some((line) => line.includes('method.request.querystring.query is missing'))).toBe(true);
  });
});

describe('Authorizer: NONE and API keys', () => {
  it(`a route with Authorizer: NONE skips the DefaultAuthorizer; no authorizer key in its event (source: ${SOURCES.samAuth}; ${SOURCES.proxyEvent})`, async () => {
    const response = await get('/api/public');
    expect(response.status).toBe(200);
    expect('authorizer' in (response.json() as Event).requestContext).toBe(false);
  });

  it(`ApiKeyRequired without x-api-key, or with an unknown one → 403 {"message":"Forbidden"} (source: ${SOURCES.apiKey})`, async () => {
    expectDenial(await get('/api/keyed'), REST_DENIALS.forbidden);
    expectDenial(await get('/api/keyed', [['x-api-key', 'wrong']]), REST_DENIALS.forbidden);
  });

  it(`with a valid key the function runs and identity carries apiKey and apiKeyId (source: ${SOURCES.apiKey})`, async () => {
    const response = await get('/api/keyed', [['x-api-key', 'local-key-1']]);
    expect(response.status).toBe(200);
    expect((response.json() as Event).requestContext.identity).toMatchObject({
      apiKey: 'local-key-1',
      apiKeyId: expect.any(String) as string,
    });
  });
});

describe('Cognito user pool authorizer', () => {
  const idClaims = {
    iss: ISSUER,
    token_use: 'id',
    sub: 'user-1',
    'cognito:groups': ['admin', 'ops'],
    email: 'ada@example.com',
  };

  it(`an ID token of the pool → claims as strings in requestContext.authorizer.claims (source: ${SOURCES.cognitoAuthorizer})`, async () => {
    const token = await issuer.sign(idClaims);
    const response = await get('/api/cognito', [['Authorization', token]]);
    expect(response.status).toBe(200);
    const claims = (response.json() as Event).requestContext.authorizer?.claims as Record<string, string>;
    expect(claims).toMatchObject({
      sub: 'user-1',
      email: 'ada@example.com',
      token_use: 'id',
      'cognito:groups': '[admin ops]',
    });
    expect(typeof claims.exp).toBe('string');
  });

  it(`no token, another pool's token, an access token without scopes → 401 Unauthorized (source: ${SOURCES.cognitoAuthorizer})`, async () => {
    expectDenial(await get('/api/cognito'), REST_DENIALS.unauthorized);
    const otherPool = await issuer.sign({
      ...idClaims,
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other',
    });
    expectDenial(await get('/api/cognito', [['Authorization', otherPool]]), REST_DENIALS.unauthorized);
    const access = await issuer.sign({ ...idClaims, token_use: 'access' });
    expectDenial(await get('/api/cognito', [['Authorization', access]]), REST_DENIALS.unauthorized);
  });

  it(`an expired token → 401 "The incoming token has expired" (source: ${SOURCES.cognitoExpired})`, async () => {
    const expired = await issuer.sign({ ...idClaims, exp: Math.floor(Date.now() / 1000) - 60 });
    expectDenial(await get('/api/cognito', [['Authorization', expired]]), REST_DENIALS.expiredToken);
  });

  it(`a token signed with a key not in --jwks → 401 (the signature is checked when keys are given)`, async () => {
    const stranger = await tokenIssuer('stranger');
    expectDenial(
      await get('/api/cognito', [['Authorization', await stranger.sign(idClaims)]]),
      REST_DENIALS.unauthorized,
    );
  });

  it(`AuthorizationScopes: an access token with one of the scopes passes, one without → 401 (source: ${SOURCES.cognitoAuthorizer})`, async () => {
    const withScope = await issuer.sign({ iss: ISSUER, token_use: 'access', scope: 'orders/read profile' });
    expect((await get('/api/orders', [['Authorization', withScope]])).status).toBe(200);
    const without = await issuer.sign({ iss: ISSUER, token_use: 'access', scope: 'profile' });
    expectDenial(await get('/api/orders', [['Authorization', without]]), REST_DENIALS.unauthorized);
  });
});
