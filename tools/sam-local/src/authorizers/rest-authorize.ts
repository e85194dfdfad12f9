/**
 * The authorization step of a REST API route, between routing and the integration, in API Gateway's order: the
 * authorizer (Lambda TOKEN or REQUEST, Cognito user pool, or AWS_IAM), then the API key. It decides only: invoking
 * the authorizer function is the caller's (the local runtime's), and so is turning a denial into the HTTP answer.
 */
import type { JSONWebKeySet } from 'jose';
import type { InvokeOutcome } from '../lambda/runtime';
import { describeFailure } from '../lambda/outcome-text';
import { checkApiKey } from './api-keys';
import type { AuthorizerCache } from './cache';
import { REST_DENIALS, type Denial } from './denials';
import { describeSource, readIdentity, type IdentityView } from './identity-sources';
import { claimsAsStrings, readJwt, scopesOf } from './jwt';
import { evaluatePolicy } from './policy';
import { integrationAuthorizer, readRestAnswer, type RestAnswer } from './rest-answer';
import type { CognitoRestAuthorizer, LambdaRestAuthorizer, RouteAuth } from './rest-config';
import { requestAuthorizerEvent, tokenEvent } from './rest-events';

export type CachedRestAnswer = Extract<RestAnswer, { ok: true }>;

export interface RestAuthorizeRequest {
  auth: RouteAuth;
  view: IdentityView;
  /** The method ARN of this request (rest-events.ts methodArn). */
  methodArn: string;
  /** The proxy event the integration would get: a REQUEST authorizer's event is made from it. */
  proxyEvent: Record<string, unknown>;
}

export interface RestAuthorizeDeps {
  invoke: (functionId: string, event: unknown) => Promise<InvokeOutcome>;
  cache: AuthorizerCache<CachedRestAnswer>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Keys to verify Cognito tokens' signatures with (--jwks); without them signatures are not checked. */
  jwks?: JSONWebKeySet;
  /** Local API keys (--api-key, SAM_LOCAL_API_KEYS); empty: any key is accepted. */
  apiKeys: string[];
}

export type RestAuthorization =
  | { kind: 'allow'; authorizer?: Record<string, unknown>; apiKey?: { value: string; id: string } }
  | { kind: 'deny'; denial: Denial; reason: string };

export async function authorizeRest(
  request: RestAuthorizeRequest,
  deps: RestAuthorizeDeps,
): Promise<RestAuthorization> {
  const { auth } = request;
  const decided =
    auth.authorizer === null
      ? { kind: 'allow' as const }
      : auth.authorizer === 'iam'
        ? authorizeIam(request.view)
        : auth.authorizer.type === 'lambda'
          ? await authorizeLambda(auth.authorizer, request, deps)
          : await authorizeCognito(auth.authorizer, auth.scopes, request.view, deps);
  if (decided.kind === 'deny' || !auth.apiKeyRequired) return decided;
  const key = checkApiKey(request.view.headers, deps.apiKeys);
  if (!key.ok) return deny('forbidden', `API key required: ${key.reason}`);
  return { ...decided, apiKey: { value: key.value, id: key.id } };
}

function deny(denial: keyof typeof REST_DENIALS, reason: string): RestAuthorization {
  return { kind: 'deny', denial: REST_DENIALS[denial], reason };
}

async function authorizeLambda(
  authorizer: LambdaRestAuthorizer,
  request: RestAuthorizeRequest,
  deps: RestAuthorizeDeps,
): Promise<RestAuthorization> {
  const identity = readIdentity(authorizer.identitySources, request.view);
  if (identity.kind === 'missing') {
    return deny(
      'unauthorized',
      `identity source ${describeSource(identity.source, 'rest')} is missing or empty; ${authorizer.functionId} not invoked`,
    );
  }
  const token = identity.values[0]!;
  if (authorizer.payload === 'TOKEN' && !matchesValidation(authorizer.validationExpression, token)) {
    return deny('unauthorized', `the token does not match ValidationExpression; ${authorizer.functionId} not invoked`);
  }
  let answer = deps.cache.get(authorizer.name, identity.values, deps.now());
  let latency = 0;
  if (!answer) {
    const event =
      authorizer.payload === 'TOKEN'
        ? tokenEvent(token, request.methodArn)
        : requestAuthorizerEvent(request.proxyEvent, request.methodArn);
    const started = deps.now();
    const outcome = await deps.invoke(authorizer.functionId, event);
    latency = deps.now() - started;
    if (outcome.kind === 'error' && outcome.errorMessage === 'Unauthorized') {
      return deny('unauthorized', `${authorizer.functionId} answered "Unauthorized"`);
    }
    if (outcome.kind !== 'result') return deny('configurationError', describeFailure(authorizer.functionId, outcome));
    const read = readRestAnswer(outcome.result);
    if (!read.ok) return deny('configurationError', `${authorizer.functionId}: ${read.problem}`);
    answer = read;
    deps.cache.set(authorizer.name, identity.values, answer, authorizer.ttlSeconds, deps.now());
  }
  const policy = evaluatePolicy(answer.policyDocument, request.methodArn);
  if (!policy.ok) return deny('configurationError', `${authorizer.functionId}: ${policy.problem}`);
  if (policy.decision === 'explicit-deny') {
    return deny('explicitDeny', `${authorizer.functionId}'s policy denies ${request.methodArn}`);
  }
  if (policy.decision === 'implicit-deny') {
    return deny('implicitDeny', `${authorizer.functionId}'s policy does not allow ${request.methodArn}`);
  }
  return { kind: 'allow', authorizer: integrationAuthorizer(answer.principalId, answer.context, latency) };
}

// API Gateway matches the whole token against the expression before it invokes the authorizer.
function matchesValidation(expression: string | undefined, token: string): boolean {
  return expression === undefined || new RegExp(`^(?:${expression})$`).test(token);
}

// A Cognito user pool ARN names its pool; the issuer of its tokens is https://cognito-idp.<region>.amazonaws.com/<id>
// (docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html).
const ANY_COGNITO_ISSUER = 'https://cognito-idp\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9-]+_[0-9A-Za-z]+';

export function cognitoIssuers(userPoolArns: Array<string | undefined>): RegExp {
  const alternatives = userPoolArns.map((arn) => {
    const parts = arn === undefined ? null : /^arn:[^:]+:cognito-idp:([^:]+):[^:]*:userpool\/(.+)$/.exec(arn);
    return parts
      ? `https://cognito-idp\\.${escape(parts[1]!)}\\.amazonaws\\.com/${escape(parts[2]!)}`
      : ANY_COGNITO_ISSUER;
  });
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A Cognito authorizer takes the raw token from its header. Without AuthorizationScopes it takes an ID token; with
 * them, an access token carrying one of the scopes ("If the OAuth Scopes option isn't specified, API Gateway treats
 * the supplied token as an identity token ... Otherwise ... as an access token": docs.aws.amazon.com/apigateway/
 * latest/developerguide/apigateway-enable-cognito-user-pool.html).
 */
async function authorizeCognito(
  authorizer: CognitoRestAuthorizer,
  scopes: string[],
  view: IdentityView,
  deps: RestAuthorizeDeps,
): Promise<RestAuthorization> {
  const identity = readIdentity(authorizer.identitySources, view);
  if (identity.kind === 'missing') {
    return deny('unauthorized', `identity source ${describeSource(identity.source, 'rest')} is missing or empty`);
  }
  const token = identity.values[0]!;
  if (!matchesValidation(authorizer.validationExpression, token)) {
    return deny('unauthorized', 'the token does not match ValidationExpression');
  }
  const read = await readJwt(token, {
    issuer: cognitoIssuers(authorizer.userPoolArns),
    tokenUse: scopes.length > 0 ? ['access'] : ['id'],
    now: Math.floor(deps.now() / 1000),
    ...(deps.jwks ? { keys: deps.jwks } : {}),
  });
  if (!read.ok) return deny(read.expired ? 'expiredToken' : 'unauthorized', `${authorizer.name}: ${read.reason}`);
  if (scopes.length > 0 && !scopesOf(read.claims).some((scope) => scopes.includes(scope))) {
    return deny('unauthorized', `${authorizer.name}: the token grants none of the scopes ${scopes.join(', ')}`);
  }
  return { kind: 'allow', authorizer: { claims: claimsAsStrings(read.claims) } };
}

/**
 * AWS_IAM: an unsigned request gets 403 Missing Authentication Token (docs: api-gateway-known-issues / IAM
 * authorization). Locally a SigV4 `Authorization` header (or presigned query) lets the request through; the
 * signature itself is not checked.
 */
function authorizeIam(view: IdentityView): RestAuthorization {
  const authorization = readIdentity([{ kind: 'header', name: 'Authorization' }], view);
  const signed =
    (authorization.kind === 'present' && authorization.values[0]!.startsWith('AWS4-HMAC-SHA256 ')) ||
    view.query?.['X-Amz-Signature'] !== undefined;
  return signed ? { kind: 'allow' } : deny('missingToken', 'AWS_IAM: the request is not signed (SigV4)');
}
