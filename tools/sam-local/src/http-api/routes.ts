// The template's HTTP API routes, and route selection as API Gateway's HTTP APIs do it
// (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html, "Working with routes for HTTP
// APIs"): among the routes whose method (or ANY) and path match, the most specific path wins (segment by segment, a
// literal before a {parameter} before a {greedy+}), then an exact method before ANY; `$default` catches what no route
// matches; with no `$default` route the answer is 404 Not Found.
import type { LoadedTemplate, Template } from '../template/template';
import { isFunctionResource } from '../template/function-types';
import { resolveLocalValue } from '../template/parameters';
import { cfnHttpAuthorizers } from '../authorizers/http-cfn-authorizers';
import { httpRouteAuthOf, readHttpApiAuth, type HttpApiAuth, type HttpRouteAuth } from '../authorizers/http-config';
import { openApiHttpAuthorizers } from '../authorizers/http-openapi-authorizers';
import { DEFAULT_STAGE, httpApiIdOf, readHttpApi, type HttpApi } from './apis';
import { cfnHttpRoutes } from './cfn-routes';
import { httpOpenApiRoutes } from './openapi-routes';

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

export type PayloadVersion = '1.0' | '2.0';

export interface HttpRoute {
  functionId: string;
  api: HttpApi;
  /** `GET /items/{id}`, `ANY /{proxy+}` or `$default`: the event's routeKey. */
  routeKey: string;
  /** Upper case; ANY matches every method. */
  method: string;
  /** The route's path as written (`/items/{id}`), or undefined for `$default`. */
  path: string | undefined;
  segments: Segment[];
  payloadVersion: PayloadVersion;
  /** The integration's timeout (TimeoutInMillis, at most 30 s: HTTP API quotas). */
  timeoutMs: number;
  /** What protects the route: its authorizer (or the API's default) and scopes. */
  auth: HttpRouteAuth;
}

export interface HttpRouteMatch {
  route: HttpRoute;
  /** Path parameters, percent-decoded (HTTP APIs decode the path before they route it), or null. */
  pathParameters: Record<string, string> | null;
  /** The decoded request path, stage prefix included (rawPath and requestContext.http.path). */
  rawPath: string;
}

export const MAX_INTEGRATION_TIMEOUT_MS = 30_000;
const DEFAULT_ROUTE = '$default';

/**
 * Every HTTP API route of the template: HttpApi events of SAM functions, quick-create AWS::ApiGatewayV2::Apis,
 * AWS::ApiGatewayV2::Route resources (cfn-routes.ts) and the methods of OpenAPI documents (openapi-routes.ts).
 */
export function httpRoutesFromTemplate(
  { template }: LoadedTemplate,
  parameters: Record<string, string> = {},
): HttpRoute[] {
  const apis = new Map<string, HttpApi>();
  const apiOf = (logicalId: string): HttpApi => {
    let api = apis.get(logicalId);
    if (!api) apis.set(logicalId, (api = readHttpApi(template, logicalId, parameters)));
    return api;
  };
  const auths = new Map<string, HttpApiAuth>();
  const authOf = (logicalId: string): HttpApiAuth => {
    let auth = auths.get(logicalId);
    if (!auth) {
      // The OpenAPI document's securitySchemes, then what the resource itself declares (SAM writes its Auth into the
      // document over schemes of the same name).
      const { authorizers: documented } = openApiHttpAuthorizers(template, logicalId, parameters);
      const cfn = template.Resources[logicalId]?.Type === 'AWS::ApiGatewayV2::Api';
      const declared = cfn
        ? { authorizers: cfnHttpAuthorizers(template, logicalId, parameters) }
        : readHttpApiAuth(template, logicalId, parameters);
      auth = { ...declared, authorizers: { ...documented, ...declared.authorizers } };
      auths.set(logicalId, auth);
    }
    return auth;
  };
  const routes: HttpRoute[] = [];
  for (const [functionId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const events = (resource.Properties?.Events ?? {}) as Record<
      string,
      { Type?: string; Properties?: Record<string, unknown> }
    >;
    for (const [eventName, event] of Object.entries(events)) {
      if (event.Type !== 'HttpApi') continue;
      const props = event.Properties ?? {};
      const where = `${functionId} event ${eventName}`;
      routes.push({
        functionId,
        api: apiOf(httpApiIdOf(props.ApiId)),
        auth: httpRouteAuthOf(authOf(httpApiIdOf(props.ApiId)), props.Auth, where),
        ...routeShape(
          where,
          resolveLocalValue(template, props.Method, parameters),
          resolveLocalValue(template, props.Path, parameters),
        ),
        payloadVersion: payloadVersionOf(where, resolveLocalValue(template, props.PayloadFormatVersion, parameters)),
        timeoutMs: timeoutOf(where, resolveLocalValue(template, props.TimeoutInMillis, parameters)),
      });
    }
  }
  for (const [apiId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Api' || resource.Properties?.Target === undefined) continue;
    const props = resource.Properties;
    if ((props.ProtocolType ?? 'HTTP') !== 'HTTP') continue;
    const functionId = functionOfTarget(template, props.Target);
    if (!functionId) throw new Error(`HTTP API ${apiId}: its Target names no function of this template`);
    const routeKey = resolveLocalValue(template, props.RouteKey, parameters) ?? DEFAULT_ROUTE;
    const [method, path] = routeKey === DEFAULT_ROUTE ? [undefined, undefined] : splitRouteKey(apiId, routeKey);
    routes.push({
      functionId,
      api: apiOf(apiId),
      ...routeShape(`HTTP API ${apiId}`, method, path),
      // Quick create makes a Lambda proxy integration with payload format 2.0 and the 30-second timeout.
      payloadVersion: '2.0',
      timeoutMs: MAX_INTEGRATION_TIMEOUT_MS,
      // A quick-create API has no authorizer.
      auth: { authorizer: null, scopes: [] },
    });
  }
  for (const declared of cfnHttpRoutes(template, parameters, authOf)) {
    const where = `HTTP API ${declared.apiId} route ${declared.routeId}`;
    const [method, path] =
      declared.routeKey === DEFAULT_ROUTE ? [undefined, undefined] : splitRouteKey(declared.apiId, declared.routeKey);
    routes.push({
      functionId: declared.functionId,
      api: apiOf(declared.apiId),
      auth: declared.auth,
      ...routeShape(where, method, path),
      payloadVersion: payloadVersionOf(where, declared.payloadVersion),
      timeoutMs: timeoutOf(where, declared.timeoutInMillis),
    });
  }
  // SAM adds HttpApi events to the API's OpenAPI document beside what it has; an event's route is served where both
  // name the same route key.
  for (const declared of httpOpenApiRoutes(template, parameters)) {
    const where = `HTTP API ${declared.apiId} OpenAPI ${declared.method} ${declared.path}`;
    const isDefault = declared.path === `/${DEFAULT_ROUTE}`;
    const shape = routeShape(where, isDefault ? undefined : declared.method, isDefault ? undefined : declared.path);
    const api = apiOf(declared.apiId);
    if (routes.some((route) => route.api === api && route.routeKey === shape.routeKey)) continue;
    routes.push({
      functionId: declared.functionId,
      api,
      auth: httpRouteAuthOf(authOf(declared.apiId), declared.auth, where),
      ...shape,
      payloadVersion: payloadVersionOf(where, declared.payloadVersion),
      timeoutMs: MAX_INTEGRATION_TIMEOUT_MS,
    });
  }
  refuseAmbiguousRoutes(routes);
  return routes;
}

function routeShape(
  where: string,
  method: string | undefined,
  path: string | undefined,
): Pick<HttpRoute, 'routeKey' | 'method' | 'path' | 'segments'> {
  // SAM: an HttpApi event without Path and Method is the API's $default route; one without the other is refused
  // (aws-sam-translator 1.110.0 plugins/api/implicit_http_api_plugin.py: "Event with id [Ev] is invalid. Property
  // 'Method' is required.").
  if (method === undefined && path === undefined) {
    return { routeKey: DEFAULT_ROUTE, method: 'ANY', path: undefined, segments: [] };
  }
  if (method === undefined || path === undefined) {
    throw new Error(
      `${where}: Property '${method === undefined ? 'Method' : 'Path'}' is required (or neither, for $default)`,
    );
  }
  const upper = method.toUpperCase();
  const normalized = upper === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? 'ANY' : upper;
  if (path === DEFAULT_ROUTE || path === `/${DEFAULT_ROUTE}`) {
    return { routeKey: DEFAULT_ROUTE, method: 'ANY', path: undefined, segments: [] };
  }
  return { routeKey: `${normalized} ${path}`, method: normalized, path, segments: parsePath(where, path) };
}

function splitRouteKey(apiId: string, routeKey: string): [string, string] {
  const match = /^(\S+) (\/\S*)$/.exec(routeKey);
  if (!match) throw new Error(`HTTP API ${apiId}: RouteKey "${routeKey}" is not "$default" or "METHOD /path"`);
  return [match[1]!, match[2]!];
}

function payloadVersionOf(where: string, value: string | undefined): PayloadVersion {
  if (value === undefined || value === '2.0') return '2.0';
  if (value === '1.0') return '1.0';
  throw new Error(`${where}: PayloadFormatVersion must be '1.0' or '2.0' (found ${value})`);
}

// HTTP API quotas: an integration timeout of 50 ms to 30 s, 30 s by default
// (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
function timeoutOf(where: string, value: string | undefined): number {
  if (value === undefined) return MAX_INTEGRATION_TIMEOUT_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 50 || ms > MAX_INTEGRATION_TIMEOUT_MS) {
    throw new Error(`${where}: TimeoutInMillis must be from 50 to 30000 (found ${value})`);
  }
  return ms;
}

/** The function a quick-create Target names: `!GetAtt Fn.Arn`, `!Ref Fn`, or a `!Sub` naming `${Fn.Arn}` or `${Fn}`. */
export function functionOfTarget(template: Template, target: unknown): string | undefined {
  const isFunction = (id: string | undefined): id is string =>
    id !== undefined && isFunctionResource(template.Resources[id]);
  // Resolved (resolve-template.ts), a Lambda ARN: alone, or in API Gateway's invocation URI. The function is named by
  // its FunctionName or, as sam local names it, its logical id (SAM CLI samcli/commands/local/lib/swagger/
  // integration_uri.py, LambdaUri: `.*:function:([^:]*)`).
  if (typeof target === 'string') {
    const name = /:function:([^:/]+)/.exec(target)?.[1];
    if (name === undefined || isFunction(name)) return name;
    return Object.entries(template.Resources).find(
      ([, resource]) => isFunctionResource(resource) && resource.Properties?.FunctionName === name,
    )?.[0];
  }
  if (typeof target !== 'object' || target === null) return undefined;
  const value = target as Record<string, unknown>;
  if (Array.isArray(value['Fn::GetAtt'])) {
    const id = String(value['Fn::GetAtt'][0]);
    return isFunction(id) ? id : undefined;
  }
  if (typeof value.Ref === 'string') return isFunction(value.Ref) ? value.Ref : undefined;
  const sub = value['Fn::Sub'];
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) ? String(sub[0]) : '';
  for (const [, name] of text.matchAll(/\$\{([^}.]+)(?:\.Arn)?\}/g)) if (isFunction(name)) return name;
  return undefined;
}

// A path part is a literal, a whole `{name}` or a whole `{name+}`, the greedy one last (as for REST APIs).
const PARAMETER = /^\{([^{}+]+)(\+?)\}$/;

function parsePath(where: string, path: string): Segment[] {
  const parts = path.split('/').filter((part) => part.length > 0);
  return parts.map((part, index): Segment => {
    const parameter = PARAMETER.exec(part);
    if (!parameter) {
      if (/[{}]/.test(part)) throw new Error(`${where}: path ${path}: curly braces must enclose a whole path part`);
      return { kind: 'literal', value: part };
    }
    const name = parameter[1]!;
    if (!parameter[2]) return { kind: 'param', name };
    if (index < parts.length - 1) throw new Error(`${where}: path ${path}: nothing can follow the greedy {${name}+}`);
    return { kind: 'greedy', name };
  });
}

/** Two routes that would answer the same requests at the same local address: start-up stops, naming both. */
function refuseAmbiguousRoutes(routes: HttpRoute[]): void {
  const seen = new Map<string, HttpRoute>();
  for (const route of routes) {
    const shape = route.segments.map((s) => (s.kind === 'literal' ? s.value : s.kind === 'param' ? '{}' : '{+}'));
    const key = `${route.api.stage} ${route.path === undefined ? DEFAULT_ROUTE : `${route.method} /${shape.join('/')}`}`;
    const other = seen.get(key);
    if (other) {
      throw new Error(
        `${describeRoute(other)} and ${describeRoute(route)} answer the same requests at ${stagePrefix(route.api) || '/'}: ` +
          'on AWS each HTTP API has its own host; locally they share one port. Give one of the APIs a StageName.',
      );
    }
    seen.set(key, route);
  }
}

export function describeRoute(route: HttpRoute): string {
  return `HTTP API ${route.api.logicalId} route "${route.routeKey}" (→ ${route.functionId})`;
}

/** `/dev` for a named stage, '' for `$default`. */
export function stagePrefix(api: HttpApi): string {
  return api.stage === DEFAULT_STAGE ? '' : `/${api.stage}`;
}

const SPECIFICITY = { literal: 3, param: 2, greedy: 1 } as const;

function matchSegments(route: HttpRoute, parts: string[]): Record<string, string> | null | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index);
      if (rest.length === 0) return undefined;
      parameters[segment.name] = rest.join('/');
      return parameters;
    }
    const part = parts[index];
    if (part === undefined || part.length === 0) return undefined;
    if (segment.kind === 'literal' && part !== segment.value) return undefined;
    if (segment.kind === 'param') parameters[segment.name] = part;
  }
  if (parts.length !== route.segments.length) return undefined;
  return Object.keys(parameters).length > 0 ? parameters : null;
}

function compareSpecificity(a: HttpRoute, b: HttpRoute): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let index = 0; index < length; index += 1) {
    const left = a.segments[index];
    const right = b.segments[index];
    if (!left || !right) return left ? -1 : 1;
    if (left.kind !== right.kind) return SPECIFICITY[right.kind] - SPECIFICITY[left.kind];
  }
  // Same shape: the route naming the method wins over ANY.
  return Number(a.method === 'ANY') - Number(b.method === 'ANY');
}

export type HttpRouteLookup =
  | { kind: 'match'; match: HttpRouteMatch }
  | { kind: 'no-route'; api: HttpApi }
  | { kind: 'not-ours' }
  | { kind: 'bad-path'; api: HttpApi };

/**
 * The route for a request path as sent: a path under a named stage's prefix belongs to that stage's routes; any
 * other path to the routes of APIs on the `$default` stage. HTTP APIs percent-decode the path before routing it
 * (rawPath arrives decoded: captures in hotsock/voker pull request #8, honojs/hono issue #2156).
 */
export function findHttpRoute(routes: HttpRoute[], method: string, rawTargetPath: string): HttpRouteLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawTargetPath);
  } catch {
    decoded = '';
  }
  const first = rawTargetPath.split('/')[1] ?? '';
  const staged = routes.filter((route) => route.api.stage !== DEFAULT_STAGE && route.api.stage === first);
  const candidates = staged.length > 0 ? staged : routes.filter((route) => route.api.stage === DEFAULT_STAGE);
  if (candidates.length === 0) return { kind: 'not-ours' };
  const api = candidates[0]!.api;
  if (decoded === '') return { kind: 'bad-path', api };
  const prefix = staged.length > 0 ? `/${first}` : '';
  const inStage = decoded.slice(prefix.length);
  const trimmed = inStage.replace(/^\/+/, '').replace(/\/+$/, '');
  const parts = trimmed.length === 0 ? [] : trimmed.split('/');
  const matching = candidates.flatMap((route) => {
    if (route.path === undefined || (route.method !== 'ANY' && route.method !== method)) return [];
    const pathParameters = matchSegments(route, parts);
    return pathParameters === undefined ? [] : [{ route, pathParameters }];
  });
  matching.sort((a, b) => compareSpecificity(a.route, b.route));
  const best = matching[0] ?? defaultRouteOf(candidates);
  if (!best) return { kind: 'no-route', api };
  return { kind: 'match', match: { ...best, rawPath: decoded } };
}

function defaultRouteOf(routes: HttpRoute[]): { route: HttpRoute; pathParameters: null } | undefined {
  const route = routes.find((candidate) => candidate.path === undefined);
  return route ? { route, pathParameters: null } : undefined;
}
