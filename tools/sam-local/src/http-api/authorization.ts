// The HTTP API's authorizer step (src/pipeline/authorize.ts) as the local servers run it: the decision
// (src/authorizers/http-authorize.ts) with the local runtime's functions, one result cache per server, and the HTTP
// API's own answer for a denial.
import type { JSONWebKeySet } from 'jose';
import { AuthorizerCache } from '../authorizers/cache';
import { authorizeHttp, routeArn, type CachedHttpAnswer } from '../authorizers/http-authorize';
import type { LocalFunctions } from '../lambda/local-functions';
import type { Authorizer } from '../pipeline/authorize';
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
      // The request as a payload 2.0 event: what identity sources are read from.
      const v2 = httpApiEvent(request, { ...match, route: { ...route, payloadVersion: '2.0' } }, { requestId });
      const context = v2.requestContext as unknown as Record<string, unknown>;
      const stagePrefix = route.api.stage === DEFAULT_STAGE ? '' : `/${route.api.stage}`;
      const decided = await authorizeHttp(
        {
          auth: route.auth,
          view: {
            headers: (v2.headers ?? {}) as Record<string, string>,
            query: (v2.queryStringParameters ?? null) as Record<string, string> | null,
            stageVariables: route.api.stageVariables,
            context,
          },
          routeArn: routeArn({
            region: options.region,
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
        },
        {
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
        },
      );
      if (decided.kind === 'deny') {
        return { kind: 'deny', response: authorizerDenied(decided.denial, requestId), reason: decided.reason };
      }
      return { kind: 'allow', ...(decided.authorizer ? { context: decided.authorizer } : {}) };
    },
  };
}
