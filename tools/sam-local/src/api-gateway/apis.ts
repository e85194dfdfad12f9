import { createHash } from 'node:crypto';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';

/** One REST API of the template and its deployed stage: what every route of that API shares. */
export interface RestApi {
  /** The template's logical id (ServerlessRestApi for SAM's implicit API). */
  logicalId: string;
  /** A stable, API Gateway-shaped id (requestContext.apiId), derived from the logical id. */
  id: string;
  stage: string;
  stageVariables: Record<string, string> | null;
  /** The API's CORS preflight answer (SAM's Cors property), or null without Cors. */
  cors: Record<string, string> | null;
  /** Headers the API adds to its own 4xx and 5xx answers (GatewayResponses DEFAULT_4XX / DEFAULT_5XX). */
  gatewayHeaders: { '4xx': Record<string, string>; '5xx': Record<string, string> };
  /** The API's BinaryMediaTypes (SAM writes `image~1png` for `image/png`), e.g. `['image/png', 'application/*']`. */
  binaryMediaTypes: string[];
}

// SAM's implicit API (an Api event without RestApiId) is deployed with a stage named Prod.
export const IMPLICIT_API = { id: 'ServerlessRestApi', stage: 'Prod' };

export function readRestApi(template: Template, logicalId: string, parameters: Record<string, string>): RestApi {
  return {
    logicalId,
    id: createHash('sha256').update(logicalId).digest('hex').slice(0, 10),
    stage: stageOf(template, logicalId, parameters),
    stageVariables: stageVariablesOf(template, logicalId, parameters),
    cors: corsOf(template, logicalId, parameters),
    gatewayHeaders: {
      '4xx': gatewayHeadersOf(template, logicalId, 'DEFAULT_4XX', parameters),
      '5xx': gatewayHeadersOf(template, logicalId, 'DEFAULT_5XX', parameters),
    },
    binaryMediaTypes: binaryMediaTypesOf(template, logicalId, parameters),
  };
}

/** The logical id an Api event's RestApiId refers to, or the implicit API's when it names none. */
export function restApiIdOf(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'Ref' in value) return String(value.Ref);
  return IMPLICIT_API.id;
}

function stageOf(template: Template, apiId: string, parameters: Record<string, string>): string {
  if (apiId === IMPLICIT_API.id && !template.Resources[apiId]) return IMPLICIT_API.stage;
  const stageName = template.Resources[apiId]?.Properties?.StageName;
  const resolved = resolveLocalValue(template, stageName, parameters);
  if (!resolved) throw new Error(`API ${apiId}: cannot resolve its StageName locally`);
  return resolved;
}

function stageVariablesOf(
  template: Template,
  apiId: string,
  parameters: Record<string, string>,
): Record<string, string> | null {
  const variables = template.Resources[apiId]?.Properties?.Variables as Record<string, unknown> | undefined;
  if (!variables || Object.keys(variables).length === 0) return null;
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [key, resolveLocalValue(template, value, parameters) ?? '']),
  );
}

// SAM's Cors values are quoted header values ("'GET,OPTIONS'"); a plain string is AllowOrigin alone.
const CORS_HEADERS: Record<string, string> = {
  AllowOrigin: 'Access-Control-Allow-Origin',
  AllowMethods: 'Access-Control-Allow-Methods',
  AllowHeaders: 'Access-Control-Allow-Headers',
  MaxAge: 'Access-Control-Max-Age',
  AllowCredentials: 'Access-Control-Allow-Credentials',
};

function corsOf(template: Template, apiId: string, parameters: Record<string, string>): Record<string, string> | null {
  const cors = template.Resources[apiId]?.Properties?.Cors ?? template.Globals?.Api?.Cors;
  if (cors === undefined || cors === null) return null;
  const settings = typeof cors === 'object' && !('Fn::Sub' in cors) && !('Ref' in cors) ? cors : { AllowOrigin: cors };
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
    const name = CORS_HEADERS[key];
    const resolved =
      key === 'AllowCredentials' ? String(value) : unquote(resolveLocalValue(template, value, parameters));
    if (name && resolved !== undefined) headers[name] = resolved;
  }
  // SAM's preflight allows every method the path has when AllowMethods is not given.
  headers['Access-Control-Allow-Methods'] ??= 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT';
  return headers;
}

function gatewayHeadersOf(
  template: Template,
  apiId: string,
  type: 'DEFAULT_4XX' | 'DEFAULT_5XX',
  parameters: Record<string, string>,
): Record<string, string> {
  const responses = template.Resources[apiId]?.Properties?.GatewayResponses as
    Record<string, { ResponseParameters?: { Headers?: Record<string, unknown> } }> | undefined;
  const headers = responses?.[type]?.ResponseParameters?.Headers ?? {};
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) => {
      const resolved = unquote(resolveLocalValue(template, value, parameters));
      return resolved === undefined ? [] : [[name, resolved]];
    }),
  );
}

function binaryMediaTypesOf(template: Template, apiId: string, parameters: Record<string, string>): string[] {
  const types = template.Resources[apiId]?.Properties?.BinaryMediaTypes ?? template.Globals?.Api?.BinaryMediaTypes;
  if (!Array.isArray(types)) return [];
  return types.flatMap((type: unknown) => {
    const resolved = resolveLocalValue(template, type, parameters);
    return resolved === undefined ? [] : [resolved.replaceAll('~1', '/')];
  });
}

function unquote(value: string | undefined): string | undefined {
  return value !== undefined && /^'.*'$/.test(value) ? value.slice(1, -1) : value;
}
