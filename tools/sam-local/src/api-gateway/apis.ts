import { createHash } from 'node:crypto';
import { readRestApiAuth, type RestApiAuth } from '../authorizers/rest-config';
import { isIntrinsic, withGlobal } from '../template/globals';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';

/** One REST API of the template and its deployed stage: what every route of that API shares. */
export interface RestApi {
  /** The template's logical id (ServerlessRestApi for SAM's implicit API). */
  logicalId: string;
  /** A stable, API Gateway-shaped id (requestContext.apiId), derived from the logical id. */
  id: string;
  /** requestContext.deploymentId: a stable, API Gateway-shaped id of the API's deployment. */
  deploymentId: string;
  stage: string;
  stageVariables: Record<string, string> | null;
  /**
   * The API's CORS preflight answer (SAM's Cors property), or null without Cors. Access-Control-Allow-Methods is
   * absent when Cors does not set AllowMethods: SAM then allows each resource path's own methods.
   */
  cors: Record<string, string> | null;
  /** Headers the API adds to its own 4xx and 5xx answers (GatewayResponses DEFAULT_4XX / DEFAULT_5XX). */
  gatewayHeaders: { '4xx': Record<string, string>; '5xx': Record<string, string> };
  /** The API's BinaryMediaTypes (SAM writes `image~1png` for `image/png`), e.g. `['image/png', 'application/*']`. */
  binaryMediaTypes: string[];
  /** The API's Auth: its authorizers, DefaultAuthorizer and ApiKeyRequired. */
  auth: RestApiAuth;
}

// SAM's implicit API (an Api event without RestApiId) is deployed with a stage named Prod.
export const IMPLICIT_API = { id: 'ServerlessRestApi', stage: 'Prod' };

export function readRestApi(template: Template, logicalId: string, parameters: Record<string, string>): RestApi {
  return {
    logicalId,
    id: createHash('sha256').update(logicalId).digest('hex').slice(0, 10),
    deploymentId: createHash('sha256').update(`${logicalId} deployment`).digest('hex').slice(0, 6),
    stage: stageOf(template, logicalId, parameters),
    stageVariables: stageVariablesOf(template, logicalId, parameters),
    cors: corsOf(template, logicalId, parameters),
    gatewayHeaders: {
      '4xx': gatewayHeadersOf(template, logicalId, 'DEFAULT_4XX', parameters),
      '5xx': gatewayHeadersOf(template, logicalId, 'DEFAULT_5XX', parameters),
    },
    binaryMediaTypes: binaryMediaTypesOf(template, logicalId, parameters),
    auth: readRestApiAuth(template, logicalId, parameters),
  };
}

/**
 * The logical id an Api event's RestApiId refers to (`!Ref Api`, or the logical id as a string, which SAM also
 * takes), or the implicit API's when it names none.
 */
export function restApiIdOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'Ref' in value) return String(value.Ref);
  return IMPLICIT_API.id;
}

/** An API property with Globals.Api applied, as SAM does for explicit and implicit APIs alike. */
function propertyOf(template: Template, apiId: string, name: string): unknown {
  return withGlobal(template.Globals?.Api?.[name], template.Resources[apiId]?.Properties?.[name]);
}

function stageOf(template: Template, apiId: string, parameters: Record<string, string>): string {
  // Even a resource the template itself names ServerlessRestApi is deployed as Prod (aws-sam-translator 1.110.0).
  if (apiId === IMPLICIT_API.id) return IMPLICIT_API.stage;
  const resource = template.Resources[apiId];
  if (!resource) throw new Error(`API ${apiId}: the template has no resource of that name`);
  const stageName = resource.Properties?.StageName;
  const resolved = resolveLocalValue(template, stageName, parameters);
  if (!resolved) throw new Error(`API ${apiId}: cannot resolve its StageName locally`);
  return resolved;
}

function stageVariablesOf(
  template: Template,
  apiId: string,
  parameters: Record<string, string>,
): Record<string, string> | null {
  const variables = propertyOf(template, apiId, 'Variables') as Record<string, unknown> | undefined;
  if (!variables || Object.keys(variables).length === 0) return null;
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [key, resolveLocalValue(template, value, parameters) ?? '']),
  );
}

// SAM's Cors values are quoted header values ("'GET,OPTIONS'"); a string (or an intrinsic function) is AllowOrigin
// alone. SAM's CorsProperties: AllowOrigin defaults to '*', Access-Control-Allow-Credentials is sent only for
// AllowCredentials: true (aws/serverless-application-model samtranslator/model/api/api_generator.py, _add_cors, and
// swagger/swagger.py, add_cors).
const CORS_HEADERS: Record<string, string> = {
  AllowOrigin: 'Access-Control-Allow-Origin',
  AllowMethods: 'Access-Control-Allow-Methods',
  AllowHeaders: 'Access-Control-Allow-Headers',
  MaxAge: 'Access-Control-Max-Age',
};

function corsOf(template: Template, apiId: string, parameters: Record<string, string>): Record<string, string> | null {
  const cors = propertyOf(template, apiId, 'Cors');
  // SAM adds no CORS for an empty or false Cors.
  if (!cors) return null;
  const settings = (typeof cors === 'object' && !isIntrinsic(cors) ? cors : { AllowOrigin: cors }) as Record<
    string,
    unknown
  >;
  refuseWhatSamRefuses(apiId, settings);
  const headers: Record<string, string> = {};
  const withDefaults: Record<string, unknown> = { AllowOrigin: "'*'", ...settings };
  for (const [key, value] of Object.entries(withDefaults)) {
    // Only a boolean true sends the credentials header (swagger.py: `allow_credentials is True`).
    if (key === 'AllowCredentials') {
      if (value === true) headers['Access-Control-Allow-Credentials'] = 'true';
      continue;
    }
    const name = CORS_HEADERS[key];
    const resolved = unquote(resolveLocalValue(template, value, parameters));
    if (name && resolved !== undefined) headers[name] = resolved;
  }
  // Without AllowMethods, the preflight allows the methods of its resource path: routes.ts adds them.
  return headers;
}

// `sam build` and `sam deploy` stop on these Cors settings, with these messages (aws-sam-translator 1.110.0,
// samtranslator/model/api/api_generator.py, _add_cors); the local API stops too rather than serve what cannot deploy.
function refuseWhatSamRefuses(apiId: string, settings: Record<string, unknown>): void {
  const unknownKey = Object.keys(settings).find((key) => !(key in CORS_HEADERS) && key !== 'AllowCredentials');
  if (unknownKey !== undefined) throw new Error(`API ${apiId}: Invalid key '${unknownKey}' for 'Cors' property.`);
  if (settings.AllowCredentials === true && (settings.AllowOrigin ?? "'*'") === "'*'") {
    throw new Error(
      `API ${apiId}: Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is "'*'" or not set`,
    );
  }
}

function gatewayHeadersOf(
  template: Template,
  apiId: string,
  type: 'DEFAULT_4XX' | 'DEFAULT_5XX',
  parameters: Record<string, string>,
): Record<string, string> {
  const responses = propertyOf(template, apiId, 'GatewayResponses') as
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
  const types = propertyOf(template, apiId, 'BinaryMediaTypes');
  if (!Array.isArray(types)) return [];
  return types.flatMap((type: unknown) => {
    const resolved = resolveLocalValue(template, type, parameters);
    return resolved === undefined ? [] : [resolved.replaceAll('~1', '/')];
  });
}

// A static header value in API Gateway is wholly in single quotes; anything else is passed as written.
function unquote(value: string | undefined): string | undefined {
  const quoted = value?.match(/^'(.*)'$/);
  return quoted ? quoted[1] : value;
}
