import { resolveLocalValue } from '../lib/environment';
import type { LoadedTemplate, Template } from '../lib/template';

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

/** One `Api` event of one function: a method on a resource path of a REST API stage. */
export interface Route {
  functionId: string;
  apiId: string;
  stage: string;
  /** The resource path as written in the template, e.g. `/items/{id}` (API Gateway's `resource`). */
  resourcePath: string;
  /** Upper case; `ANY` matches every method. */
  method: string;
  segments: Segment[];
  stageVariables: Record<string, string> | null;
  /** The API's CORS preflight answer (SAM's Cors property), or null without Cors. */
  cors: Record<string, string> | null;
  /** Headers the API adds to its own 4xx and 5xx answers (GatewayResponses DEFAULT_4XX / DEFAULT_5XX). */
  gatewayHeaders: { '4xx': Record<string, string>; '5xx': Record<string, string> };
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string> | null;
  /** The request path without the stage prefix (API Gateway's `path`). */
  path: string;
}

// SAM's implicit API (an Api event without RestApiId) is deployed with a stage named Prod.
const IMPLICIT_API = { id: 'ServerlessRestApi', stage: 'Prod' };

export function routesFromTemplate({ template }: LoadedTemplate, parameters: Record<string, string> = {}): Route[] {
  const routes: Route[] = [];
  for (const [functionId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const events = (resource.Properties?.Events ?? {}) as Record<
      string,
      { Type?: string; Properties?: Record<string, unknown> }
    >;
    for (const event of Object.values(events)) {
      if (event.Type !== 'Api') continue;
      const props = event.Properties ?? {};
      const apiId = restApiId(props.RestApiId) ?? IMPLICIT_API.id;
      const resourcePath = String(props.Path);
      routes.push({
        functionId,
        apiId,
        stage: stageOf(template, apiId, parameters),
        resourcePath,
        method: String(props.Method).toUpperCase(),
        segments: parsePath(resourcePath),
        stageVariables: stageVariablesOf(template, apiId, parameters),
        cors: corsOf(template, apiId, parameters),
        gatewayHeaders: {
          '4xx': gatewayHeadersOf(template, apiId, 'DEFAULT_4XX', parameters),
          '5xx': gatewayHeadersOf(template, apiId, 'DEFAULT_5XX', parameters),
        },
      });
    }
  }
  return routes;
}

function restApiId(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && 'Ref' in value) return String(value.Ref);
  return undefined;
}

function stageOf(template: Template, apiId: string, parameters: Record<string, string>): string {
  if (apiId === IMPLICIT_API.id && !template.Resources[apiId]) return IMPLICIT_API.stage;
  const stageName = template.Resources[apiId]?.Properties?.StageName;
  const resolved = resolveLocalValue(template, stageName, parameters);
  if (!resolved) throw new Error(`API ${apiId}: cannot resolve its StageName locally`);
  return resolved;
}

function stageVariablesOf(
  template: Template,
  apiId: string,
  parameters: Record<string, string>,
): Record<string, string> | null {
  const variables = template.Resources[apiId]?.Properties?.Variables as Record<string, unknown> | undefined;
  if (!variables || Object.keys(variables).length === 0) return null;
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [key, resolveLocalValue(template, value, parameters) ?? '']),
  );
}

// SAM's Cors values are quoted header values ("'GET,OPTIONS'"); a plain string is AllowOrigin alone.
const CORS_HEADERS: Record<string, string> = {
  AllowOrigin: 'Access-Control-Allow-Origin',
  AllowMethods: 'Access-Control-Allow-Methods',
  AllowHeaders: 'Access-Control-Allow-Headers',
  MaxAge: 'Access-Control-Max-Age',
  AllowCredentials: 'Access-Control-Allow-Credentials',
};

function corsOf(template: Template, apiId: string, parameters: Record<string, string>): Record<string, string> | null {
  const cors = template.Resources[apiId]?.Properties?.Cors ?? template.Globals?.Api?.Cors;
  if (cors === undefined || cors === null) return null;
  const settings = typeof cors === 'object' && !('Fn::Sub' in cors) && !('Ref' in cors) ? cors : { AllowOrigin: cors };
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
    const name = CORS_HEADERS[key];
    const resolved =
      key === 'AllowCredentials' ? String(value) : unquote(resolveLocalValue(template, value, parameters));
    if (name && resolved !== undefined) headers[name] = resolved;
  }
  // SAM's preflight allows every method the path has when AllowMethods is not given.
  headers['Access-Control-Allow-Methods'] ??= 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT';
  return headers;
}

function gatewayHeadersOf(
  template: Template,
  apiId: string,
  type: 'DEFAULT_4XX' | 'DEFAULT_5XX',
  parameters: Record<string, string>,
): Record<string, string> {
  const responses = template.Resources[apiId]?.Properties?.GatewayResponses as
    Record<string, { ResponseParameters?: { Headers?: Record<string, unknown> } }> | undefined;
  const headers = responses?.[type]?.ResponseParameters?.Headers ?? {};
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) => {
      const resolved = unquote(resolveLocalValue(template, value, parameters));
      return resolved === undefined ? [] : [[name, resolved]];
    }),
  );
}

function unquote(value: string | undefined): string | undefined {
  return value !== undefined && /^'.*'$/.test(value) ? value.slice(1, -1) : value;
}

function parsePath(path: string): Segment[] {
  return splitSegments(path).map((part): Segment => {
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy?.[1]) return { kind: 'greedy', name: greedy[1] };
    const param = /^\{(.+)\}$/.exec(part);
    if (param?.[1]) return { kind: 'param', name: param[1] };
    return { kind: 'literal', value: part };
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
    if (part === undefined) return undefined;
    if (segment.kind === 'literal' && segment.value !== part) return undefined;
    if (segment.kind === 'param') parameters[segment.name] = part;
  }
  if (parts.length !== route.segments.length) return undefined;
  return Object.keys(parameters).length > 0 ? parameters : null;
}

function moreSpecific(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const sa = a.segments[i] ? SPECIFICITY[a.segments[i]!.kind] : 0;
    const sb = b.segments[i] ? SPECIFICITY[b.segments[i]!.kind] : 0;
    if (sa !== sb) return sb - sa;
  }
  return 0;
}

export type RouteLookup = { kind: 'match'; match: RouteMatch } | { kind: 'no-route' };

/**
 * Finds the route for a decoded request path, served both at the resource path (as `sam local
 * start-api` does) and under the stage prefix (as in the deployed URL).
 */
export function findRoute(routes: Route[], method: string, decodedSegments: string[]): RouteLookup {
  const [first, ...rest] = decodedSegments;
  const candidates: Array<{ parts: string[]; stage?: string }> = [];
  if (first !== undefined && routes.some((route) => route.stage === first))
    candidates.push({ parts: rest, stage: first });
  candidates.push({ parts: decodedSegments });

  for (const { parts, stage } of candidates) {
    const matching = routes
      .filter((route) => stage === undefined || route.stage === stage)
      .flatMap((route) => {
        const pathParameters = matchSegments(route, parts);
        return pathParameters === undefined ? [] : [{ route, pathParameters }];
      });
    if (matching.length === 0) continue;
    matching.sort((a, b) => moreSpecific(a.route, b.route));
    const best = matching.filter((m) => moreSpecific(m.route, matching[0]!.route) === 0);
    const found = best.find((m) => m.route.method === method) ?? best.find((m) => m.route.method === 'ANY');
    if (!found) return { kind: 'no-route' };
    return { kind: 'match', match: { ...found, path: `/${parts.join('/')}` } };
  }
  return { kind: 'no-route' };
}

/** The CORS preflight answer for a path, when some route of a Cors-enabled API serves it. */
export function findPreflight(routes: Route[], decodedSegments: string[]): Record<string, string> | undefined {
  for (const method of new Set(routes.map((route) => route.method))) {
    const found = findRoute(routes, method, decodedSegments);
    if (found.kind === 'match' && found.match.route.cors) return found.match.route.cors;
  }
  return undefined;
}

/** The API a request path belongs to (by its stage prefix), for the headers of API Gateway's own answers. */
export function apiRouteFor(routes: Route[], decodedSegments: string[]): Route | undefined {
  return routes.find((route) => route.stage === decodedSegments[0]) ?? routes[0];
}
