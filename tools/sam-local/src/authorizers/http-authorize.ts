/**
 * The authorization step of an HTTP API route, between routing and the integration: a Lambda authorizer (payload
 * 1.0 or 2.0, simple or IAM-policy answers), a JWT authorizer, or AWS_IAM. It decides only: invoking the authorizer
 * function is the caller's (the local runtime's), and so is turning a denial into the HTTP answer.
 * Sources: docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html (payload formats,
 * simple responses, identity sources, caching; 401 for a missing identity source, 403 for a refusal, 500 for an
 * authorizer that fails) and http-api-jwt-authorizer.html (the JWT checks, claims and scopes in the event).
 */
import type { JSONWebKeySet } from 'jose';
import type { InvokeOutcome } from '../lambda/runtime';
import { describeFailure } from '../lambda/outcome-text';
import type { AuthorizerCache } from './cache';
import type { HttpRouteAuth, JwtHttpAuthorizer, LambdaHttpAuthorizer } from './http-config';
import { describeSource, readIdentity, type IdentityView } from './identity-sources';
import { claimsAsStrings, readJwt, scopesOf } from './jwt';
import { evaluatePolicy } from './policy';

/** How an HTTP API refuses: status, `{"message": …}`, and extra headers (JWT's WWW-Authenticate). */
export interface HttpDenial {
  statusCode: number;
  message: string;
  headers?: Record<string, string>;
}

export const HTTP_DENIALS = {
  unauthorized: { statusCode: 401, message: 'Unauthorized' },
  forbidden: { statusCode: 403, message: 'Forbidden' },
  authorizerFailure: { statusCode: 500, message: 'Internal Server Error' },
} as const satisfies Record<string, HttpDenial>;

/** A Lambda authorizer's answer as kept in the cache: allowed or not, and the context for the integration. */
export type CachedHttpAnswer =
  | { kind: 'simple'; isAuthorized: boolean; context: Record<string, unknown> }
  | { kind: 'policy'; policyDocument: unknown; context: Record<string, unknown> };

export interface HttpAuthorizeRequest {
  auth: HttpRouteAuth;
  view: IdentityView;
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path}` (http-events.ts routeArn). */
  routeArn: string;
  /** The request as a payload 1.0 or 2.0 integration event: the Lambda authorizer's event is made from it. */
  requestEvent: (version: '1.0' | '2.0') => Record<string, unknown>;
}

export interface HttpAuthorizeDeps {
  invoke: (functionId: string, event: unknown) => Promise<InvokeOutcome>;
  cache: AuthorizerCache<CachedHttpAnswer>;
  /** Milliseconds since the epoch. */
  now: () => number;
  jwks?: JSONWebKeySet;
  /** The issuer (--jwt-issuer) of a JWT authorizer whose own cannot be known locally; else any issuer passes. */
  jwtIssuer?: string;
  /** The audiences (--jwt-audience) of a JWT authorizer whose own cannot be known locally; else none is checked. */
  jwtAudiences?: string[];
}

// Any issuer, for a JWT authorizer whose issuer only the deployed stack knows and that --jwt-issuer does not give.
const ANY_ISSUER = /^.+$/;

export type HttpAuthorization =
  { kind: 'allow'; authorizer?: Record<string, unknown> } | { kind: 'deny'; denial: HttpDenial; reason: string };

export async function authorizeHttp(
  request: HttpAuthorizeRequest,
  deps: HttpAuthorizeDeps,
): Promise<HttpAuthorization> {
  const { authorizer } = request.auth;
  if (authorizer === null) return { kind: 'allow' };
  if (authorizer === 'iam') return authorizeIam(request.view);
  return authorizer.type === 'lambda'
    ? authorizeLambda(authorizer, request, deps)
    : authorizeJwt(authorizer, request.auth.scopes, request.view, deps);
}

function deny(denial: HttpDenial, reason: string): HttpAuthorization {
  return { kind: 'deny', denial, reason };
}

/** The Lambda authorizer's event: the request in the authorizer's payload version, with what the docs list. */
export function httpAuthorizerEvent(
  authorizer: Pick<LambdaHttpAuthorizer, 'payloadVersion'>,
  request: Pick<HttpAuthorizeRequest, 'routeArn' | 'requestEvent'>,
  identityValues: string[],
): Record<string, unknown> {
  const {
    body: _body,
    isBase64Encoded: _encoded,
    version: _version,
    ...rest
  } = request.requestEvent(authorizer.payloadVersion);
  if (authorizer.payloadVersion === '2.0') {
    return { version: '2.0', type: 'REQUEST', routeArn: request.routeArn, identitySource: identityValues, ...rest };
  }
  const joined = identityValues.join(',');
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: request.routeArn,
    identitySource: joined,
    authorizationToken: joined,
    ...rest,
  };
}

async function authorizeLambda(
  authorizer: LambdaHttpAuthorizer,
  request: HttpAuthorizeRequest,
  deps: HttpAuthorizeDeps,
): Promise<HttpAuthorization> {
  const identity = readIdentity(authorizer.identitySources, request.view);
  if (identity.kind === 'missing') {
    return deny(
      HTTP_DENIALS.unauthorized,
      `identity source ${describeSource(identity.source, 'http')} is missing or empty; ${authorizer.functionId} not invoked`,
    );
  }
  let answer = deps.cache.get(authorizer.name, identity.values, deps.now());
  if (!answer) {
    const outcome = await deps.invoke(authorizer.functionId, httpAuthorizerEvent(authorizer, request, identity.values));
    if (outcome.kind === 'error' && outcome.errorMessage === 'Unauthorized') {
      return deny(HTTP_DENIALS.unauthorized, `${authorizer.functionId} answered "Unauthorized"`);
    }
    if (outcome.kind !== 'result') {
      return deny(HTTP_DENIALS.authorizerFailure, describeFailure(authorizer.functionId, outcome));
    }
    const read = readHttpAnswer(outcome.result, authorizer.payloadVersion === '2.0' && authorizer.simpleResponses);
    if (typeof read === 'string') return deny(HTTP_DENIALS.authorizerFailure, `${authorizer.functionId}: ${read}`);
    answer = read;
    deps.cache.set(authorizer.name, identity.values, answer, authorizer.ttlSeconds, deps.now());
  }
  if (answer.kind === 'simple') {
    if (!answer.isAuthorized)
      return deny(HTTP_DENIALS.forbidden, `${authorizer.functionId} answered isAuthorized: false`);
    return { kind: 'allow', authorizer: { lambda: answer.context } };
  }
  const policy = evaluatePolicy(answer.policyDocument, request.routeArn);
  if (!policy.ok) return deny(HTTP_DENIALS.authorizerFailure, `${authorizer.functionId}: ${policy.problem}`);
  if (policy.decision !== 'allow') {
    return deny(HTTP_DENIALS.forbidden, `${authorizer.functionId}'s policy does not allow ${request.routeArn}`);
  }
  return { kind: 'allow', authorizer: { lambda: answer.context } };
}

/**
 * A simple response is `{isAuthorized: boolean, context?: {…}}`; otherwise the answer is an IAM policy with a
 * principalId and an optional context (http-api-lambda-authorizer.html, "Lambda function response format").
 * Returns the problem as text when API Gateway could not read it.
 */
export function readHttpAnswer(result: unknown, simple: boolean): CachedHttpAnswer | string {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return `the authorizer returned ${JSON.stringify(result) ?? 'nothing'}, not an object`;
  }
  const answer = result as Record<string, unknown>;
  const context = answer.context ?? {};
  if (typeof context !== 'object' || context === null || Array.isArray(context))
    return 'the authorizer context is not a map';
  if (simple) {
    if (typeof answer.isAuthorized !== 'boolean') return 'a simple response needs isAuthorized: true or false';
    return { kind: 'simple', isAuthorized: answer.isAuthorized, context: context as Record<string, unknown> };
  }
  if (answer.policyDocument === undefined)
    return 'the authorizer returned no policyDocument (simple responses are off)';
  return { kind: 'policy', policyDocument: answer.policyDocument, context: context as Record<string, unknown> };
}

/**
 * A JWT authorizer reads the token from its identity source (a `Bearer ` prefix removed), checks it
 * (jwt.ts readJwt: issuer, audience, times, signature with --jwks), then the route's scopes. The answers carry
 * WWW-Authenticate as HTTP APIs send it (http-api-jwt-authorizer.html, troubleshooting; the error_description texts
 * are the toolkit's).
 */
async function authorizeJwt(
  authorizer: JwtHttpAuthorizer,
  scopes: string[],
  view: IdentityView,
  deps: HttpAuthorizeDeps,
): Promise<HttpAuthorization> {
  const identity = readIdentity([authorizer.identitySource], view);
  if (identity.kind === 'missing') {
    return deny(
      { ...HTTP_DENIALS.unauthorized, headers: { 'www-authenticate': 'Bearer' } },
      `identity source ${describeSource(identity.source, 'http')} is missing or empty`,
    );
  }
  const token = identity.values[0]!.replace(/^Bearer\s+/i, '');
  const audiences = authorizer.audiences ?? deps.jwtAudiences;
  const read = await readJwt(token, {
    issuer: authorizer.issuer ?? deps.jwtIssuer ?? ANY_ISSUER,
    ...(audiences ? { audiences } : {}),
    now: Math.floor(deps.now() / 1000),
    ...(deps.jwks ? { keys: deps.jwks } : {}),
  });
  if (!read.ok) {
    const header = `Bearer scope="${scopes.join(' ')}" error="invalid_token" error_description="${read.reason.replaceAll('"', "'")}"`;
    return deny(
      { ...HTTP_DENIALS.unauthorized, headers: { 'www-authenticate': header } },
      `${authorizer.name}: ${read.reason}`,
    );
  }
  const granted = scopesOf(read.claims);
  if (scopes.length > 0 && !granted.some((scope) => scopes.includes(scope))) {
    const header = `Bearer scope="${scopes.join(' ')}" error="insufficient_scope" error_description="expected scopes: ${scopes.join(' ')}"`;
    return deny(
      { ...HTTP_DENIALS.forbidden, headers: { 'www-authenticate': header } },
      `${authorizer.name}: the token grants none of the scopes ${scopes.join(', ')}`,
    );
  }
  const claimScopes = read.claims.scope !== undefined || read.claims.scp !== undefined ? granted : null;
  return { kind: 'allow', authorizer: { jwt: { claims: claimsAsStrings(read.claims), scopes: claimScopes } } };
}

/** AWS_IAM on an HTTP API: an unsigned request → 403 Forbidden; a SigV4-signed one passes, its signature unchecked. */
function authorizeIam(view: IdentityView): HttpAuthorization {
  const authorization = readIdentity([{ kind: 'header', name: 'Authorization' }], view);
  const signed =
    (authorization.kind === 'present' && authorization.values[0]!.startsWith('AWS4-HMAC-SHA256 ')) ||
    view.query?.['X-Amz-Signature'] !== undefined;
  return signed ? { kind: 'allow' } : deny(HTTP_DENIALS.forbidden, 'AWS_IAM: the request is not signed (SigV4)');
}

/** `arn:aws:execute-api:{region}:{accountId}:{apiId}/{stage}/{method}/{path without its leading slash}`. */
export function routeArn(parts: {
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  method: string;
  path: string;
}): string {
  return `arn:aws:execute-api:${parts.region}:${parts.accountId}:${parts.apiId}/${parts.stage}/${parts.method}/${parts.path.replace(/^\/+/, '')}`;
}
