// The HTTP API (API Gateway v2) as an event source of start-api: route → authorize → integrate → respond, with the
// API's own CORS answers and errors, and the integration timeout (TimeoutInMillis) as API Gateway applies it.
import type { LocalFunctions } from '../lambda/local-functions';
import { describeFailure } from '../lambda/outcome-text';
import { LAMBDA_REQUEST_LIMIT_BYTES, LAMBDA_RESPONSE_LIMIT_BYTES, payloadBytes } from '../lambda/payload-limits';
import type { InvokeOutcome } from '../lambda/runtime';
import { newExtendedRequestId } from '../api-gateway/request-event';
import { toHttpResponse } from '../api-gateway/proxy-result';
import type { Authorizer } from '../pipeline/authorize';
import { describeHttpRouteAuth } from '../authorizers/http-config';
import type { Claim, EventSource, Routing } from '../pipeline/event-source';
import type { HttpResponse } from '../pipeline/http-response';
import type { ReceivedRequest, RequestHead } from '../pipeline/request';
import { streamedResultNote } from '../pipeline/streamed-note';
import { DEFAULT_STAGE, type HttpApi } from './apis';
import { isPreflight, preflightHeaders, withCors } from './cors';
import { internalServerError, notFound, requestEntityTooLarge, serviceUnavailable } from './errors';
import { httpApiEvent } from './request-to-event';
import { findHttpRoute, stagePrefix, type HttpRoute, type HttpRouteMatch } from './routes';
import { v2Response } from './result-v2';

// HTTP API quotas: a 10 MB request payload (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
export const HTTP_API_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpApiSourceOptions {
  routes: HttpRoute[];
  functions: LocalFunctions;
  /** The authorizer step (src/pipeline/authorize.ts): Lambda and JWT authorizers of HTTP APIs. */
  authorizer: Authorizer<HttpRouteMatch>;
  log: (line: string) => void;
}

export function httpApiSource({ routes, functions, authorizer, log }: HttpApiSourceOptions): EventSource {
  const noteStreamed = streamedResultNote('HTTP API', log);
  function route(head: RequestHead): Routing {
    const lookup = findHttpRoute(routes, head.method, head.rawPath);
    if (lookup.kind === 'not-ours') return { kind: 'none' };
    const api = lookup.kind === 'match' ? lookup.match.route.api : lookup.api;
    const claim: Claim = api.stage === DEFAULT_STAGE ? 'deployed-path' : 'stage';
    const requestId = newExtendedRequestId();
    // With CORS configured, the API answers every preflight itself, before routing or authorizing.
    if (api.cors && isPreflight(head)) {
      const response: HttpResponse = {
        statusCode: 204,
        headers: {
          ...Object.fromEntries(Object.entries(preflightHeaders(api.cors, head)).map(([k, v]) => [k, [v]])),
          'apigw-requestid': [requestId],
        },
        body: Buffer.alloc(0),
      };
      return { kind: 'answer', claim, response };
    }
    if (lookup.kind !== 'match') {
      // On the $default stage another source (a REST API served as sam local serves it) may still take the path.
      if (claim === 'deployed-path') return { kind: 'none' };
      const why = lookup.kind === 'bad-path' ? 'malformed percent-encoding in the path' : undefined;
      return {
        kind: 'answer',
        claim,
        response: withCors(api.cors, head, notFound(requestId)),
        ...(why ? { why } : {}),
      };
    }
    const { match } = lookup;
    return {
      kind: 'route',
      claim,
      route: {
        describe: `${match.route.routeKey} → ${match.route.functionId}`,
        bodyLimit: HTTP_API_MAX_BODY_BYTES,
        tooLarge: () => withCors(api.cors, head, requestEntityTooLarge(requestId)),
        authorize: (request) => authorizer.authorize({ source: 'http-api', match, request, requestId }),
        integrate: async (request, authorization) =>
          withCors(api.cors, head, await integrate(request, match, requestId, authorization.context)),
      },
    };
  }

  async function integrate(
    request: ReceivedRequest,
    match: HttpRouteMatch,
    requestId: string,
    authorizerContext: Record<string, unknown> | undefined,
  ): Promise<HttpResponse> {
    const { route } = match;
    const event = httpApiEvent(request, match, {
      requestId,
      ...(authorizerContext ? { authorizer: authorizerContext } : {}),
    });
    const eventBytes = payloadBytes(event);
    if (eventBytes > LAMBDA_REQUEST_LIMIT_BYTES) {
      log(
        `413 for ${request.method} ${request.target}: the event is ${eventBytes} bytes, over Lambda's request payload ` +
          `limit (${LAMBDA_REQUEST_LIMIT_BYTES} bytes); ${route.functionId} not invoked`,
      );
      return requestEntityTooLarge(requestId);
    }
    const pool = functions.pool(route.functionId);
    if (!pool) throw new Error(`no runtime for ${route.functionId}`);
    const outcome = await withIntegrationTimeout(pool.invoke(event), route, log);
    if (outcome === 'timeout') return serviceUnavailable(requestId);
    const response = responseFor(route, outcome);
    if (!response) return internalServerError(requestId);
    response.headers['apigw-requestid'] = [requestId];
    return response;
  }

  function responseFor(route: HttpRoute, outcome: InvokeOutcome): HttpResponse | undefined {
    noteStreamed(route.functionId, outcome);
    if (outcome.kind !== 'result') {
      log(`500: ${describeFailure(route.functionId, outcome)}`);
      return undefined;
    }
    const resultBytes = payloadBytes(outcome.result);
    if (resultBytes > LAMBDA_RESPONSE_LIMIT_BYTES) {
      log(
        `500: ${route.functionId} returned ${resultBytes} bytes, over Lambda's response payload limit ` +
          `(${LAMBDA_RESPONSE_LIMIT_BYTES} bytes)`,
      );
      return undefined;
    }
    // Payload 1.0 results follow the REST proxy rules; an HTTP API has no binary media types and decodes any
    // base64 body.
    const checked =
      route.payloadVersion === '2.0'
        ? v2Response(outcome.result)
        : toHttpResponse(outcome.result, { binaryAccepted: true });
    if (checked.ok) return checked.response;
    log(`500: ${route.functionId} returned a malformed payload ${route.payloadVersion} response: ${checked.problem}`);
    return undefined;
  }

  const defaultStageApi: HttpApi | undefined = routes.find((r) => r.api.stage === DEFAULT_STAGE)?.api;
  return {
    name: 'HTTP API',
    route,
    notFound: (head) => withCors(defaultStageApi?.cors ?? null, head, notFound(newExtendedRequestId())),
    bodyLimit: HTTP_API_MAX_BODY_BYTES,
    tooLarge: () => requestEntityTooLarge(newExtendedRequestId()),
    describeRoutes: (baseUrl) =>
      routes.map((r) => {
        const where =
          r.path === undefined
            ? `${baseUrl}${stagePrefix(r.api)}/*  ($default route)`
            : `${baseUrl}${stagePrefix(r.api)}${r.path}`;
        const auth = describeHttpRouteAuth(r.auth);
        return `  ${r.method.padEnd(6)} ${where}  → ${r.functionId} (HTTP API ${r.api.logicalId}, payload ${r.payloadVersion}${auth})`;
      }),
  };
}

/**
 * The invocation's outcome, or 'timeout' once the route's integration timeout passes first: the API then answers
 * 503 while the function runs on in its environment, as on AWS.
 */
async function withIntegrationTimeout(
  invocation: Promise<InvokeOutcome>,
  route: HttpRoute,
  log: (line: string) => void,
): Promise<InvokeOutcome | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), route.timeoutMs);
  });
  const outcome = await Promise.race([invocation, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    log(
      `503: ${route.functionId} did not answer within the integration timeout (${route.timeoutMs} ms); ` +
        'the invocation runs on in its environment',
    );
    void invocation.then((late) => log(`${route.functionId} finished after its integration timed out (${late.kind})`));
  }
  return outcome;
}
