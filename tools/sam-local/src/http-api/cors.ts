// CORS as HTTP APIs and function URLs apply it themselves (docs.aws.amazon.com/apigateway/latest/developerguide/
// http-api-cors.html, "Configuring CORS for an HTTP API"; docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html,
// "Cross-origin resource sharing (CORS)"): the service answers a preflight OPTIONS request itself, even without an
// OPTIONS route, and adds the configured headers to the integration's responses, ignoring CORS headers the
// integration returns.
import type { HttpResponse } from '../pipeline/http-response';
import { headerOf, type RequestHead } from '../pipeline/request';
import { isIntrinsic } from '../template/globals';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';

export interface CorsConfig {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge: number | undefined;
  allowCredentials: boolean;
}

const LIST_KEYS = ['AllowOrigins', 'AllowMethods', 'AllowHeaders', 'ExposeHeaders'] as const;
const KEYS = new Set<string>([...LIST_KEYS, 'MaxAge', 'AllowCredentials']);

/**
 * A CorsConfiguration (HttpApi, AWS::ApiGatewayV2::Api) or a function URL's Cors, or null without one. SAM turns
 * `CorsConfiguration: true` into `allowOrigins: ['*']` alone (aws-sam-translator 1.110.0 output).
 */
export function readCors(
  owner: string,
  template: Template,
  value: unknown,
  parameters: Record<string, string>,
): CorsConfig | null {
  if (value === undefined || value === null || value === false) return null;
  if (value === true) return { ...EMPTY, allowOrigins: ['*'] };
  if (typeof value !== 'object' || Array.isArray(value) || isIntrinsic(value)) {
    throw new Error(`${owner}: its CORS configuration must be true or a map of AllowOrigins, AllowMethods, …`);
  }
  const settings = value as Record<string, unknown>;
  const unknown = Object.keys(settings).find((key) => !KEYS.has(key));
  if (unknown !== undefined) {
    throw new Error(`${owner}: unknown CORS setting ${unknown} (known: ${[...KEYS].join(', ')})`);
  }
  const list = (key: (typeof LIST_KEYS)[number]): string[] => {
    const items = settings[key];
    if (items === undefined) return [];
    if (!Array.isArray(items)) throw new Error(`${owner}: CORS ${key} must be a list`);
    return items.flatMap((item: unknown) => resolveLocalValue(template, item, parameters) ?? []);
  };
  const maxAge = resolveLocalValue(template, settings.MaxAge, parameters);
  const credentials = resolveLocalValue(template, settings.AllowCredentials, parameters);
  return {
    allowOrigins: list('AllowOrigins'),
    allowMethods: list('AllowMethods'),
    allowHeaders: list('AllowHeaders'),
    exposeHeaders: list('ExposeHeaders'),
    maxAge: maxAge === undefined ? undefined : Number(maxAge),
    allowCredentials: credentials === 'true',
  };
}

const EMPTY: CorsConfig = {
  allowOrigins: [],
  allowMethods: [],
  allowHeaders: [],
  exposeHeaders: [],
  maxAge: undefined,
  allowCredentials: false,
};

/** A CORS preflight: OPTIONS with an Origin and an Access-Control-Request-Method (the Fetch standard's definition). */
export function isPreflight(head: RequestHead): boolean {
  return (
    head.method === 'OPTIONS' &&
    headerOf(head, 'origin') !== undefined &&
    headerOf(head, 'access-control-request-method') !== undefined
  );
}

/** The Access-Control-Allow-Origin value for this Origin, or undefined when the configuration does not allow it. */
export function allowedOrigin(cors: CorsConfig, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes('*')) return '*';
  return cors.allowOrigins.some((allowed) => allowed.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/** The service's own answer to a preflight: 204, with the configured headers when the Origin is allowed. */
export function preflightHeaders(cors: CorsConfig, head: RequestHead): Record<string, string> {
  const origin = allowedOrigin(cors, headerOf(head, 'origin'));
  if (origin === undefined) return {};
  return {
    'access-control-allow-origin': origin,
    ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...(cors.allowMethods.length > 0 ? { 'access-control-allow-methods': cors.allowMethods.join(',') } : {}),
    ...(cors.allowHeaders.length > 0 ? { 'access-control-allow-headers': cors.allowHeaders.join(',') } : {}),
    ...(cors.exposeHeaders.length > 0 ? { 'access-control-expose-headers': cors.exposeHeaders.join(',') } : {}),
    ...(cors.maxAge !== undefined ? { 'access-control-max-age': String(cors.maxAge) } : {}),
  };
}

/**
 * The response with the service's CORS headers: the integration's own Access-Control-* headers are dropped, and for
 * an allowed Origin the configured ones are added.
 */
export function withCors(cors: CorsConfig | null, head: RequestHead, response: HttpResponse): HttpResponse {
  if (!cors) return response;
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')),
  );
  const origin = allowedOrigin(cors, headerOf(head, 'origin'));
  if (origin !== undefined) {
    headers['access-control-allow-origin'] = [origin];
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = ['true'];
    if (cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = [cors.exposeHeaders.join(',')];
  }
  return { ...response, headers };
}
