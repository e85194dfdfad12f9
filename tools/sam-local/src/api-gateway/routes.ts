import * as querystring from 'node:querystring';
import { routeAuthOf, type RouteAuth } from '../authorizers/rest-config';
import type { LoadedTemplate, Template } from '../template/template';
import { readRestApi, restApiIdOf, type RestApi } from './apis';
import { cfnRestRoutes, readCfnRestApi } from './cfn-routes';
import { openApiRestRoutes } from './openapi-routes';

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

/** One `Api` event of one function: a method on a resource path of a REST API. */
export interface Route {
  functionId: string;
  api: RestApi;
  /** The resource path as written in the template, e.g. `/items/{id}` (API Gateway's `resource`). */
  resourcePath: string;
  /** Upper case; `ANY` matches every method. */
  method: string;
  segments: Segment[];
  /** What protects the route: its authorizer (or the API's default), API key, scopes. */
  auth: RouteAuth;
}

export interface RouteMatch {
  route: Route;
  /** Path parameters as sent (percent-encoding kept, as API Gateway's REST API passes them), or null. */
  pathParameters: Record<string, string> | null;
  /** The request path without the stage prefix, as sent (API Gateway's `path`). */
  path: string;
  /** The path with the stage prefix, as sent (API Gateway's `requestContext.path`); `/<stage><path>` when absent. */
  stagePath?: string;
}

/**
 * Every Api event of the template's functions, then every method of its AWS::ApiGateway::RestApi resources
 * (cfn-routes.ts); routes of one API share one RestApi object.
 */
export function routesFromTemplate({ template }: LoadedTemplate, parameters: Record<string, string> = {}): Route[] {
  const apiOf = restApiReader(template, parameters);
  const routes: Route[] = [];
  for (const [functionId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const events = (resource.Properties?.Events ?? {}) as Record<
      string,
      { Type?: string; Properties?: Record<string, unknown> }
    >;
    for (const [eventId, event] of Object.entries(events)) {
      if (event.Type !== 'Api') continue;
      const props = event.Properties ?? {};
      const resourcePath = String(props.Path);
      const api = apiOf(restApiIdOf(props.RestApiId));
      const method = String(props.Method);
      routes.push({
        functionId,
        api,
        resourcePath,
        method: method.toUpperCase(),
        segments: parsePath(resourcePath),
        auth: routeAuthOf(api.auth, props.Auth, { eventId, method, path: resourcePath }),
      });
    }
  }
  for (const declared of cfnRestRoutes(template, parameters, apiOf)) {
    routes.push({ ...declared, segments: parsePath(declared.resourcePath) });
  }
  // SAM adds an Api event to its API's OpenAPI document and keeps what the document already has there; locally the
  // event's route is the one served (as sam local does), and the document's other methods are added.
  for (const declared of openApiRestRoutes(template, parameters, apiOf)) {
    const taken = routes.some(
      (route) =>
        route.api === declared.api && route.method === declared.method && route.resourcePath === declared.resourcePath,
    );
    if (!taken) routes.push({ ...declared, segments: parsePath(declared.resourcePath) });
  }
  return routes;
}

/** The RestApi of a logical id, read once: a SAM API (apis.ts) or an AWS::ApiGateway::RestApi (cfn-routes.ts). */
export function restApiReader(template: Template, parameters: Record<string, string>): (logicalId: string) => RestApi {
  const apis = new Map<string, RestApi>();
  return (logicalId) => {
    let api = apis.get(logicalId);
    if (!api) {
      api =
        template.Resources[logicalId]?.Type === 'AWS::ApiGateway::RestApi'
          ? readCfnRestApi(template, logicalId, parameters)
          : readRestApi(template, logicalId, parameters);
      apis.set(logicalId, api);
    }
    return api;
  };
}

// A path part is a literal, a whole `{name}` or a whole `{name+}`; AWS refuses anything else when it creates the
// resource ("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end", as AWS
// answered in claudiajs/claudia issue #11) and refuses a resource under a greedy one ("Cannot create a child of a
// resource with a greedy path variable", the CreateResource error localstack/localstack reproduces in
// localstack-core/localstack/services/apigateway/legacy/provider.py).
const PARAMETER = /^\{([^{}+]+)(\+?)\}$/;

function parsePath(path: string): Segment[] {
  const parts = splitSegments(path);
  return parts.map((part, index): Segment => {
    const parameter = PARAMETER.exec(part);
    if (!parameter) {
      if (/[{}]/.test(part)) throw new Error(`Api event path ${path}: curly braces must enclose a whole path part`);
      return { kind: 'literal', value: part };
    }
    const name = parameter[1]!;
    if (!parameter[2]) return { kind: 'param', name };
    if (index < parts.length - 1) throw new Error(`Api event path ${path}: nothing can follow the greedy {${name}+}`);
    return { kind: 'greedy', name };
  });
}

function splitSegments(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

// API Gateway prefers literal segments over {param} over {greedy+}.
const SPECIFICITY = { literal: 3, param: 2, greedy: 1 } as const;

function matchSegments(route: Route, parts: string[]): Record<string, string> | null | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index);
      if (rest.length === 0) return undefined;
      parameters[segment.name] = rest.join('/');
      return parameters;
    }
    const part = parts[index];
    // An empty segment (a doubled slash) matches no literal and no parameter.
    if (part === undefined || part.length === 0) return undefined;
    // Literals are compared percent-decoded; unescape keeps a malformed sequence (as U+FFFD or as sent), which then
    // matches no literal API Gateway accepts (letters, digits and ._-: only).
    if (segment.kind === 'literal' && querystring.unescape(part) !== segment.value) return undefined;
    if (segment.kind === 'param') parameters[segment.name] = part;
  }
  if (parts.length !== route.segments.length) return undefined;
  return Object.keys(parameters).length > 0 ? parameters : null;
}

// Only routes that match one path are compared, and two of them differ at or before the last segment of the shorter
// one: a greedy segment ends a route and is the only segment that matches more than one part. So `b` has a segment
// wherever `a`'s kinds can still differ from it.
function moreSpecific(a: Route, b: Route): number {
  for (const [index, segment] of a.segments.entries()) {
    const other = b.segments[index]!;
    if (segment.kind !== other.kind) return SPECIFICITY[other.kind] - SPECIFICITY[segment.kind];
  }
  return 0;
}

export type RouteLookup = { kind: 'match'; match: RouteMatch } | { kind: 'no-route' };

/**
 * Finds the route for a request path as sent (percent-encoded), served both under the stage prefix (as in the
 * deployed URL) and at the resource path (as `sam local start-api` does). As API Gateway's REST API does (recorded
 * in localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json,
 * test_lambda_aws_proxy_integration): leading slashes collapse (`//stage//x` routes as `/stage/x`, and `path` is
 * `/x` while `requestContext.path` keeps `/stage//x`); a trailing slash is kept in both paths but not in a greedy
 * parameter; a doubled slash inside a greedy path is kept; nothing is percent-decoded.
 */
export function findRouteForPath(routes: Route[], method: string, rawPath: string): RouteLookup {
  const withoutLeading = withoutLeadingSlashes(rawPath);
  const first = withoutLeading.split('/')[0]!;
  // A path that starts with a stage name is routed within that stage only, as on AWS; any other path as a resource
  // path of any API (sam local's way).
  const stage = routes.some((route) => route.api.stage === first) ? first : undefined;
  const rest = stage === undefined ? `/${withoutLeading}` : withoutLeading.slice(first.length);
  const path = `/${withoutLeadingSlashes(rest)}`;
  const trimmed = path.slice(1).replace(/\/+$/, '');
  const parts = trimmed.length === 0 ? [] : trimmed.split('/');
  const matching = routes
    .filter((route) => stage === undefined || route.api.stage === stage)
    .flatMap((route) => {
      const pathParameters = matchSegments(route, parts);
      return pathParameters === undefined ? [] : [{ route, pathParameters }];
    });
  matching.sort((a, b) => moreSpecific(a.route, b.route));
  const best = matching.filter((m) => moreSpecific(m.route, matching[0]!.route) === 0);
  // ANY is the catch-all of the seven methods a REST API can define (API Gateway's method httpMethod values:
  // DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, ANY); another method (TRACE, PROPFIND, …) matches no method, and is
  // answered as a method the resource does not define (403 Missing Authentication Token).
  const found =
    best.find((m) => m.route.method === method) ??
    (ALL_METHODS.includes(method) ? best.find((m) => m.route.method === 'ANY') : undefined);
  if (!found) return { kind: 'no-route' };
  const stagePath = stage === undefined ? `/${found.route.api.stage}${path === '/' ? '' : path}` : `/${stage}${rest}`;
  return { kind: 'match', match: { ...found, path, stagePath } };
}

/** findRouteForPath for a path given as its segments. */
export function findRoute(routes: Route[], method: string, segments: string[]): RouteLookup {
  return findRouteForPath(routes, method, `/${segments.join('/')}`);
}

/** The CORS preflight answer for a path, when some route of a Cors-enabled API serves it. */
export function findPreflight(routes: Route[], rawPath: string): Record<string, string> | undefined {
  for (const method of new Set(routes.map((route) => route.method))) {
    const found = findRouteForPath(routes, method, rawPath);
    if (found.kind !== 'match' || !found.match.route.api.cors) continue;
    const { route } = found.match;
    return { 'Access-Control-Allow-Methods': allowedMethods(routes, route), ...route.api.cors };
  }
  return undefined;
}

const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

// A preflight without AllowMethods allows its resource path's methods and OPTIONS, sorted, or all of them when the
// path has ANY (aws/serverless-application-model samtranslator/swagger/swagger.py,
// _make_cors_allowed_methods_for_path_item).
function allowedMethods(routes: Route[], route: Route): string {
  const methods = routes
    .filter((other) => other.api === route.api && other.resourcePath === route.resourcePath)
    .map((other) => other.method);
  return (methods.includes('ANY') ? ALL_METHODS : [...new Set([...methods, 'OPTIONS'])].sort()).join(',');
}

/** The API a request path belongs to (by its stage prefix), for the headers of API Gateway's own answers. */
export function apiFor(routes: Route[], rawPath: string): RestApi | undefined {
  const first = withoutLeadingSlashes(rawPath).split('/')[0];
  return (routes.find((route) => route.api.stage === first) ?? routes[0])?.api;
}

function withoutLeadingSlashes(path: string): string {
  let start = 0;
  while (path[start] === '/') start += 1;
  return path.slice(start);
}
