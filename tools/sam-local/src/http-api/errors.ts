// An HTTP API's own answers: JSON bodies `{"message":"…"}` with the request's apigw-requestid, no x-amzn-ErrorType.
// - 404 Not Found: no route and no $default route (docs: http-api-develop-routes.html);
// - 500 Internal Server Error: the function failed or returned what the API cannot use (docs:
//   http-api-troubleshooting-lambda.html, 'My API with a Lambda integration returns {"message":"Internal Server
//   Error"}');
// - 503 Service Unavailable: the integration outlasted its timeout (recorded on AWS, with its 33-byte body and the
//   apigw-requestid header, in cortexlabs/cortex issue #1225);
// - 413 Request Entity Too Large: a body over the 10 MB payload quota (http-api-quotas.html), or an event over
//   Lambda's 6 MB; the body text is not recorded.
import type { HttpResponse } from '../pipeline/http-response';

export const HTTP_API_BODIES = {
  notFound: '{"message":"Not Found"}',
  internalError: '{"message":"Internal Server Error"}',
  unavailable: '{"message":"Service Unavailable"}',
  tooLarge: '{"message":"Request Entity Too Large"}',
} as const;

function answer(statusCode: number, body: string, requestId: string): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': ['application/json'], 'apigw-requestid': [requestId] },
    body: Buffer.from(body),
  };
}

export const notFound = (requestId: string): HttpResponse => answer(404, HTTP_API_BODIES.notFound, requestId);
export const internalServerError = (requestId: string): HttpResponse =>
  answer(500, HTTP_API_BODIES.internalError, requestId);
export const serviceUnavailable = (requestId: string): HttpResponse =>
  answer(503, HTTP_API_BODIES.unavailable, requestId);
export const requestEntityTooLarge = (requestId: string): HttpResponse =>
  answer(413, HTTP_API_BODIES.tooLarge, requestId);

/** The API refused the request at authorization: 401, 403 or 500 with `{"message":…}` (src/authorizers/http-authorize.ts). */
export function authorizerDenied(
  denial: { statusCode: number; message: string; headers?: Record<string, string> },
  requestId: string,
): HttpResponse {
  const response = answer(denial.statusCode, JSON.stringify({ message: denial.message }), requestId);
  for (const [name, value] of Object.entries(denial.headers ?? {})) response.headers[name] = [value];
  return response;
}
