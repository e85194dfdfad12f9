/**
 * A REST API's authorizers written as CloudFormation resources (AWS::ApiGateway::Authorizer), read into the same
 * model as SAM's `Auth.Authorizers` (rest-config.ts). Property names, identity source syntax and defaults are
 * CloudFormation's and API Gateway's (docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/
 * aws-resource-apigateway-authorizer.html; AuthorizerResultTtlInSeconds defaults to 300). SAM CLI reads the same
 * resources (aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py, _extract_cloud_formation_authorizer), but only
 * TOKEN and REQUEST ones; COGNITO_USER_POOLS is checked here as SAM's Cognito authorizers are.
 */
import type { Template } from '../template/template';
import { functionIdOfArn } from './function-arn';
import type { IdentitySource } from './identity-sources';
import { DEFAULT_TTL_SECONDS, type RestAuthorizer } from './rest-config';
import { templateText } from '../template/template-text';

type Props = Record<string, unknown>;

/**
 * The usable AWS::ApiGateway::Authorizer resources of one REST API, by logical id (what a Method's AuthorizerId
 * names). One that cannot run locally is left out: cfnAuthorizerProblem says why, and its methods are not served.
 */
export function cfnRestAuthorizers(
  template: Template,
  apiId: string,
  parameters: Record<string, string>,
): Record<string, RestAuthorizer> {
  const authorizers: Record<string, RestAuthorizer> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGateway::Authorizer' || resource.Properties?.RestApiId !== apiId) continue;
    if (cfnAuthorizerProblem(template, id, parameters) === undefined) {
      authorizers[id] = readAuthorizer(template, id, resource.Properties, parameters);
    }
  }
  return authorizers;
}

/** Why the authorizer a Method's AuthorizerId names cannot be used locally, or undefined when it can. */
export function cfnAuthorizerProblem(
  template: Template,
  authorizerId: unknown,
  parameters: Record<string, string>,
): string | undefined {
  const resource = typeof authorizerId === 'string' ? template.Resources[authorizerId] : undefined;
  if (resource?.Type !== 'AWS::ApiGateway::Authorizer') {
    return `its AuthorizerId (${templateText(authorizerId)}) is not an AWS::ApiGateway::Authorizer of this template`;
  }
  try {
    readAuthorizer(template, authorizerId as string, resource.Properties ?? {}, parameters);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * One authorizer from AWS::ApiGateway::Authorizer properties (Type, Name, IdentitySource, AuthorizerUri,
 * IdentityValidationExpression, AuthorizerResultTtlInSeconds, ProviderARNs); an OpenAPI
 * x-amazon-apigateway-authorizer is read through the same names (openapi-routes.ts). Throws what stops it running.
 */
export function readAuthorizer(
  template: Template,
  id: string,
  props: Props,
  parameters: Record<string, string>,
): RestAuthorizer {
  const type = templateText(props.Type ?? '').toUpperCase();
  const name = typeof props.Name === 'string' ? props.Name : id;
  const sources = identitySourcesOf(id, props.IdentitySource);
  const validation =
    typeof props.IdentityValidationExpression === 'string'
      ? { validationExpression: props.IdentityValidationExpression }
      : {};
  if (type === 'COGNITO_USER_POOLS') {
    const arns = Array.isArray(props.ProviderARNs) ? (props.ProviderARNs as unknown[]) : [];
    return {
      type: 'cognito',
      name,
      // A pool's ARN that only the deployed stack knows (!GetAtt Pool.Arn) admits any Cognito issuer (cognitoIssuers).
      userPoolArns: arns.map((arn) => (typeof arn === 'string' ? arn : undefined)),
      identitySources: sources.length > 0 ? sources : [{ kind: 'header', name: 'Authorization' }],
      ...validation,
      scopes: [],
    };
  }
  if (type !== 'TOKEN' && type !== 'REQUEST') {
    throw new Error(`Authorizer ${id}: Type must be TOKEN, REQUEST or COGNITO_USER_POOLS, not ${String(props.Type)}`);
  }
  const functionId = functionIdOfUri(template, props.AuthorizerUri, parameters);
  if (!functionId) {
    throw new Error(
      `Authorizer ${id}: its AuthorizerUri does not name a function of this template (write it with ` +
        `!GetAtt <FunctionLogicalId>.Arn); a function deployed elsewhere cannot run locally`,
    );
  }
  if (type === 'TOKEN' && (sources.length !== 1 || sources[0]!.kind !== 'header')) {
    throw new Error(`Authorizer ${id}: a TOKEN authorizer's IdentitySource must be one method.request.header.<name>`);
  }
  const ttl =
    props.AuthorizerResultTtlInSeconds === undefined ? DEFAULT_TTL_SECONDS : Number(props.AuthorizerResultTtlInSeconds);
  return {
    type: 'lambda',
    name,
    functionId,
    payload: type,
    identitySources: sources,
    ...(type === 'TOKEN' ? validation : {}),
    ttlSeconds: ttl,
  };
}

// API Gateway's identity source expressions, comma-separated
// (docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html, identitySource).
const SOURCE_PREFIXES: Array<[string, IdentitySource['kind']]> = [
  ['method.request.header.', 'header'],
  ['method.request.querystring.', 'query'],
  ['stageVariables.', 'stageVariable'],
  ['context.', 'context'],
];

function identitySourcesOf(id: string, value: unknown): IdentitySource[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'string') throw new Error(`Authorizer ${id}: IdentitySource must be a string`);
  return value.split(',').map((part) => {
    const source = part.trim();
    const prefix = SOURCE_PREFIXES.find(([start]) => source.startsWith(start) && source.length > start.length);
    // SAM CLI stops on the same (identity_source_validator.py): "does not contain valid identity sources".
    if (!prefix) throw new Error(`Authorizer ${id}: identity source ${source} is not one API Gateway accepts`);
    return { kind: prefix[1], name: source.slice(prefix[0].length) };
  });
}

/**
 * The template's function an API Gateway integration URI invokes
 * (`arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`), as SAM CLI's
 * LambdaUri finds it (samcli/commands/local/lib/swagger/integration_uri.py); undefined for anything else.
 */
export function functionIdOfUri(
  template: Template,
  uri: unknown,
  parameters: Record<string, string>,
): string | undefined {
  if (typeof uri === 'object' && uri !== null) return functionIdOfArn(template, uri, parameters);
  if (typeof uri !== 'string') return undefined;
  const arn = /\/functions\/([^/]+)\/invocations/.exec(uri)?.[1] ?? uri;
  return functionIdOfArn(template, arn, parameters);
}
