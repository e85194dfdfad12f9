// The proxy event for a request, without serving it: what `sam local generate-event apigateway aws-proxy` does,
// but from the template's routes and through the local API's own request → event code.
import type { RestProxyEvent } from './request-event';
import { DEFAULT_REGION } from '../template/symbols';
import { withParameterOverrides, type LoadedTemplate } from '../template/template';
import { requestEvent, routeRequest } from './request-to-event';
import { routesFromTemplate, type Route, type RouteMatch } from './routes';

export interface GenerateEventOptions {
  loaded: LoadedTemplate;
  method: string;
  /**
   * The request target. A path with its query (`/dev/hello?name=Ada`) is a request to the deployed API: https on
   * port 443, Host the API's execute-api domain. An absolute URL (`http://127.0.0.1:3000/dev/hello`) is a request
   * to that server: its scheme, host and port go into the event, as the local API would put them.
   */
  target: string;
  /** Request headers as the client sends them, in order (Host, when absent, comes from the target). */
  headers?: Array<[string, string]>;
  body?: Buffer;
  /** The client's address (requestContext.identity.sourceIp, X-Forwarded-For). */
  sourceIp?: string;
  parameterOverrides?: Record<string, string>;
}

/** A request the template's API would not route: what API Gateway answers 403 Missing Authentication Token to. */
export class NoRouteError extends Error {}

/** A documentation address (RFC 5737 TEST-NET-3) for a client of the deployed API; loopback for a local server. */
const DEPLOYED_CLIENT_IP = '203.0.113.10';
const LOOPBACK_CLIENT_IP = '127.0.0.1';

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
  const absolute = /^(https?):\/\/([^/?#]+)([^#]*)/i.exec(options.target);
  const pathAndQuery = absolute ? absolute[3] || '/' : options.target;
  if (!pathAndQuery.startsWith('/')) {
    throw new NoRouteError(`"${options.target}" is neither a path (/stage/resource…) nor an http(s):// URL`);
  }

  const routed = routeRequest(routes, method, pathAndQuery);
  if (routed.kind === 'bad-path') throw new NoRouteError(`${pathAndQuery}: malformed percent-encoding in the path`);
  if (routed.kind === 'no-route') {
    throw new NoRouteError(
      `No route for ${method} ${pathAndQuery} in ${loaded.path} (API Gateway would answer 403 Missing Authentication Token). Its routes: ${routeList(routes)}`,
    );
  }
  const { match, rawQuery } = routed;
  const region = loaded.region ?? DEFAULT_REGION;
  const scheme = absolute ? (absolute[1]!.toLowerCase() as 'http' | 'https') : 'https';
  const authority = absolute ? absolute[2]! : `${match.route.api.id}.execute-api.${region}.amazonaws.com`;
  const explicitPort = /:(\d+)$/.exec(authority)?.[1];
  const headers = options.headers ?? [];
  const has = (name: string): boolean => headers.some(([given]) => given.toLowerCase() === name);
  const body = options.body ?? Buffer.alloc(0);
  const rawHeaders = [
    ...(has('host') ? [] : [['Host', authority]]),
    ...headers,
    // What any HTTP/1.1 client sends with a body (dropped from the event, as the local API drops it).
    ...(body.length > 0 && !has('content-length') ? [['Content-Length', String(body.length)]] : []),
  ].flat();
  const loopback = /^(localhost|127\.[\d.]+|\[::1\])(:\d+)?$/i.test(authority);
  const event = requestEvent(
    {
      method,
      rawQuery,
      rawHeaders,
      body,
      sourceIp: options.sourceIp ?? (absolute && loopback ? LOOPBACK_CLIENT_IP : DEPLOYED_CLIENT_IP),
      httpVersion: '1.1',
      serverPort: explicitPort ? Number(explicitPort) : scheme === 'https' ? 443 : 80,
      scheme,
    },
    match,
  );
  return { event, match };
}

function routeList(routes: Route[]): string {
  return routes.map((route) => `${route.method} /${route.api.stage}${route.resourcePath}`).join(', ');
}
