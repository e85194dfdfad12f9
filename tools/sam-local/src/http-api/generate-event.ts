// The event an HTTP API route's function gets for a request, without serving it: `sam-local generate-event` for
// HttpApi routes, through the server's own routing and event code (findHttpRoute, httpApiEvent).
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { newExtendedRequestId } from '../api-gateway/request-event';
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
import { findHttpRoute, httpRoutesFromTemplate, stagePrefix, type HttpRoute } from './routes';

export interface GenerateHttpApiEventOptions extends GeneratedRequestOptions {
  loaded: LoadedTemplate;
  parameterOverrides?: Record<string, string>;
}

/** The payload 2.0 (or 1.0) event for the request. Throws NoRouteError when no HTTP API route takes it. */
export function generateHttpApiEvent(options: GenerateHttpApiEventOptions): V2Event | APIGatewayProxyEvent {
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
  return httpApiEvent(request, match, { requestId: newExtendedRequestId(), scheme: request.scheme });
}

function routeList(routes: HttpRoute[]): string {
  return routes
    .map(
      (route) => `${route.path === undefined ? '$default' : `${route.method} ${stagePrefix(route.api)}${route.path}`}`,
    )
    .join(', ');
}
