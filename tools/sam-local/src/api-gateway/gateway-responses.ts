import { randomBytes } from 'node:crypto';
import type { Denial } from '../authorizers/denials';
import type { RestApi } from './apis';
import type { HttpResponse } from '../pipeline/http-response';
import { newTraceRoot } from './request-event';

/**
 * API Gateway's own answers (gateway responses) and the ids it puts on every answer it gives. Bodies byte for byte
 * as AWS sends them: the default template `{"message":$context.error.messageString}`, except where a recording shows
 * otherwise (the 502 and the 413 carry a space after the colon: a Content-Length of 36 for the 502 in
 * localstack/localstack tests/aws/services/apigateway/test_apigateway_integrations.snapshot.json, and the 413
 * headers and body in koki-develop/lgtm-generator issue #10).
 */
export const GATEWAY_BODIES = {
  missingToken: '{"message":"Missing Authentication Token"}',
  internalError: '{"message": "Internal server error"}',
  requestTooLong: '{"message": "Request Too Long"}',
} as const;

// The front door's answer to a body over 10 MB (koki-develop/lgtm-generator issue #10, recorded on AWS): plain
// text, no request id, since API Gateway proper never saw the request.
export const CONTENT_LENGTH_EXCEEDED = 'HTTP content length exceeded 10485760 bytes.';

/** The ids of one request: x-amzn-RequestId (requestContext.requestId) and x-amz-apigw-id (extendedRequestId). */
export interface RequestIds {
  requestId: string;
  extendedRequestId: string;
}

/**
 * The X-Amzn-Trace-Id of the response: the client's trace kept, a Parent and Sampled added when it lacks them
 * (recorded in localstack/localstack tests/aws/services/apigateway/test_apigateway_common.snapshot.json,
 * test_invocation_trace_id: a proxy integration's answer carries the client's full trace, or its Root with a fresh
 * Parent).
 */
export function responseTraceId(clientTrace: string | undefined): string {
  const fields = new Map<string, string>();
  for (const part of (clientTrace ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const root = fields.get('root') ?? newTraceRoot();
  const parent = fields.get('parent') ?? randomBytes(8).toString('hex');
  const sampled = fields.get('sampled') ?? (fields.has('parent') ? '1' : '0');
  return `Root=${root};Parent=${parent};Sampled=${sampled}`;
}

function gatewayResponse(
  statusCode: number,
  body: string,
  errorType: string,
  ids: RequestIds,
  extra: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode,
    headers: {
      ...Object.fromEntries(Object.entries(extra).map(([name, value]) => [name, [value]])),
      'Content-Type': ['application/json'],
      'x-amzn-RequestId': [ids.requestId],
      'x-amz-apigw-id': [ids.extendedRequestId],
      'x-amzn-ErrorType': [errorType],
    },
    body: Buffer.from(body),
  };
}

/** No resource or no method for the request (also an undefined method): 403, with the API's DEFAULT_4XX headers. */
export function missingAuthenticationToken(api: RestApi | undefined, ids: RequestIds): HttpResponse {
  return gatewayResponse(
    403,
    GATEWAY_BODIES.missingToken,
    'MissingAuthenticationTokenException',
    ids,
    api?.gatewayHeaders['4xx'],
  );
}

/** The function failed, timed out, or returned a malformed result: 502, with the API's DEFAULT_5XX headers. */
export function internalServerError(api: RestApi, ids: RequestIds): HttpResponse {
  return gatewayResponse(
    502,
    GATEWAY_BODIES.internalError,
    'InternalServerErrorException',
    ids,
    api.gatewayHeaders['5xx'],
  );
}

/**
 * The event is over Lambda's 6 MB request payload limit: 413 (koki-develop/lgtm-generator issue #10, recorded on
 * AWS). REQUEST_TOO_LARGE cannot be customized, so no GatewayResponses headers (api-gateway-known-issues.html).
 */
export function requestTooLong(ids: RequestIds): HttpResponse {
  return gatewayResponse(413, GATEWAY_BODIES.requestTooLong, 'BadRequestException', ids);
}

/** The body is over API Gateway's 10 MB payload limit. */
export function contentLengthExceeded(): HttpResponse {
  return {
    statusCode: 413,
    headers: { 'Content-Type': ['text; charset=utf-8'] },
    body: Buffer.from(CONTENT_LENGTH_EXCEEDED),
  };
}

/**
 * The API refused the request at authorization (401, 403, or 500 for a broken authorizer): the denial's status,
 * body and error type, with the API's DEFAULT_4XX or DEFAULT_5XX headers (src/authorizers/denials.ts).
 */
export function authorizerDenied(api: RestApi, ids: RequestIds, denial: Denial): HttpResponse {
  const family = denial.statusCode >= 500 ? '5xx' : '4xx';
  return gatewayResponse(denial.statusCode, denial.body, denial.errorType, ids, api.gatewayHeaders[family]);
}
