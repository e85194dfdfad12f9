import { AuthorizerCache } from '../../src/authorizers/cache';
import {
  authorizeHttp,
  HTTP_DENIALS,
  httpAuthorizerEvent,
  readHttpAnswer,
  routeArn,
  type CachedHttpAnswer,
  type HttpAuthorizeDeps,
} from '../../src/authorizers/http-authorize';
import type { HttpRouteAuth, JwtHttpAuthorizer, LambdaHttpAuthorizer } from '../../src/authorizers/http-config';
import type { IdentityView } from '../../src/authorizers/identity-sources';
import type { InvokeOutcome } from '../../src/lambda/runtime';
import { tokenIssuer, type TokenIssuer } from '../helpers/jwt-tokens';

// The decisions of the HTTP API's authorization step, with the authorizer function's outcome given directly.
// Sources: docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html and
// http-api-jwt-authorizer.html.
const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc/$default/GET/items/1';
const v2Request = {
  version: '2.0',
  routeKey: 'GET /items/{id}',
  rawPath: '/items/1',
  body: 'b',
  isBase64Encoded: false,
};
const v1Request = { version: '1.0', resource: '/items/{id}', path: '/items/1', body: 'b', isBase64Encoded: false };

const lambda: LambdaHttpAuthorizer = {
  type: 'lambda',
  name: 'L',
  functionId: 'AuthFn',
  payloadVersion: '2.0',
  simpleResponses: true,
  identitySources: [{ kind: 'header', name: 'Authorization' }],
  ttlSeconds: 0,
};

function view(headers: Record<string, string> = {}, query: Record<string, string> | null = null): IdentityView {
  return { headers, query, stageVariables: null, context: {} };
}

function harness(outcome: InvokeOutcome, extra: Partial<HttpAuthorizeDeps> = {}) {
  const events: unknown[] = [];
  const deps: HttpAuthorizeDeps = {
    invoke: (_functionId, event) => {
      events.push(event);
      return Promise.resolve(outcome);
    },
    cache: new AuthorizerCache<CachedHttpAnswer>(),
    now: () => Date.now(),
    ...extra,
  };
  return { deps, events };
}

const result = (value: unknown): InvokeOutcome => ({ kind: 'result', result: value });

function decide(auth: HttpRouteAuth, v: IdentityView, deps: HttpAuthorizeDeps) {
  return authorizeHttp(
    {
      auth,
      view: v,
      routeArn: ARN,
      requestEvent: (version) => (version === '2.0' ? { ...v2Request } : { ...v1Request }),
    },
    deps,
  );
}

describe('routeArn', () => {
  it('names the API, stage, method and path', () => {
    expect(
      routeArn({ region: 'us-east-1', accountId: '1', apiId: 'a', stage: '$default', method: 'GET', path: '/x/y' }),
    ).toBe('arn:aws:execute-api:us-east-1:1:a/$default/GET/x/y');
  });

  it('drops every leading slash of the path', () => {
    expect(
      routeArn({ region: 'us-east-1', accountId: '1', apiId: 'a', stage: 'dev', method: 'GET', path: '//x/y' }),
    ).toBe('arn:aws:execute-api:us-east-1:1:a/dev/GET/x/y');
  });
});

describe('Lambda authorizer events', () => {
  it('2.0: version, type, routeArn, the identity values as a list, the request without its body', () => {
    expect(httpAuthorizerEvent(lambda, { routeArn: ARN, requestEvent: () => ({ ...v2Request }) }, ['t', 'q'])).toEqual({
      version: '2.0',
      type: 'REQUEST',
      routeArn: ARN,
      identitySource: ['t', 'q'],
      routeKey: 'GET /items/{id}',
      rawPath: '/items/1',
    });
  });

  it('1.0: methodArn, identitySource and authorizationToken as the values joined by commas', () => {
    const v1 = { ...lambda, payloadVersion: '1.0' as const };
    expect(httpAuthorizerEvent(v1, { routeArn: ARN, requestEvent: () => ({ ...v1Request }) }, ['t', 'q'])).toEqual({
      version: '1.0',
      type: 'REQUEST',
      methodArn: ARN,
      identitySource: 't,q',
      authorizationToken: 't,q',
      resource: '/items/{id}',
      path: '/items/1',
    });
  });
});

describe('Lambda authorizer decisions', () => {
  it('simple response: isAuthorized true allows with context under lambda; false is 403 Forbidden', async () => {
    const allowed = harness(result({ isAuthorized: true, context: { user: 'u1', n: 1 } }));
    expect(await decide({ authorizer: lambda, scopes: [] }, view({ authorization: 't' }), allowed.deps)).toEqual({
      kind: 'allow',
      authorizer: { lambda: { user: 'u1', n: 1 } },
    });
    expect(allowed.events).toHaveLength(1);
    const refused = harness(result({ isAuthorized: false }));
    expect(await decide({ authorizer: lambda, scopes: [] }, view({ authorization: 't' }), refused.deps)).toEqual({
      kind: 'deny',
      denial: HTTP_DENIALS.forbidden,
      reason: 'AuthFn answered isAuthorized: false',
    });
  });

  it('a missing identity source is 401 without invoking', async () => {
    const h = harness(result({ isAuthorized: true }));
    expect(await decide({ authorizer: lambda, scopes: [] }, view(), h.deps)).toEqual({
      kind: 'deny',
      denial: HTTP_DENIALS.unauthorized,
      reason: 'identity source $request.header.Authorization is missing or empty; AuthFn not invoked',
    });
    expect(h.events).toEqual([]);
  });

  it('IAM policy answers (1.0, or 2.0 without simple responses) are evaluated for the route ARN', async () => {
    const policy = (effect: string, resource: string) =>
      result({
        principalId: 'p',
        policyDocument: { Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: resource }] },
        context: { k: 'v' },
      });
    const iamAuth = { authorizer: { ...lambda, payloadVersion: '1.0' as const }, scopes: [] };
    expect(await decide(iamAuth, view({ Authorization: 't' }), harness(policy('Allow', ARN)).deps)).toEqual({
      kind: 'allow',
      authorizer: { lambda: { k: 'v' } },
    });
    expect(await decide(iamAuth, view({ Authorization: 't' }), harness(policy('Deny', '*')).deps)).toEqual({
      kind: 'deny',
      denial: HTTP_DENIALS.forbidden,
      reason: `AuthFn's policy does not allow ${ARN}`,
    });
    expect(
      await decide(iamAuth, view({ Authorization: 't' }), harness(policy('Allow', 'arn:other')).deps),
    ).toMatchObject({
      denial: HTTP_DENIALS.forbidden,
    });
    expect(
      await decide(
        iamAuth,
        view({ Authorization: 't' }),
        harness(result({ principalId: 'p', policyDocument: 'x' })).deps,
      ),
    ).toEqual({
      kind: 'deny',
      denial: HTTP_DENIALS.authorizerFailure,
      reason: 'AuthFn: policyDocument is not an object',
    });
  });

  it('a failing authorizer is 500 Internal Server Error; a thrown "Unauthorized" 401', async () => {
    const failed = (message: string): InvokeOutcome => ({
      kind: 'error',
      errorType: 'Error',
      errorMessage: message,
      stackTrace: [],
    });
    expect(
      await decide({ authorizer: lambda, scopes: [] }, view({ Authorization: 't' }), harness(failed('boom')).deps),
    ).toEqual({
      kind: 'deny',
      denial: HTTP_DENIALS.authorizerFailure,
      reason: 'AuthFn failed: Error: boom',
    });
    expect(
      await decide(
        { authorizer: lambda, scopes: [] },
        view({ Authorization: 't' }),
        harness(failed('Unauthorized')).deps,
      ),
    ).toEqual({ kind: 'deny', denial: HTTP_DENIALS.unauthorized, reason: 'AuthFn answered "Unauthorized"' });
    expect(
      await decide(
        { authorizer: lambda, scopes: [] },
        view({ Authorization: 't' }),
        harness({ kind: 'timeout', timeoutSeconds: 1 }).deps,
      ),
    ).toMatchObject({
      denial: HTTP_DENIALS.authorizerFailure,
      reason: "AuthFn timed out after 1.00 seconds (the template's Timeout)",
    });
    expect(
      await decide(
        { authorizer: lambda, scopes: [] },
        view({ Authorization: 't' }),
        harness({ kind: 'crash', reason: 'gone' }).deps,
      ),
    ).toMatchObject({
      denial: HTTP_DENIALS.authorizerFailure,
      reason: 'AuthFn: gone; a fresh environment serves the next request',
    });
    expect(
      await decide(
        { authorizer: lambda, scopes: [] },
        view({ Authorization: 't' }),
        harness(result({ isAuthorized: 'yes' })).deps,
      ),
    ).toEqual({
      kind: 'deny',
      denial: HTTP_DENIALS.authorizerFailure,
      reason: 'AuthFn: a simple response needs isAuthorized: true or false',
    });
  });

  it('caches by identity values for ReauthorizeEvery, and not at 0', async () => {
    const cached = harness(result({ isAuthorized: true }));
    const auth = { authorizer: { ...lambda, ttlSeconds: 60 }, scopes: [] };
    await decide(auth, view({ Authorization: 't' }), cached.deps);
    await decide(auth, view({ Authorization: 't' }), cached.deps);
    expect(cached.events).toHaveLength(1);
    const uncached = harness(result({ isAuthorized: true }));
    await decide({ authorizer: lambda, scopes: [] }, view({ Authorization: 't' }), uncached.deps);
    await decide({ authorizer: lambda, scopes: [] }, view({ Authorization: 't' }), uncached.deps);
    expect(uncached.events).toHaveLength(2);
  });
});

describe('readHttpAnswer', () => {
  it('reads simple and policy answers, naming what is wrong', () => {
    expect(readHttpAnswer({ isAuthorized: true }, true)).toEqual({ kind: 'simple', isAuthorized: true, context: {} });
    expect(readHttpAnswer({ policyDocument: { Statement: [] }, context: { a: 1 } }, false)).toEqual({
      kind: 'policy',
      policyDocument: { Statement: [] },
      context: { a: 1 },
    });
    expect(readHttpAnswer(null, true)).toBe('the authorizer returned null, not an object');
    expect(readHttpAnswer(undefined, true)).toBe('the authorizer returned nothing, not an object');
    expect(readHttpAnswer([true], true)).toBe('the authorizer returned [true], not an object');
    expect(readHttpAnswer({ isAuthorized: true, context: 'x' }, true)).toBe('the authorizer context is not a map');
    expect(readHttpAnswer({ isAuthorized: true, context: null }, true)).toEqual({
      kind: 'simple',
      isAuthorized: true,
      context: {},
    });
    expect(readHttpAnswer({ isAuthorized: true, context: [1] }, true)).toBe('the authorizer context is not a map');
    expect(readHttpAnswer({ isAuthorized: true }, false)).toBe(
      'the authorizer returned no policyDocument (simple responses are off)',
    );
  });
});

describe('JWT authorizer', () => {
  const ISS = 'https://issuer.example.com';
  const jwt: JwtHttpAuthorizer = {
    type: 'jwt',
    name: 'J',
    issuer: ISS,
    audiences: ['client-1'],
    identitySource: { kind: 'header', name: 'Authorization' },
  };
  let issuer: TokenIssuer;
  beforeAll(async () => {
    issuer = await tokenIssuer();
  });
  const deps = (extra: Partial<HttpAuthorizeDeps> = {}) => harness(result(null), extra).deps;

  it('allows a valid token (with or without Bearer), claims as strings and scopes under jwt', async () => {
    const token = await issuer.sign({ iss: ISS, aud: 'client-1', sub: 'u1', scope: 'a/read b/write' });
    const expected = {
      kind: 'allow',
      authorizer: {
        jwt: {
          claims: expect.objectContaining({ sub: 'u1', aud: 'client-1', scope: 'a/read b/write' }) as object,
          scopes: ['a/read', 'b/write'],
        },
      },
    };
    expect(await decide({ authorizer: jwt, scopes: [] }, view({ Authorization: `Bearer ${token}` }), deps())).toEqual(
      expected,
    );
    expect(await decide({ authorizer: jwt, scopes: ['b/write'] }, view({ Authorization: token }), deps())).toEqual(
      expected,
    );
    const noScope = await issuer.sign({ iss: ISS, client_id: 'client-1' });
    expect(await decide({ authorizer: jwt, scopes: [] }, view({ Authorization: noScope }), deps())).toMatchObject({
      authorizer: { jwt: { scopes: null } },
    });
    const scp = await issuer.sign({ iss: ISS, client_id: 'client-1', scp: ['x'] });
    expect(await decide({ authorizer: jwt, scopes: [] }, view({ Authorization: scp }), deps())).toMatchObject({
      authorizer: { jwt: { scopes: ['x'] } },
    });
  });

  it('no token → 401 with WWW-Authenticate: Bearer', async () => {
    expect(await decide({ authorizer: jwt, scopes: [] }, view(), deps())).toEqual({
      kind: 'deny',
      denial: { ...HTTP_DENIALS.unauthorized, headers: { 'www-authenticate': 'Bearer' } },
      reason: 'identity source $request.header.Authorization is missing or empty',
    });
  });

  it('an invalid token → 401 invalid_token; the wrong audience too', async () => {
    const expired = await issuer.sign({ iss: ISS, aud: 'client-1', exp: 1 });
    expect(await decide({ authorizer: jwt, scopes: ['s'] }, view({ Authorization: expired }), deps())).toEqual({
      kind: 'deny',
      denial: {
        ...HTTP_DENIALS.unauthorized,
        headers: {
          'www-authenticate': 'Bearer scope="s" error="invalid_token" error_description="the token has expired"',
        },
      },
      reason: 'J: the token has expired',
    });
    const otherAudience = await issuer.sign({ iss: ISS, aud: 'client-2' });
    expect(await decide({ authorizer: jwt, scopes: [] }, view({ Authorization: otherAudience }), deps())).toMatchObject(
      {
        denial: { statusCode: 401 },
      },
    );
    const otherIssuer = await issuer.sign({ iss: 'https://x"y', aud: 'client-1' });
    const decided = await decide({ authorizer: jwt, scopes: [] }, view({ Authorization: otherIssuer }), deps());
    expect(decided).toMatchObject({ denial: { statusCode: 401 } });
    expect(decided.kind === 'deny' ? decided.denial.headers?.['www-authenticate'] : '').toMatch(
      /^Bearer scope="" error="invalid_token" error_description="iss [^"]+ is not the issuer https:\/\/issuer\.example\.com"$/,
    );
  });

  it('a token without the route scopes → 403 insufficient_scope', async () => {
    const token = await issuer.sign({ iss: ISS, aud: 'client-1', scope: 'other' });
    expect(
      await decide({ authorizer: jwt, scopes: ['a/read', 'a/write'] }, view({ Authorization: token }), deps()),
    ).toEqual({
      kind: 'deny',
      denial: {
        ...HTTP_DENIALS.forbidden,
        headers: {
          'www-authenticate':
            'Bearer scope="a/read a/write" error="insufficient_scope" error_description="expected scopes: a/read a/write"',
        },
      },
      reason: 'J: the token grants none of the scopes a/read, a/write',
    });
  });

  it('verifies signatures with --jwks keys', async () => {
    const token = await issuer.sign({ iss: ISS, aud: 'client-1' });
    const stranger = await tokenIssuer();
    expect(
      await decide(
        { authorizer: jwt, scopes: [] },
        view({ Authorization: token }),
        harness(result(null), { jwks: stranger.jwks }).deps,
      ),
    ).toMatchObject({
      denial: { statusCode: 401 },
    });
  });

  it('WWW-Authenticate names the route scopes and the reason, its quotes made single', async () => {
    const token = await issuer.sign({ iss: 'https://elsewhere.example.com', aud: 'client-1' });
    const decided = await decide(
      { authorizer: jwt, scopes: ['a/read', 'b/write'] },
      view({ Authorization: token }),
      deps(),
    );
    expect(decided).toMatchObject({
      kind: 'deny',
      denial: {
        statusCode: 401,
        headers: {
          'www-authenticate':
            `Bearer scope="a/read b/write" error="invalid_token" error_description="iss 'https://elsewhere.example.com' ` +
            `is not the issuer ${ISS}"`,
        },
      },
    });
  });

  it('removes a Bearer prefix followed by several spaces', async () => {
    const token = await issuer.sign({ iss: ISS, aud: 'client-1' });
    expect(
      await decide({ authorizer: jwt, scopes: [] }, view({ Authorization: `Bearer   ${token}` }), deps()),
    ).toMatchObject({
      kind: 'allow',
    });
  });

  it('an issuer only the deployed stack knows accepts any issuer, unless --jwt-issuer gives it', async () => {
    const unknown: JwtHttpAuthorizer = {
      ...jwt,
      issuer: undefined,
      unresolved: ['issuer !GetAtt Auth.Outputs.Issuer'],
    };
    const token = await issuer.sign({
      iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool',
      aud: 'client-1',
    });
    expect(await decide({ authorizer: unknown, scopes: [] }, view({ Authorization: token }), deps())).toMatchObject({
      kind: 'allow',
    });
    expect(
      await decide({ authorizer: unknown, scopes: [] }, view({ Authorization: token }), deps({ jwtIssuer: ISS })),
    ).toMatchObject({ kind: 'deny' });
  });
});

describe('no authorizer and AWS_IAM', () => {
  it('allows without an authorizer', async () => {
    expect(await decide({ authorizer: null, scopes: [] }, view(), harness(result(null)).deps)).toEqual({
      kind: 'allow',
    });
  });

  it('AWS_IAM: unsigned → 403 Forbidden, signed (header or query) → allowed', async () => {
    const deps = harness(result(null)).deps;
    expect(await decide({ authorizer: 'iam', scopes: [] }, view(), deps)).toEqual({
      kind: 'deny',
      denial: HTTP_DENIALS.forbidden,
      reason: 'AWS_IAM: the request is not signed (SigV4)',
    });
    expect(await decide({ authorizer: 'iam', scopes: [] }, view({ Authorization: 'Bearer x' }), deps)).toMatchObject({
      kind: 'deny',
    });
    expect(
      await decide({ authorizer: 'iam', scopes: [] }, view({ Authorization: 'AWS4-HMAC-SHA256 Credential=x' }), deps),
    ).toEqual({
      kind: 'allow',
    });
    expect(await decide({ authorizer: 'iam', scopes: [] }, view({}, { 'X-Amz-Signature': 's' }), deps)).toEqual({
      kind: 'allow',
    });
  });
});
