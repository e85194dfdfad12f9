// `sam-local generate-event` over every API of the template: the request goes to the source start-api would hand
// it to (the precedence of served-sources.ts: a REST stage prefix, then an HTTP API route, then a REST route at
// its resource path), and that source's event code builds the event.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { generateAuthorizerEvent } from '../api-gateway/generate-authorizer-event';
import { generateEvent, type GenerateEventOptions } from '../api-gateway/generate-event';
import type { RestProxyEvent } from '../api-gateway/request-event';
import { routeRequest } from '../api-gateway/request-to-event';
import { routesFromTemplate } from '../api-gateway/routes';
import type { V2Event } from '../http-api/event-v2';
import { generateHttpApiEvent, generateHttpAuthorizerEvent } from '../http-api/generate-event';
import { findHttpRoute, httpRoutesFromTemplate } from '../http-api/routes';
import { NoRouteError, targetPath } from '../pipeline/generated-request';
import { withParameterOverrides } from '../template/template';

export type GeneratedEvent =
  { source: 'rest-api'; event: RestProxyEvent } | { source: 'http-api'; event: V2Event | APIGatewayProxyEvent };

export function generateAnyEvent(options: GenerateEventOptions): GeneratedEvent {
  return sourceOf(options) === 'rest-api'
    ? { source: 'rest-api', event: generateEvent(options) }
    : { source: 'http-api', event: generateHttpApiEvent(options) };
}

/**
 * `generate-event --authorizer`: the input event of the Lambda authorizer of the route start-api would hand the
 * request to (a REST API's TOKEN or REQUEST authorizer, an HTTP API's in payload 1.0 or 2.0).
 */
export function generateAnyAuthorizerEvent(options: GenerateEventOptions): Record<string, unknown> {
  return sourceOf(options) === 'rest-api' ? generateAuthorizerEvent(options) : generateHttpAuthorizerEvent(options);
}

function sourceOf(options: GenerateEventOptions): GeneratedEvent['source'] {
  const loaded = withParameterOverrides(options.loaded, options.parameterOverrides);
  const restRoutes = routesFromTemplate(loaded);
  const httpRoutes = httpRoutesFromTemplate(loaded);
  if (restRoutes.length === 0 && httpRoutes.length === 0) {
    throw new NoRouteError(`${options.loaded.path} defines no Api or HttpApi events`);
  }
  const pathAndQuery = targetPath(options.target);
  if (pathAndQuery === undefined || httpRoutes.length === 0) return 'rest-api';
  if (restRoutes.length === 0) return 'http-api';
  const rawPath = pathAndQuery.split('?')[0]!;
  const first = rawPath.split('/')[1] ?? '';
  if (restRoutes.some((route) => route.api.stage === first)) return 'rest-api';
  const method = options.method.toUpperCase();
  const lookup = findHttpRoute(httpRoutes, method, rawPath);
  if (lookup.kind === 'match') return 'http-api';
  if (routeRequest(restRoutes, method, pathAndQuery).kind === 'match') return 'rest-api';
  // Neither takes it: the HTTP API's answer when it owns the path (a named stage, or its $default stage).
  return lookup.kind === 'not-ours' ? 'rest-api' : 'http-api';
}
