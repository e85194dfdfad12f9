import { AuthorizerCache } from '../../src/authorizers/cache';
import { REST_DENIALS } from '../../src/authorizers/denials';
import type { IdentityView } from '../../src/authorizers/identity-sources';
import {
  authorizeRest,
  cognitoIssuers,
  type CachedRestAnswer,
  type RestAuthorizeDeps,
} from '../../src/authorizers/rest-authorize';
import type { CognitoRestAuthorizer, LambdaRestAuthorizer, RouteAuth } from '../../src/authorizers/rest-config';
import type { InvokeOutcome } from '../../src/lambda/runtime';
import { tokenIssuer, type TokenIssuer } from '../helpers/jwt-tokens';

// The decisions of the REST API's authorization step, with the authorizer function's outcome given directly (the
// conformance suite runs the real function over HTTP). Sources are named in src/authorizers/*.ts and
// docs/conformance.md.
const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc/dev/GET/items/1';
const allowAll = {
  principalId: 'user-1',
  policyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*' }] },
  context: { n: 1 },
};

const token: LambdaRestAuthorizer = {
  type: 'lambda',
  name: 'Token',
  functionId: 'AuthFn',
  payload: 'TOKEN',
  identitySources: [{ kind: 'header', name: 'Authorization' }],
  ttlSeconds: 300,
};
const request: LambdaRestAuthorizer = {
  ...token,
  name: 'Request',
  payload: 'REQUEST',
  identitySources: [
    { kind: 'header', name: 'Authorization' },
    { kind: 'query', name: 'q' },
  ],
};

function view(headers: Record<string, string> = {}, query: Record<string, string> | null = null): IdentityView {
  return { headers, query, stageVariables: null, context: {} };
}

function routeAuth(authorizer: RouteAuth['authorizer'], extra: Partial<RouteAuth> = {}): RouteAuth {
  return { authorizer, apiKeyRequired: false, scopes: [], ...extra };
}

interface Harness {
  deps: RestAuthorizeDeps;
  events: unknown[];
  clock: { now: number };
}

function harness(
  outcome: InvokeOutcome | ((event: unknown) => InvokeOutcome),
  extra: Partial<RestAuthorizeDeps> = {},
): Harness {
  const events: unknown[] = [];
  const clock = { now: Date.now() };
  return {
    events,
    clock,
    deps: {
      invoke: (functionId, event) => {
        events.push({ functionId, event });
        clock.now += 7;
        return Promise.resolve(typeof outcome === 'function' ? outcome(event) : outcome);
      },
      cache: new AuthorizerCache<CachedRestAnswer>(),
      now: () => clock.now,
      apiKeys: [],
      ...extra,
    },
  };
}

const result = (value: unknown): InvokeOutcome => ({ kind: 'result', result: value });
const proxyEvent = { resource: '/items/{id}', path: '/items/1', body: 'b', isBase64Encoded: false };

async function decide(auth: RouteAuth, v: IdentityView, h: Harness) {
  return authorizeRest({ auth, view: v, methodArn: ARN, proxyEvent }, h.deps);
}

describe('no authorizer', () => {
  it('allows, adding nothing', async () => {
    expect(await decide(routeAuth(null), view(), harness(result(allowAll)))).toEqual({ kind: 'allow' });
  });
});

describe('Lambda TOKEN authorizer', () => {
  it('sends {type, authorizationToken, methodArn} and allows with principalId, context and latency', async () => {
    const h = harness(result(allowAll));
    expect(await decide(routeAuth(token), view({ authorization: 'tok' }), h)).toEqual({
      kind: 'allow',
      authorizer: { n: '1', principalId: 'user-1', integrationLatency: 7 },
    });
    expect(h.events).toEqual([
      { functionId: 'AuthFn', event: { type: 'TOKEN', authorizationToken: 'tok', methodArn: ARN } },
    ]);
  });

  it('refuses a missing token with 401 without invoking, naming the source', async () => {
    const h = harness(result(allowAll));
    expect(await decide(routeAuth(token), view(), h)).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.unauthorized,
      reason: 'identity source method.request.header.Authorization is missing or empty; AuthFn not invoked',
    });
    expect(h.events).toEqual([]);
  });

  it('matches ValidationExpression against the whole token before invoking', async () => {
    const validated = { ...token, validationExpression: '[a-z]+' };
    const h = harness(result(allowAll));
    expect(await decide(routeAuth(validated), view({ Authorization: 'abc1' }), h)).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.unauthorized,
      reason: 'the token does not match ValidationExpression; AuthFn not invoked',
    });
    expect(await decide(routeAuth(validated), view({ Authorization: '1abc' }), h)).toMatchObject({ kind: 'deny' });
    expect(h.events).toEqual([]);
    expect(await decide(routeAuth(validated), view({ Authorization: 'abc' }), h)).toMatchObject({ kind: 'allow' });
  });

  it('answers a thrown "Unauthorized" with 401 and any other failure with 500', async () => {
    const thrown = (message: string): InvokeOutcome => ({
      kind: 'error',
      errorType: 'Error',
      errorMessage: message,
      stackTrace: [],
    });
    expect(await decide(routeAuth(token), view({ Authorization: 't' }), harness(thrown('Unauthorized')))).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.unauthorized,
      reason: 'AuthFn answered "Unauthorized"',
    });
    expect(await decide(routeAuth(token), view({ Authorization: 't' }), harness(thrown('unauthorized')))).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.configurationError,
      reason: 'AuthFn failed: Error: unauthorized',
    });
    expect(
      await decide(routeAuth(token), view({ Authorization: 't' }), harness({ kind: 'timeout', timeoutSeconds: 3 })),
    ).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.configurationError,
      reason: "AuthFn timed out after 3.00 seconds (the template's Timeout)",
    });
    expect(
      await decide(routeAuth(token), view({ Authorization: 't' }), harness({ kind: 'crash', reason: 'exited' })),
    ).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.configurationError,
      reason: 'AuthFn: exited; a fresh environment serves the next request',
    });
    expect(
      await decide(
        routeAuth(token),
        view({ Authorization: 't' }),
        harness({ kind: 'unavailable', reason: 'build failed' }),
      ),
    ).toMatchObject({ denial: REST_DENIALS.configurationError, reason: 'AuthFn cannot run: build failed' });
  });

  it('answers a malformed answer or policy with 500, naming the problem', async () => {
    expect(await decide(routeAuth(token), view({ Authorization: 't' }), harness(result({ principalId: 'u' })))).toEqual(
      {
        kind: 'deny',
        denial: REST_DENIALS.configurationError,
        reason: 'AuthFn: the authorizer returned no policyDocument',
      },
    );
    expect(
      await decide(
        routeAuth(token),
        view({ Authorization: 't' }),
        harness(result({ principalId: 'u', policyDocument: 'x' })),
      ),
    ).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.configurationError,
      reason: 'AuthFn: policyDocument is not an object',
    });
  });

  it('answers an explicit Deny and a policy that does not name the method with 403', async () => {
    const deny = { ...allowAll, policyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } };
    expect(await decide(routeAuth(token), view({ Authorization: 't' }), harness(result(deny)))).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.explicitDeny,
      reason: `AuthFn's policy denies ${ARN}`,
    });
    const narrow = {
      ...allowAll,
      policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:other' }] },
    };
    expect(await decide(routeAuth(token), view({ Authorization: 't' }), harness(result(narrow)))).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.implicitDeny,
      reason: `AuthFn's policy does not allow ${ARN}`,
    });
  });

  it('reuses a cached answer for the same token within the TTL (latency 0), and asks again after it', async () => {
    const h = harness(result(allowAll));
    const auth = routeAuth(token);
    await decide(auth, view({ Authorization: 'same' }), h);
    expect(await decide(auth, view({ Authorization: 'same' }), h)).toEqual({
      kind: 'allow',
      authorizer: { n: '1', principalId: 'user-1', integrationLatency: 0 },
    });
    expect(h.events).toHaveLength(1);
    await decide(auth, view({ Authorization: 'other' }), h);
    expect(h.events).toHaveLength(2);
    h.clock.now += 300_000;
    await decide(auth, view({ Authorization: 'same' }), h);
    expect(h.events).toHaveLength(3);
  });

  it('caches nothing with ReauthorizeEvery 0, nor a failed answer', async () => {
    const h = harness(result(allowAll));
    const uncached = routeAuth({ ...token, ttlSeconds: 0 });
    await decide(uncached, view({ Authorization: 'same' }), h);
    await decide(uncached, view({ Authorization: 'same' }), h);
    expect(h.events).toHaveLength(2);
    const failing = harness(result({ principalId: 'u' }));
    await decide(routeAuth(token), view({ Authorization: 'same' }), failing);
    await decide(routeAuth(token), view({ Authorization: 'same' }), failing);
    expect(failing.events).toHaveLength(2);
  });
});

describe('Lambda REQUEST authorizer', () => {
  it('sends the proxy event without its body, with type and methodArn, once every source is present', async () => {
    const h = harness(result(allowAll));
    expect(await decide(routeAuth(request), view({ Authorization: 't' }, { q: 'v' }), h)).toMatchObject({
      kind: 'allow',
    });
    expect(h.events).toEqual([
      { functionId: 'AuthFn', event: { type: 'REQUEST', methodArn: ARN, resource: '/items/{id}', path: '/items/1' } },
    ]);
  });

  it('refuses a missing query string source with 401 without invoking', async () => {
    const h = harness(result(allowAll));
    expect(await decide(routeAuth(request), view({ Authorization: 't' }), h)).toMatchObject({
      denial: REST_DENIALS.unauthorized,
      reason: 'identity source method.request.querystring.q is missing or empty; AuthFn not invoked',
    });
    expect(h.events).toEqual([]);
  });

  it('does not apply a ValidationExpression (TOKEN only)', async () => {
    const h = harness(result(allowAll));
    const auth = routeAuth({ ...request, validationExpression: 'x' });
    expect(await decide(auth, view({ Authorization: 't' }, { q: 'v' }), h)).toMatchObject({ kind: 'allow' });
  });

  it('caches by all the source values', async () => {
    const h = harness(result(allowAll));
    await decide(routeAuth(request), view({ Authorization: 't' }, { q: 'v' }), h);
    await decide(routeAuth(request), view({ Authorization: 't' }, { q: 'w' }), h);
    await decide(routeAuth(request), view({ Authorization: 't' }, { q: 'v' }), h);
    expect(h.events).toHaveLength(2);
  });
});

describe('API keys', () => {
  it('checks the key after the authorizer allows, adding it to the decision', async () => {
    const h = harness(result(allowAll), { apiKeys: ['k1'] });
    const auth = routeAuth(token, { apiKeyRequired: true });
    expect(await decide(auth, view({ Authorization: 't', 'x-api-key': 'k1' }), h)).toMatchObject({
      kind: 'allow',
      apiKey: { value: 'k1', id: expect.any(String) as string },
    });
    expect(await decide(auth, view({ Authorization: 't', 'x-api-key': 'k2' }), h)).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.forbidden,
      reason: 'API key required: the x-api-key is not one of the keys given with --api-key or SAM_LOCAL_API_KEYS',
    });
    // An authorizer's refusal comes first.
    expect(await decide(auth, view({ 'x-api-key': 'k2' }), h)).toMatchObject({ denial: REST_DENIALS.unauthorized });
  });

  it('checks a key on a route without authorizer', async () => {
    expect(await decide(routeAuth(null, { apiKeyRequired: true }), view(), harness(result(allowAll)))).toMatchObject({
      denial: REST_DENIALS.forbidden,
    });
  });
});

describe('AWS_IAM', () => {
  it('lets a SigV4-signed request through (header or presigned query) and refuses an unsigned one', async () => {
    const h = harness(result(allowAll));
    expect(await decide(routeAuth('iam'), view({ Authorization: 'AWS4-HMAC-SHA256 Credential=x' }), h)).toEqual({
      kind: 'allow',
    });
    expect(await decide(routeAuth('iam'), view({}, { 'X-Amz-Signature': 'abc' }), h)).toEqual({ kind: 'allow' });
    expect(await decide(routeAuth('iam'), view({ Authorization: 'Bearer x' }), h)).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.missingToken,
      reason: 'AWS_IAM: the request is not signed (SigV4)',
    });
    expect(await decide(routeAuth('iam'), view(), h)).toMatchObject({ denial: REST_DENIALS.missingToken });
  });
});

describe('Cognito user pool authorizer', () => {
  const POOL = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Pool';
  const ISS = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool';
  const cognito: CognitoRestAuthorizer = {
    type: 'cognito',
    name: 'Pool',
    userPoolArns: [POOL],
    identitySources: [{ kind: 'header', name: 'Authorization' }],
    scopes: [],
  };
  let issuer: TokenIssuer;
  beforeAll(async () => {
    issuer = await tokenIssuer();
  });

  it('allows an ID token of the pool, with its claims as strings', async () => {
    const jwt = await issuer.sign({ iss: ISS, token_use: 'id', sub: 'u1' });
    const decided = await decide(routeAuth(cognito), view({ Authorization: jwt }), harness(result(allowAll)));
    expect(decided).toMatchObject({ kind: 'allow', authorizer: { claims: { sub: 'u1', token_use: 'id' } } });
  });

  it('refuses a missing token, a token failing ValidationExpression, and a "Bearer " prefix with 401', async () => {
    const h = harness(result(allowAll));
    expect(await decide(routeAuth(cognito), view(), h)).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.unauthorized,
      reason: 'identity source method.request.header.Authorization is missing or empty',
    });
    const jwt = await issuer.sign({ iss: ISS, token_use: 'id' });
    expect(await decide(routeAuth({ ...cognito, validationExpression: 'x' }), view({ Authorization: jwt }), h)).toEqual(
      {
        kind: 'deny',
        denial: REST_DENIALS.unauthorized,
        reason: 'the token does not match ValidationExpression',
      },
    );
    expect(await decide(routeAuth(cognito), view({ Authorization: `Bearer ${jwt}` }), h)).toMatchObject({
      denial: REST_DENIALS.unauthorized,
    });
  });

  it('answers an expired token with "The incoming token has expired", another failure with Unauthorized', async () => {
    const expired = await issuer.sign({ iss: ISS, token_use: 'id', exp: 1 });
    expect(await decide(routeAuth(cognito), view({ Authorization: expired }), harness(result(allowAll)))).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.expiredToken,
      reason: 'Pool: the token has expired',
    });
    const access = await issuer.sign({ iss: ISS, token_use: 'access' });
    expect(await decide(routeAuth(cognito), view({ Authorization: access }), harness(result(allowAll)))).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.unauthorized,
      reason: 'Pool: token_use "access" is not id',
    });
  });

  it('with scopes, wants an access token granting one of them', async () => {
    const scoped = routeAuth(cognito, { scopes: ['a/read', 'a/write'] });
    const good = await issuer.sign({ iss: ISS, token_use: 'access', scope: 'x a/write' });
    expect(await decide(scoped, view({ Authorization: good }), harness(result(allowAll)))).toMatchObject({
      kind: 'allow',
    });
    const none = await issuer.sign({ iss: ISS, token_use: 'access', scope: 'x' });
    expect(await decide(scoped, view({ Authorization: none }), harness(result(allowAll)))).toEqual({
      kind: 'deny',
      denial: REST_DENIALS.unauthorized,
      reason: 'Pool: the token grants none of the scopes a/read, a/write',
    });
  });

  it('verifies the signature when keys are given', async () => {
    const jwt = await issuer.sign({ iss: ISS, token_use: 'id' });
    const stranger = await tokenIssuer();
    const h = harness(result(allowAll), { jwks: stranger.jwks });
    expect(await decide(routeAuth(cognito), view({ Authorization: jwt }), h)).toMatchObject({
      denial: REST_DENIALS.unauthorized,
    });
  });
});

describe('cognitoIssuers', () => {
  it("names each pool's issuer, and any Cognito issuer for a pool known only after deployment", () => {
    const exact = cognitoIssuers(['arn:aws:cognito-idp:eu-west-1:1:userpool/eu-west-1_Ab1']);
    expect(exact.test('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab1')).toBe(true);
    expect(exact.test('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab2')).toBe(false);
    expect(exact.test('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab1/x')).toBe(false);
    expect(exact.test('https://cognito-idpXeu-west-1.amazonaws.com/eu-west-1_Ab1')).toBe(false);
    const any = cognitoIssuers([undefined]);
    expect(any.test('https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Zz9')).toBe(true);
    expect(any.test('https://evil.example.com/us-east-2_Zz9')).toBe(false);
    expect(any.test('x https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Zz9')).toBe(false);
    const both = cognitoIssuers(['not an arn', 'arn:aws:cognito-idp:eu-west-1:1:userpool/eu-west-1_Ab1']);
    expect(both.test('https://cognito-idp.ap-south-1.amazonaws.com/ap-south-1_Q')).toBe(true);
  });
});

describe('cognitoIssuers: the ARN as AWS writes it', () => {
  it('reads a pool ARN with a 12-digit account; anything before arn: is not an ARN', () => {
    const exact = cognitoIssuers(['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Ab1']);
    expect(exact.test('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab1')).toBe(true);
    expect(exact.test('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Zz9')).toBe(false);
    const prefixed = cognitoIssuers(['x arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Ab1']);
    expect(prefixed.test('https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Zz9')).toBe(true);
  });
});
