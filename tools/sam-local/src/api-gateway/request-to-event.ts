// The path from an HTTP request to the proxy event, shared by the local API and the event generator so the
// two can never build different events: the target's route, then the event for the matched route.
import { LOCAL_PSEUDO_PARAMETERS } from '../template/parameters';
import { buildProxyEvent, type EventIdentity, type IncomingRequestInfo, type RestProxyEvent } from './request-event';
import { findRouteForPath, type Route, type RouteMatch } from './routes';

/** The raw path is the target's path as sent: API Gateway's REST API routes it, and passes it on, undecoded. */
export type RoutedRequest =
  | { kind: 'match'; match: RouteMatch; rawPath: string; rawQuery: string }
  | { kind: 'no-route'; rawPath: string }
  | { kind: 'bad-path'; rawPath: string };

/** The route a request target (path and query as sent, origin form) reaches, with its raw query string. */
export function routeRequest(routes: Route[], method: string, target: string): RoutedRequest {
  const queryAt = target.indexOf('?');
  const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : target.slice(queryAt + 1);
  if (!wellEncoded(rawPath)) return { kind: 'bad-path', rawPath };
  const lookup = findRouteForPath(routes, method, rawPath);
  if (lookup.kind === 'no-route') return { kind: 'no-route', rawPath };
  return { kind: 'match', match: lookup.match, rawPath, rawQuery };
}

/** The ids the event carries (fresh ones when not given); the local API also puts them on its answer. */
export type EventIds = Pick<EventIdentity, 'requestId' | 'extendedRequestId' | 'traceId' | 'authorizer' | 'apiKey'>;

/** The REST proxy (v1) event API Gateway hands the matched route's function for this request. */
export function requestEvent(request: IncomingRequestInfo, match: RouteMatch, ids: EventIds = {}): RestProxyEvent {
  const accountId = LOCAL_PSEUDO_PARAMETERS['AWS::AccountId'] ?? '123456789012';
  return buildProxyEvent(request, match, { accountId, apiId: match.route.api.id, ...ids });
}

// A malformed percent sequence (`%zz`) anywhere in the path routes nowhere: not recorded on AWS (docs/conformance.md).
function wellEncoded(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath);
    return true;
  } catch {
    return false;
  }
}
