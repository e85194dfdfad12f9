// The event an HTTP API route's function gets, in the route's payload format: shared by the local server and the
// event generator, so the two cannot build different events.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LOCAL_PSEUDO_PARAMETERS } from '../template/parameters';
import type { ReceivedRequest } from '../pipeline/request';
import { buildHttpApiV1Event } from './event-v1';
import { buildV2Event, type V2Event } from './event-v2';
import type { HttpRouteMatch } from './routes';

export interface HttpApiEventOptions {
  requestId: string;
  authorizer?: Record<string, unknown>;
  scheme?: 'http' | 'https';
}

export function httpApiEvent(
  request: ReceivedRequest,
  match: HttpRouteMatch,
  options: HttpApiEventOptions,
): V2Event | APIGatewayProxyEvent {
  const { route } = match;
  const context = {
    accountId: LOCAL_PSEUDO_PARAMETERS['AWS::AccountId'] ?? '123456789012',
    apiId: route.api.id,
    routeKey: route.routeKey,
    stage: route.api.stage,
    requestId: options.requestId,
    rawPath: match.rawPath,
    pathParameters: match.pathParameters,
    stageVariables: route.api.stageVariables,
    ...(options.authorizer ? { authorizer: options.authorizer } : {}),
    ...(options.scheme ? { scheme: options.scheme } : {}),
  };
  if (route.payloadVersion === '2.0') return buildV2Event(request, context);
  return buildHttpApiV1Event(request, { ...context, routePath: route.path ?? '$default' });
}
