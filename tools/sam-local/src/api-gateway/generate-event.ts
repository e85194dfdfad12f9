// The proxy event for a request, without serving it: what `sam local generate-event apigateway aws-proxy` does,
// but from the template's routes and through the local API's own request → event code.
import type { RestProxyEvent } from './request-event';
import { DEFAULT_REGION } from '../template/symbols';
import { withParameterOverrides, type LoadedTemplate } from '../template/template';
import {
  generatedRequest,
  NoRouteError,
  targetPath,
  type GeneratedRequestOptions,
} from '../pipeline/generated-request';
import { requestEvent, routeRequest } from './request-to-event';
import { routesFromTemplate, type Route, type RouteMatch } from './routes';

export interface GenerateEventOptions extends GeneratedRequestOptions {
  loaded: LoadedTemplate;
  parameterOverrides?: Record<string, string>;
}

export { NoRouteError };

/** The REST proxy (v1) event the API would hand its function for this request. Throws NoRouteError. */
export function generateEvent(options: GenerateEventOptions): RestProxyEvent {
  return generateRoutedEvent(options).event;
}

/** generateEvent, with the route the request reached. */
export function generateRoutedEvent(options: GenerateEventOptions): { event: RestProxyEvent; match: RouteMatch } {
  const loaded = withParameterOverrides(options.loaded, options.parameterOverrides);
  const routes = routesFromTemplate(loaded);
  if (routes.length === 0) throw new NoRouteError(`${loaded.path} defines no Api events`);
  const method = options.method.toUpperCase();
  const pathAndQuery = targetPath(options.target);
  if (pathAndQuery === undefined) {
    throw new NoRouteError(`"${options.target}" is neither a path (/stage/resource…) nor an http(s):// URL`);
  }

  const routed = routeRequest(routes, method, pathAndQuery);
  if (routed.kind === 'bad-path') throw new NoRouteError(`${pathAndQuery}: malformed percent-encoding in the path`);
  if (routed.kind === 'no-route') {
    throw new NoRouteError(
      `No route for ${method} ${pathAndQuery} in ${loaded.path} (API Gateway would answer 403 Missing Authentication Token). Its routes: ${routeList(routes)}`,
    );
  }
  const { match } = routed;
  const region = loaded.region ?? DEFAULT_REGION;
  const request = generatedRequest(options, `${match.route.api.id}.execute-api.${region}.amazonaws.com`);
  return { event: requestEvent(request, match), match };
}

function routeList(routes: Route[]): string {
  return routes.map((route) => `${route.method} /${route.api.stage}${route.resourcePath}`).join(', ');
}
