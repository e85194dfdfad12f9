/**
 * An HTTP API's authorizers written as CloudFormation resources (AWS::ApiGatewayV2::Authorizer), and what a
 * AWS::ApiGatewayV2::Route's AuthorizationType, AuthorizerId and AuthorizationScopes make of them: read into the same
 * model as SAM's HttpApi `Auth` (http-config.ts). Property names and rules are CloudFormation's and API Gateway's
 * (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-authorizer.html and
 * aws-resource-apigatewayv2-route.html: AuthorizerPayloadFormatVersion is required for Lambda authorizers,
 * AuthorizerResultTtlInSeconds is at most 3600, 0 turns caching off). SAM CLI reads the same resources
 * (aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py, _extract_cfn_gateway_v2_authorizer), REQUEST ones only;
 * JWT authorizers are checked here as SAM's are.
 */
import type { Template } from '../template/template';
import { resolveLocalValue } from '../template/parameters';
import { functionIdOfUri } from './rest-cfn-authorizers';
import { parseHttpIdentitySource } from './identity-sources';
import type { HttpApiAuth, HttpAuthorizer, HttpRouteAuth } from './http-config';
import { readJwtAuthorizer } from './http-jwt-config';
import { templateText } from '../template/template-text';

type Props = Record<string, unknown>;

const AUTHORIZER = 'AWS::ApiGatewayV2::Authorizer';
const MAX_TTL_SECONDS = 3600;

/**
 * The usable AWS::ApiGatewayV2::Authorizer resources of one HTTP API, by logical id (what a Route's AuthorizerId
 * names). One that cannot run locally is left out: cfnHttpAuthorizerProblem says why, and its routes are not served.
 */
export function cfnHttpAuthorizers(
  template: Template,
  apiId: string,
  parameters: Record<string, string>,
): Record<string, HttpAuthorizer> {
  const authorizers: Record<string, HttpAuthorizer> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== AUTHORIZER || resource.Properties?.ApiId !== apiId) continue;
    if (cfnHttpAuthorizerProblem(template, id, parameters) === undefined) {
      authorizers[id] = readCfnHttpAuthorizer(template, id, resource.Properties, parameters);
    }
  }
  return authorizers;
}

/** Why the authorizer a Route's AuthorizerId names cannot be used locally, or undefined when it can. */
export function cfnHttpAuthorizerProblem(
  template: Template,
  authorizerId: unknown,
  parameters: Record<string, string>,
): string | undefined {
  const resource = typeof authorizerId === 'string' ? template.Resources[authorizerId] : undefined;
  if (resource?.Type !== AUTHORIZER) {
    return `its AuthorizerId (${templateText(authorizerId)}) is not an ${AUTHORIZER} of this template`;
  }
  try {
    readCfnHttpAuthorizer(template, authorizerId as string, resource.Properties ?? {}, parameters);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** One authorizer from its properties; throws what stops it running. */
export function readCfnHttpAuthorizer(
  template: Template,
  id: string,
  props: Props,
  parameters: Record<string, string>,
): HttpAuthorizer {
  const where = `Authorizer ${id}`;
  const resolve = (value: unknown): string | undefined => resolveLocalValue(template, value, parameters);
  const type = templateText(props.AuthorizerType ?? '').toUpperCase();
  const sources = Array.isArray(props.IdentitySource) ? (props.IdentitySource as unknown[]) : [];
  if (type === 'JWT') {
    const jwt = (props.JwtConfiguration ?? {}) as Props;
    return readJwtAuthorizer(
      template,
      where,
      id,
      { issuer: jwt.Issuer, audience: jwt.Audience, identitySource: sources[0], scopes: [] },
      parameters,
    );
  }
  if (type !== 'REQUEST') throw new Error(`${where}: AuthorizerType must be REQUEST or JWT (found ${type || 'none'})`);
  const functionId = functionIdOfUri(template, props.AuthorizerUri, parameters);
  if (!functionId) throw new Error(`${where}: its AuthorizerUri does not name a function of this template`);
  // YAML reads an unquoted 1.0 as the number 1.
  const rawVersion = props.AuthorizerPayloadFormatVersion;
  const version = typeof rawVersion === 'number' ? rawVersion.toFixed(1) : resolve(rawVersion);
  if (version !== '1.0' && version !== '2.0') {
    throw new Error(
      `${where}: AuthorizerPayloadFormatVersion must be '1.0' or '2.0' (required for Lambda authorizers)`,
    );
  }
  const ttl =
    props.AuthorizerResultTtlInSeconds === undefined ? 0 : Number(resolve(props.AuthorizerResultTtlInSeconds));
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL_SECONDS) {
    throw new Error(`${where}: AuthorizerResultTtlInSeconds must be a whole number from 0 to ${MAX_TTL_SECONDS}`);
  }
  const identitySources = sources.map((source) => {
    const text = resolve(source) ?? templateText(source);
    const parsed = parseHttpIdentitySource(text);
    if (!parsed) throw new Error(`${where}: identity source ${text} is not one API Gateway accepts`);
    return parsed;
  });
  return {
    type: 'lambda',
    name: id,
    functionId,
    payloadVersion: version,
    simpleResponses: props.EnableSimpleResponses === true || props.EnableSimpleResponses === 'true',
    identitySources,
    ttlSeconds: ttl,
  };
}

/**
 * What protects a Route: AuthorizationType NONE (the default), AWS_IAM, JWT or CUSTOM with the AuthorizerId of an
 * authorizer of the same type, and (JWT) the AuthorizationScopes a token must grant one of. Throws what does not fit.
 */
export function cfnHttpRouteAuth(apiAuth: HttpApiAuth, routeId: string, props: Props): HttpRouteAuth {
  const type = templateText(props.AuthorizationType ?? 'NONE').toUpperCase();
  if (type === 'NONE') return { authorizer: null, scopes: [] };
  if (type === 'AWS_IAM') return { authorizer: 'iam', scopes: [] };
  if (type !== 'JWT' && type !== 'CUSTOM') {
    throw new Error(`Route ${routeId}: AuthorizationType must be NONE, AWS_IAM, JWT or CUSTOM, not ${type}`);
  }
  const authorizerId = props.AuthorizerId;
  const authorizer = typeof authorizerId === 'string' ? apiAuth.authorizers[authorizerId] : undefined;
  if (!authorizer) {
    throw new Error(`Route ${routeId}: its AuthorizerId must be !Ref of an ${AUTHORIZER} of the route's API`);
  }
  if ((type === 'JWT') !== (authorizer.type === 'jwt')) {
    throw new Error(`Route ${routeId}: AuthorizationType ${type} does not fit authorizer ${String(authorizerId)}`);
  }
  const scopes = Array.isArray(props.AuthorizationScopes)
    ? (props.AuthorizationScopes as unknown[]).map(templateText)
    : [];
  return { authorizer, scopes: type === 'JWT' ? scopes : [] };
}
