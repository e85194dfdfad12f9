import type { APIGatewayProxyResult } from 'aws-lambda';

/**
 * The headers of every response. A browser on another origin may read a response only if it names that origin
 * (or *): `allowedOrigin` is the template's AllowedOrigin parameter, the same one the API's CORS preflight uses.
 */
export function responseHeaders(allowedOrigin: string | undefined): Record<string, string> {
  return allowedOrigin
    ? { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': allowedOrigin }
    : { 'Content-Type': 'application/json' };
}

export function jsonResponse(
  statusCode: number,
  body: Record<string, unknown>,
  headers: Record<string, string>,
): APIGatewayProxyResult {
  return { statusCode, headers: { ...headers }, body: JSON.stringify(body) };
}
