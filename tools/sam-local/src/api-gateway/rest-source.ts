// The REST API (payload 1.0, Lambda proxy integration) as an event source of the local servers: routes from the
// template's Api events, API Gateway's own answers, and the proxy result turned into the response.
import { randomUUID } from 'node:crypto';
import type { LocalFunctions } from '../lambda/local-functions';
import { LAMBDA_REQUEST_LIMIT_BYTES, LAMBDA_RESPONSE_LIMIT_BYTES, payloadBytes } from '../lambda/payload-limits';
import type { InvokeOutcome } from '../lambda/runtime';
import { describeFailure } from '../lambda/outcome-text';
import { describeRouteAuth } from '../authorizers/rest-config';
import type { Authorization, Authorizer } from '../pipeline/authorize';
import type { EventSource, Routing } from '../pipeline/event-source';
import { jsonResponse, withHeaders, type HttpResponse } from '../pipeline/http-response';
import { headerOf, type ReceivedRequest, type RequestHead } from '../pipeline/request';
import { streamedResultNote } from '../pipeline/streamed-note';
import {
  contentLengthExceeded,
  internalServerError,
  missingAuthenticationToken,
  requestTooLong,
  responseTraceId,
  type RequestIds,
} from './gateway-responses';
import { matchesBinaryMediaType } from './media-types';
import { toHttpResponse } from './proxy-result';
import { newExtendedRequestId } from './request-event';
import { requestEvent, routeRequest } from './request-to-event';
import { apiFor, findPreflight, type Route, type RouteMatch } from './routes';

// API Gateway's payload limit for REST APIs.
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RestApiSourceOptions {
  routes: Route[];
  functions: LocalFunctions;
  /** The authorizer step (src/pipeline/authorize.ts): Lambda and Cognito authorizers, API keys. */
  authorizer: Authorizer<RouteMatch>;
  log: (line: string) => void;
}

export function restApiSource({ routes, functions, authorizer, log }: RestApiSourceOptions): EventSource {
  const noteStreamed = streamedResultNote('REST API', log);
  const stages = new Set(routes.map((route) => route.api.stage));
  const newIds = (): RequestIds => ({ requestId: randomUUID(), extendedRequestId: newExtendedRequestId() });

  function route(head: RequestHead): Routing {
    if (routes.length === 0) return { kind: 'none' };
    const first = head.rawPath.replace(/^\/+/, '').split('/')[0]!;
    // A path under one of the REST APIs' stages is theirs, as on AWS; any other path is served at the resource
    // path only as `sam local` serves it.
    const claim = stages.has(first) ? 'stage' : 'local-path';
    const routed = routeRequest(routes, head.method, head.target);
    if (routed.kind === 'bad-path') {
      const response = missingAuthenticationToken(apiFor(routes, routed.rawPath), newIds());
      return { kind: 'answer', claim, response, why: 'malformed percent-encoding in the path' };
    }
    if (routed.kind === 'no-route') {
      // SAM's Cors adds an OPTIONS method to every path of the API that answers the preflight.
      const preflight = head.method === 'OPTIONS' ? findPreflight(routes, routed.rawPath) : undefined;
      if (preflight)
        return { kind: 'answer', claim, response: withHeaders(jsonResponse(200, {}), preflight, Buffer.alloc(0)) };
      if (claim !== 'stage') return { kind: 'none' };
      return { kind: 'answer', claim, response: missingAuthenticationToken(apiFor(routes, routed.rawPath), newIds()) };
    }
    const { match, rawQuery } = routed;
    const ids = newIds();
    return {
      kind: 'route',
      claim,
      route: {
        describe: `${match.route.method} ${match.route.resourcePath} → ${match.route.functionId}`,
        bodyLimit: MAX_BODY_BYTES,
        tooLarge: () => contentLengthExceeded(),
        authorize: (request) => authorizer.authorize({ source: 'rest-api', match, request, requestId: ids.requestId }),
        integrate: (request, authorization) => integrate(request, match, rawQuery, ids, authorization),
      },
    };
  }

  async function integrate(
    request: ReceivedRequest,
    match: RouteMatch,
    rawQuery: string,
    ids: RequestIds,
    authorization: Authorization & { kind: 'allow' },
  ): Promise<HttpResponse> {
    const clientTrace = headerOf(request, 'x-amzn-trace-id');
    const event = requestEvent({ ...request, rawQuery }, match, {
      ...ids,
      ...(authorization.context ? { authorizer: authorization.context } : {}),
      ...(authorization.apiKey ? { apiKey: authorization.apiKey } : {}),
    });
    const eventBytes = payloadBytes(event);
    if (eventBytes > LAMBDA_REQUEST_LIMIT_BYTES) {
      log(
        `413 for ${request.method} ${request.target}: the event is ${eventBytes} bytes, over Lambda's request payload limit ` +
          `(${LAMBDA_REQUEST_LIMIT_BYTES} bytes); ${match.route.functionId} not invoked`,
      );
      return requestTooLong(ids);
    }
    const runtime = functions.pool(match.route.functionId);
    if (!runtime) throw new Error(`no runtime for ${match.route.functionId}`);
    const outcome = await runtime.invoke(event);
    const binaryAccepted = matchesBinaryMediaType(headerOf(request, 'accept'), match.route.api.binaryMediaTypes);
    return responseFor(match.route, outcome, { ...ids, trace: responseTraceId(clientTrace) }, binaryAccepted);
  }

  // The function's answer carries the request's ids and trace (the AWS-recorded headers of
  // test_aws_proxy_response_payload_format_validation); API Gateway's own error answers carry the ids only
  // (test_apigateway_integrations.snapshot.json).
  function responseFor(
    route: Route,
    outcome: InvokeOutcome,
    ids: RequestIds & { trace: string },
    binaryAccepted: boolean,
  ): HttpResponse {
    const functionId = route.functionId;
    noteStreamed(functionId, outcome);
    switch (outcome.kind) {
      case 'result': {
        const resultBytes = payloadBytes(outcome.result);
        if (resultBytes > LAMBDA_RESPONSE_LIMIT_BYTES) {
          log(
            `502: ${functionId} returned ${resultBytes} bytes, over Lambda's response payload limit ` +
              `(${LAMBDA_RESPONSE_LIMIT_BYTES} bytes)`,
          );
          break;
        }
        const checked = toHttpResponse(outcome.result, { binaryAccepted });
        if (checked.ok) {
          const { headers } = checked.response;
          headers['x-amzn-RequestId'] = [ids.requestId];
          headers['x-amz-apigw-id'] = [ids.extendedRequestId];
          headers['X-Amzn-Trace-Id'] = [ids.trace];
          return checked.response;
        }
        log(`502: ${functionId} returned a malformed Lambda proxy response: ${checked.problem}`);
        break;
      }
      default:
        log(`502: ${describeFailure(functionId, outcome)}`);
    }
    return internalServerError(route.api, ids);
  }

  return {
    name: 'REST API',
    route,
    notFound: (head) => missingAuthenticationToken(apiFor(routes, head.rawPath), newIds()),
    bodyLimit: MAX_BODY_BYTES,
    tooLarge: () => contentLengthExceeded(),
    describeRoutes: (baseUrl) =>
      routes.map(
        (r) =>
          `  ${r.method.padEnd(6)} ${baseUrl}${r.resourcePath}  and  ${baseUrl}/${r.api.stage}${r.resourcePath}  → ${r.functionId}${describeRouteAuth(r.auth)}`,
      ),
  };
}
