// The REST API's authorizer step (src/pipeline/authorize.ts) as the local servers run it: the decision
// (src/authorizers/rest-authorize.ts) with the local runtime's functions, one result cache per server, and API
// Gateway's answer for a denial, with the API's GatewayResponses headers.
import type { JSONWebKeySet } from 'jose';
import { AuthorizerCache } from '../authorizers/cache';
import { authorizeRest, type CachedRestAnswer } from '../authorizers/rest-authorize';
import { methodArn } from '../authorizers/rest-events';
import type { LocalFunctions } from '../lambda/local-functions';
import type { Authorizer } from '../pipeline/authorize';
import { authorizerDenied } from './gateway-responses';
import { newExtendedRequestId } from './request-event';
import { requestEvent } from './request-to-event';
import type { Route, RouteMatch } from './routes';

export interface RestAuthorizationOptions {
  functions: Pick<LocalFunctions, 'pool'>;
  /** The template's region (the method ARN's). */
  region: string;
  /** Keys to verify Cognito tokens' signatures with (--jwks). */
  jwks?: JSONWebKeySet;
  /** The keys routes with ApiKeyRequired accept (--api-key, SAM_LOCAL_API_KEYS); none: any key. */
  apiKeys?: string[];
}

/** The functions a route needs besides its own: its Lambda authorizer's. */
export function authorizerFunctionOf(route: Route): string[] {
  const { authorizer } = route.auth;
  return authorizer !== null && authorizer !== 'iam' && authorizer.type === 'lambda' ? [authorizer.functionId] : [];
}

export function restAuthorizer(options: RestAuthorizationOptions): Authorizer<RouteMatch> {
  const cache = new AuthorizerCache<CachedRestAnswer>();
  return {
    authorize: async ({ match, request, requestId }) => {
      const { route } = match;
      if (route.auth.authorizer === null && !route.auth.apiKeyRequired) return { kind: 'allow' };
      // The request as the integration would see it: what identity sources are read from, and what a REQUEST
      // authorizer receives.
      const event = requestEvent(request, match, { requestId });
      const arn = methodArn({
        region: options.region,
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
          invoke: (functionId, authorizerEvent) => {
            const pool = options.functions.pool(functionId);
            if (!pool) return Promise.resolve({ kind: 'unavailable', reason: `no runtime for ${functionId}` });
            return pool.invoke(authorizerEvent);
          },
          cache,
          now: () => Date.now(),
          apiKeys: options.apiKeys ?? [],
          ...(options.jwks ? { jwks: options.jwks } : {}),
        },
      );
      if (decided.kind === 'deny') {
        const ids = { requestId, extendedRequestId: newExtendedRequestId() };
        return { kind: 'deny', response: authorizerDenied(route.api, ids, decided.denial), reason: decided.reason };
      }
      return {
        kind: 'allow',
        ...(decided.authorizer ? { context: decided.authorizer } : {}),
        ...(decided.apiKey ? { apiKey: decided.apiKey } : {}),
      };
    },
  };
}
