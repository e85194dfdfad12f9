// The HTTP API's authorizer step (src/pipeline/authorize.ts) as the local servers run it: the decision
// (src/authorizers/http-authorize.ts) with the local runtime's functions, one result cache per server, and the HTTP
// API's own answer for a denial.
import type { JSONWebKeySet } from 'jose';
import { AuthorizerCache } from '../authorizers/cache';
import {
  authorizeHttp,
  routeArn,
  type CachedHttpAnswer,
  type HttpAuthorizeRequest,
} from '../authorizers/http-authorize';
import type { LocalFunctions } from '../lambda/local-functions';
import type { Authorizer } from '../pipeline/authorize';
import type { ReceivedRequest } from '../pipeline/request';
import { DEFAULT_STAGE } from './apis';
import { authorizerDenied } from './errors';
import { httpApiEvent } from './request-to-event';
import type { HttpRoute, HttpRouteMatch } from './routes';

export interface HttpAuthorizationOptions {
  functions: Pick<LocalFunctions, 'pool'>;
  /** The template's region (the route ARN's). */
  region: string;
  /** Keys to verify JWT signatures with (--jwks). */
  jwks?: JSONWebKeySet;
  /** The issuer and audiences of JWT authorizers whose own cannot be known locally (--jwt-issuer, --jwt-audience). */
  jwtIssuer?: string;
  jwtAudiences?: string[];
}

/** The functions a route needs besides its own: its Lambda authorizer's. */
export function httpAuthorizerFunctionOf(route: HttpRoute): string[] {
  const { authorizer } = route.auth;
  return authorizer !== null && authorizer !== 'iam' && authorizer.type === 'lambda' ? [authorizer.functionId] : [];
}

export function httpApiAuthorizer(options: HttpAuthorizationOptions): Authorizer<HttpRouteMatch> {
  const cache = new AuthorizerCache<CachedHttpAnswer>();
  return {
    authorize: async ({ match, request, requestId }) => {
      const { route } = match;
      if (route.auth.authorizer === null) return { kind: 'allow' };
      const decided = await authorizeHttp(httpAuthorizeRequest(request, match, { requestId, region: options.region }), {
        invoke: (functionId, event) => {
          const pool = options.functions.pool(functionId);
          if (!pool) return Promise.resolve({ kind: 'unavailable', reason: `no runtime for ${functionId}` });
          return pool.invoke(event);
        },
        cache,
        now: () => Date.now(),
        ...(options.jwks ? { jwks: options.jwks } : {}),
        ...(options.jwtIssuer ? { jwtIssuer: options.jwtIssuer } : {}),
        ...(options.jwtAudiences?.length ? { jwtAudiences: options.jwtAudiences } : {}),
      });
      if (decided.kind === 'deny') {
        return { kind: 'deny', response: authorizerDenied(decided.denial, requestId), reason: decided.reason };
      }
      return { kind: 'allow', ...(decided.authorizer ? { context: decided.authorizer } : {}) };
    },
  };
}

/**
 * What the authorizer step reads of a request routed to an HTTP API route: its identity view (from the request as a
 * payload 2.0 event), the route ARN and the request as an event of either payload version. Shared by the server
 * and `generate-event --authorizer`, so both hand the authorizer the same event.
 */
export function httpAuthorizeRequest(
  request: ReceivedRequest,
  match: HttpRouteMatch,
  { requestId, region }: { requestId: string; region: string },
): HttpAuthorizeRequest {
  const { route } = match;
  const v2 = httpApiEvent(request, { ...match, route: { ...route, payloadVersion: '2.0' } }, { requestId });
  const context = v2.requestContext as unknown as Record<string, unknown>;
  const stagePrefix = route.api.stage === DEFAULT_STAGE ? '' : `/${route.api.stage}`;
  return {
    auth: route.auth,
    view: {
      headers: (v2.headers ?? {}) as Record<string, string>,
      query: (v2.queryStringParameters ?? null) as Record<string, string> | null,
      stageVariables: route.api.stageVariables,
      context,
    },
    routeArn: routeArn({
      region,
      accountId: String(context.accountId),
      apiId: route.api.id,
      stage: route.api.stage,
      method: request.method,
      path: match.rawPath.startsWith(stagePrefix) ? match.rawPath.slice(stagePrefix.length) : match.rawPath,
    }),
    requestEvent: (version) =>
      httpApiEvent(
        request,
        { ...match, route: { ...route, payloadVersion: version } },
        { requestId },
      ) as unknown as Record<string, unknown>,
  };
}
