// The event an HTTP API route's function gets for a request, without serving it: `sam-local generate-event` for
// HttpApi routes, through the server's own routing and event code (findHttpRoute, httpApiEvent).
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { newExtendedRequestId } from '../api-gateway/request-event';
import { httpAuthorizerEvent } from '../authorizers/http-authorize';
import { describeSource, readIdentity } from '../authorizers/identity-sources';
import {
  generatedRequest,
  NoRouteError,
  targetPath,
  type GeneratedRequestOptions,
} from '../pipeline/generated-request';
import { DEFAULT_REGION } from '../template/symbols';
import { withParameterOverrides, type LoadedTemplate } from '../template/template';
import type { V2Event } from './event-v2';
import { httpApiEvent } from './request-to-event';
import { httpAuthorizeRequest } from './authorization';
import { findHttpRoute, httpRoutesFromTemplate, stagePrefix, type HttpRoute, type HttpRouteMatch } from './routes';

export interface GenerateHttpApiEventOptions extends GeneratedRequestOptions {
  loaded: LoadedTemplate;
  parameterOverrides?: Record<string, string>;
}

/** The payload 2.0 (or 1.0) event for the request. Throws NoRouteError when no HTTP API route takes it. */
export function generateHttpApiEvent(options: GenerateHttpApiEventOptions): V2Event | APIGatewayProxyEvent {
  const { request, match, requestId } = routeGenerated(options);
  return httpApiEvent(request, match, { requestId, scheme: request.scheme });
}

/**
 * The input event of the route's Lambda authorizer (payload 1.0 or 2.0, as the authorizer declares), made by the
 * server's own code (httpAuthorizeRequest, httpAuthorizerEvent). Throws NoRouteError, or when the route has no Lambda
 * authorizer or the request lacks one of its identity sources, saying so.
 */
export function generateHttpAuthorizerEvent(options: GenerateHttpApiEventOptions): Record<string, unknown> {
  const { request, match, requestId, region } = routeGenerated(options);
  const { authorizer } = match.route.auth;
  const where = `${request.method} ${match.rawPath} (HTTP API ${match.route.api.logicalId} route "${match.route.routeKey}")`;
  if (authorizer === null || authorizer === 'iam' || authorizer.type !== 'lambda') {
    const has =
      authorizer === null ? 'no authorizer' : authorizer === 'iam' ? 'AWS_IAM' : `JWT authorizer ${authorizer.name}`;
    throw new NoRouteError(`${where} has ${has}: there is no Lambda authorizer event to make`);
  }
  const authorizeRequest = httpAuthorizeRequest(request, match, { requestId, region });
  const identity = readIdentity(authorizer.identitySources, authorizeRequest.view);
  if (identity.kind === 'missing') {
    throw new NoRouteError(
      `${where}: authorizer ${authorizer.name} reads ${describeSource(identity.source, 'http')}: give it in the ` +
        'request (without it API Gateway answers 401 and does not invoke the authorizer)',
    );
  }
  return httpAuthorizerEvent(authorizer, authorizeRequest, identity.values);
}

function routeGenerated(options: GenerateHttpApiEventOptions): {
  request: ReturnType<typeof generatedRequest>;
  match: HttpRouteMatch;
  requestId: string;
  region: string;
} {
  const loaded = withParameterOverrides(options.loaded, options.parameterOverrides);
  const routes = httpRoutesFromTemplate(loaded);
  if (routes.length === 0) throw new NoRouteError(`${loaded.path} defines no HTTP API routes`);
  const pathAndQuery = targetPath(options.target);
  if (pathAndQuery === undefined) {
    throw new NoRouteError(
      `"${options.target}" is neither a path (/resource…, /stage/resource…) nor an http(s):// URL`,
    );
  }
  const method = options.method.toUpperCase();
  const rawPath = pathAndQuery.split('?')[0]!;
  const lookup = findHttpRoute(routes, method, rawPath);
  if (lookup.kind === 'bad-path') throw new NoRouteError(`${rawPath}: malformed percent-encoding in the path`);
  if (lookup.kind !== 'match') {
    throw new NoRouteError(
      `No HTTP API route for ${method} ${pathAndQuery} in ${loaded.path} (the API would answer 404 Not Found). Its routes: ${routeList(routes)}`,
    );
  }
  const { match } = lookup;
  const region = loaded.region ?? DEFAULT_REGION;
  const request = generatedRequest(options, `${match.route.api.id}.execute-api.${region}.amazonaws.com`);
  return { request, match, requestId: newExtendedRequestId(), region };
}

function routeList(routes: HttpRoute[]): string {
  return routes
    .map(
      (route) => `${route.path === undefined ? '$default' : `${route.method} ${stagePrefix(route.api)}${route.path}`}`,
    )
    .join(', ');
}
