import type { APIGatewayProxyResult } from 'aws-lambda';

// Browsers on another origin may read the response only if it names their origin (or *). The value comes
// from the template's AllowedOrigin parameter, the same one the API's CORS preflight answers with.
const HEADERS: Record<string, string> = process.env.ALLOWED_ORIGIN
  ? { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': process.env.ALLOWED_ORIGIN }
  : { 'Content-Type': 'application/json' };

export function jsonResponse(statusCode: number, body: Record<string, unknown>): APIGatewayProxyResult {
  return { statusCode, headers: { ...HEADERS }, body: JSON.stringify(body) };
}
