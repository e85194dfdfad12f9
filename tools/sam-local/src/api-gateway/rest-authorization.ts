// The REST API's authorization step as the local server runs it: the decision (src/authorizers/rest-authorize.ts)
// with the local runtime's functions, one result cache per server, and API Gateway's answer for a denial.
import type { JSONWebKeySet } from 'jose';
import { AuthorizerCache } from '../authorizers/cache';
import { authorizeRest, type CachedRestAnswer } from '../authorizers/rest-authorize';
import { methodArn } from '../authorizers/rest-events';
import type { LocalFunctions } from '../lambda/local-functions';
import { LOCAL_PSEUDO_PARAMETERS } from '../template/parameters';
import { authorizerDenied, type RequestIds } from './gateway-responses';
import type { HttpResponse } from './proxy-result';
import type { RestProxyEvent } from './request-event';
import type { Route, RouteMatch } from './routes';

export interface RestAuthorizationOptions {
  functions: Pick<LocalFunctions, 'pool'>;
  jwks?: JSONWebKeySet;
  apiKeys?: string[];
  log: (line: string) => void;
}

export type AuthorizationStep = (
  match: RouteMatch,
  event: RestProxyEvent,
  ids: RequestIds,
  request: { method: string; url: string },
) => Promise<{ kind: 'allow'; event: RestProxyEvent } | { kind: 'deny'; response: HttpResponse }>;

/** The functions a route needs besides its own: its Lambda authorizer's. */
export function authorizerFunctionOf(route: Route): string[] {
  const { authorizer } = route.auth;
  return authorizer !== null && authorizer !== 'iam' && authorizer.type === 'lambda' ? [authorizer.functionId] : [];
}

export function restAuthorizationStep(options: RestAuthorizationOptions): AuthorizationStep {
  const cache = new AuthorizerCache<CachedRestAnswer>();
  return async (match, event, ids, request) => {
    const { route } = match;
    if (route.auth.authorizer === null && !route.auth.apiKeyRequired) return { kind: 'allow', event };
    const arn = methodArn({
      region: LOCAL_PSEUDO_PARAMETERS['AWS::Region']!,
      accountId: event.requestContext.accountId,
      apiId: event.requestContext.apiId,
      stage: route.api.stage,
      method: event.httpMethod,
      path: match.path,
    });
    const decided = await authorizeRest(
      {
        auth: route.auth,
        view: {
          headers: event.headers as Record<string, string>,
          query: event.queryStringParameters as Record<string, string> | null,
          stageVariables: event.stageVariables as Record<string, string> | null,
          context: event.requestContext,
        },
        methodArn: arn,
        proxyEvent: event,
      },
      {
        invoke: async (functionId, authorizerEvent) => {
          const pool = options.functions.pool(functionId);
          if (!pool) return { kind: 'unavailable', reason: `no runtime for ${functionId}` };
          return pool.invoke(authorizerEvent);
        },
        cache,
        now: () => Date.now(),
        apiKeys: options.apiKeys ?? [],
        ...(options.jwks ? { jwks: options.jwks } : {}),
      },
    );
    if (decided.kind === 'deny') {
      options.log(`${decided.denial.statusCode} for ${request.method} ${request.url}: ${decided.reason}`);
      return { kind: 'deny', response: authorizerDenied(route.api, ids, decided.denial) };
    }
    if (decided.authorizer) event.requestContext.authorizer = decided.authorizer;
    if (decided.apiKey) {
      event.requestContext.identity.apiKey = decided.apiKey.value;
      event.requestContext.identity.apiKeyId = decided.apiKey.id;
    }
    return { kind: 'allow', event };
  };
}
