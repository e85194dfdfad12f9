import type { LoadedTemplate } from '../template/template';
import { readRestApi, restApiIdOf, type RestApi } from './apis';

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
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string> | null;
  /** The request path without the stage prefix (API Gateway's `path`). */
  path: string;
}

/** Every Api event of the template's functions; routes of one API share one RestApi object. */
export function routesFromTemplate({ template }: LoadedTemplate, parameters: Record<string, string> = {}): Route[] {
  const apis = new Map<string, RestApi>();
  const apiOf = (logicalId: string): RestApi => {
    let api = apis.get(logicalId);
    if (!api) apis.set(logicalId, (api = readRestApi(template, logicalId, parameters)));
    return api;
  };
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
      const resourcePath = String(props.Path);
      routes.push({
        functionId,
        api: apiOf(restApiIdOf(props.RestApiId)),
        resourcePath,
        method: String(props.Method).toUpperCase(),
        segments: parsePath(resourcePath),
      });
    }
  }
  return routes;
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
  if (first !== undefined && routes.some((route) => route.api.stage === first))
    candidates.push({ parts: rest, stage: first });
  candidates.push({ parts: decodedSegments });

  for (const { parts, stage } of candidates) {
    const matching = routes
      .filter((route) => stage === undefined || route.api.stage === stage)
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
    if (found.kind === 'match' && found.match.route.api.cors) return found.match.route.api.cors;
  }
  return undefined;
}

/** The API a request path belongs to (by its stage prefix), for the headers of API Gateway's own answers. */
export function apiFor(routes: Route[], decodedSegments: string[]): RestApi | undefined {
  return (routes.find((route) => route.api.stage === decodedSegments[0]) ?? routes[0])?.api;
}
