// The path from an HTTP request to the proxy event, shared by the local API and the event generator so the
// two can never build different events: the target's route, then the event for the matched route.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LOCAL_PSEUDO_PARAMETERS } from '../template/parameters';
import { buildProxyEvent, type IncomingRequestInfo } from './request-event';
import { findRoute, type Route, type RouteMatch } from './routes';

export type RoutedRequest =
  | { kind: 'match'; match: RouteMatch; rawQuery: string; segments: string[] }
  | { kind: 'no-route'; segments: string[] }
  | { kind: 'bad-path' };

/** The route a request target (path and query as sent, origin form) reaches, with its raw query string. */
export function routeRequest(routes: Route[], method: string, target: string): RoutedRequest {
  const queryAt = target.indexOf('?');
  const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : target.slice(queryAt + 1);
  const segments = decodeSegments(rawPath);
  if (!segments) return { kind: 'bad-path' };
  const lookup = findRoute(routes, method, segments);
  if (lookup.kind === 'no-route') return { kind: 'no-route', segments };
  return { kind: 'match', match: lookup.match, rawQuery, segments };
}

/** The REST proxy (v1) event API Gateway hands the matched route's function for this request. */
export function requestEvent(request: IncomingRequestInfo, match: RouteMatch): APIGatewayProxyEvent {
  const accountId = LOCAL_PSEUDO_PARAMETERS['AWS::AccountId'] ?? '123456789012';
  return buildProxyEvent(request, match, { accountId, apiId: match.route.api.id });
}

function decodeSegments(rawPath: string): string[] | undefined {
  try {
    return rawPath
      .split('/')
      .filter((part) => part.length > 0)
      .map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
}
