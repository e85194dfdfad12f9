/**
 * REST APIs written as CloudFormation resources: AWS::ApiGateway::RestApi with its ::Resource tree (each PathPart
 * under its ParentId), ::Method (a Lambda proxy integration, its AuthorizationType and AuthorizerId), ::Stage or the
 * ::Deployment's StageName, and ::Authorizer. Read into the same routes and API as SAM's Api events (routes.ts,
 * apis.ts), as SAM CLI reads them (aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py: _extract_cloud_formation_
 * method, resolve_resource_path, _extract_cloud_formation_stage; the function from the integration's Uri by
 * samcli/commands/local/lib/swagger/integration_uri.py, LambdaUri). A method that does not invoke a function of the
 * template by a Lambda proxy integration is not served and is named at start-up (cfnRestNotes).
 */
import { createHash } from 'node:crypto';
import { cfnAuthorizerProblem, cfnRestAuthorizers, functionIdOfUri } from '../authorizers/rest-cfn-authorizers';
import { NO_AUTHORIZER, type RestApiAuth, type RouteAuth } from '../authorizers/rest-config';
import type { Resource, Template } from '../template/template';
import { IMPLICIT_API, type RestApi } from './apis';
import { templateText } from '../template/template-text';

/** A route of a REST API before its path is parsed: what routes.ts turns into a Route. */
export interface RouteDeclaration {
  functionId: string;
  api: RestApi;
  resourcePath: string;
  method: string;
  auth: RouteAuth;
}

type Props = Record<string, unknown>;

interface MethodReading {
  apiId: string;
  methodId: string;
  httpMethod: string;
  resourcePath: string;
  /** The function a Lambda proxy integration invokes, or why the method is not served. */
  target: { functionId: string } | { skipped: string };
  props: Props;
}

/** The routes of every AWS::ApiGateway::RestApi's methods that invoke a function of the template. */
export function cfnRestRoutes(
  template: Template,
  parameters: Record<string, string>,
  apiOf: (logicalId: string) => RestApi,
): RouteDeclaration[] {
  const routes: RouteDeclaration[] = [];
  for (const method of methodsOf(template, parameters)) {
    if (!('functionId' in method.target)) continue;
    const api = apiOf(method.apiId);
    routes.push({
      functionId: method.target.functionId,
      api,
      resourcePath: method.resourcePath,
      method: method.httpMethod,
      auth: methodAuth(api.auth, method),
    });
  }
  return routes;
}

/** Start-up lines for the methods of CloudFormation REST APIs that are not served, and why. */
export function cfnRestNotes(template: Template, parameters: Record<string, string>): string[] {
  const notes: string[] = [];
  for (const method of methodsOf(template, parameters)) {
    if ('skipped' in method.target) {
      notes.push(
        `REST API ${method.apiId}: ${method.httpMethod} ${method.resourcePath} (${method.methodId}) is not served: ` +
          method.target.skipped,
      );
    }
  }
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGateway::RestApi') continue;
    const props = resource.Properties ?? {};
    if (props.BodyS3Location !== undefined) {
      notes.push(`REST API ${id}: the routes of its BodyS3Location (an OpenAPI document in S3) are not served`);
    }
  }
  return notes;
}

function methodsOf(template: Template, parameters: Record<string, string>): MethodReading[] {
  const readings: MethodReading[] = [];
  for (const [methodId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGateway::Method') continue;
    const props = resource.Properties ?? {};
    const httpMethod = templateText(props.HttpMethod ?? '').toUpperCase();
    const apiId = templateText(props.RestApiId);
    const path = resourcePathOf(template, props.ResourceId);
    const reading = { apiId, methodId, httpMethod, props, resourcePath: 'path' in path ? path.path : '?' };
    const skipped =
      template.Resources[apiId]?.Type !== 'AWS::ApiGateway::RestApi'
        ? 'its RestApiId is not an AWS::ApiGateway::RestApi of this template'
        : 'skipped' in path
          ? path.skipped
          : authProblem(template, props, parameters);
    readings.push({ ...reading, target: skipped ? { skipped } : targetOf(template, props, parameters) });
  }
  return readings;
}

function authProblem(template: Template, props: Props, parameters: Record<string, string>): string | undefined {
  const type = templateText(props.AuthorizationType ?? 'NONE').toUpperCase();
  if (type !== 'CUSTOM' && type !== 'COGNITO_USER_POOLS') return undefined;
  const problem = cfnAuthorizerProblem(template, props.AuthorizerId, parameters);
  return problem === undefined ? undefined : `it cannot be authorized locally: ${problem}`;
}

// A Method's ResourceId is !GetAtt Api.RootResourceId (resolved to "/") or !Ref of an AWS::ApiGateway::Resource,
// whose ParentId is the root or another Resource (cfn_api_provider.py, resolve_resource_path).
function resourcePathOf(template: Template, resourceId: unknown): { path: string } | { skipped: string } {
  const parts: string[] = [];
  let current = resourceId;
  const seen = new Set<string>();
  for (;;) {
    if (typeof current !== 'string') {
      return { skipped: `its resource path cannot be resolved locally (${templateText(current)})` };
    }
    const resource: Resource | undefined = template.Resources[current];
    if (resource?.Type !== 'AWS::ApiGateway::Resource') break;
    if (seen.has(current)) return { skipped: `its resource ${current} is its own ancestor` };
    seen.add(current);
    parts.unshift(templateText(resource.Properties?.PathPart ?? ''));
    current = resource.Properties?.ParentId;
  }
  return { path: `/${parts.join('/')}` };
}

function targetOf(template: Template, props: Props, parameters: Record<string, string>): MethodReading['target'] {
  const integration = (props.Integration ?? {}) as Props;
  const type = templateText(integration.Type ?? '').toUpperCase();
  if (type !== 'AWS_PROXY') {
    return {
      skipped:
        `its integration is ${type || 'missing'}; only Lambda proxy (AWS_PROXY) integrations are emulated` +
        (type === 'MOCK' ? ' (a MOCK integration answers from its templates, which are not run)' : ''),
    };
  }
  const functionId = functionIdOfUri(template, integration.Uri, parameters);
  if (!functionId) return { skipped: 'its integration Uri does not name a function of this template' };
  return { functionId };
}

/** The API's stage (an AWS::ApiGateway::Stage, else the Deployment's StageName) and its authorizers. */
export function readCfnRestApi(template: Template, apiId: string, parameters: Record<string, string>): RestApi {
  const stage = resourceFor(template, 'AWS::ApiGateway::Stage', apiId);
  const deployment = resourceFor(template, 'AWS::ApiGateway::Deployment', apiId);
  const stageName = stage?.Properties?.StageName ?? deployment?.Properties?.StageName;
  const stageDescription = deployment?.Properties?.StageDescription as Props | undefined;
  const stageVariables = stringValues((stage?.Properties?.Variables ?? stageDescription?.Variables) as Props);
  const apiProps = template.Resources[apiId]?.Properties ?? {};
  const auth: RestApiAuth = { authorizers: cfnRestAuthorizers(template, apiId, parameters), apiKeyRequired: false };
  return {
    logicalId: apiId,
    id: createHash('sha256').update(apiId).digest('hex').slice(0, 10),
    deploymentId: createHash('sha256').update(`${apiId} deployment`).digest('hex').slice(0, 6),
    // SAM CLI serves a RestApi with no stage under its default stage name; SAM's is Prod.
    stage: typeof stageName === 'string' && stageName !== '' ? stageName : IMPLICIT_API.stage,
    stageVariables: Object.keys(stageVariables).length > 0 ? stageVariables : null,
    cors: null,
    gatewayHeaders: {
      '4xx': gatewayHeaders(template, apiId, 'DEFAULT_4XX'),
      '5xx': gatewayHeaders(template, apiId, 'DEFAULT_5XX'),
    },
    binaryMediaTypes: Array.isArray(apiProps.BinaryMediaTypes)
      ? (apiProps.BinaryMediaTypes as unknown[]).flatMap((type) =>
          typeof type === 'string' ? [type.replaceAll('~1', '/')] : [],
        )
      : [],
    auth,
  };
}

function resourceFor(template: Template, type: string, apiId: string): Resource | undefined {
  return Object.values(template.Resources).find(
    (resource) => resource.Type === type && resource.Properties?.RestApiId === apiId,
  );
}

function stringValues(values: Props | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).flatMap(([key, value]) =>
      ['string', 'number', 'boolean'].includes(typeof value) ? [[key, String(value)]] : [],
    ),
  );
}

// AWS::ApiGateway::GatewayResponse: `gatewayresponse.header.<Name>: "'value'"` on the API's own answers.
function gatewayHeaders(template: Template, apiId: string, type: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const resource of Object.values(template.Resources)) {
    const props = resource.Properties ?? {};
    if (resource.Type !== 'AWS::ApiGateway::GatewayResponse' || props.RestApiId !== apiId) continue;
    if (props.ResponseType !== type) continue;
    for (const [key, value] of Object.entries((props.ResponseParameters ?? {}) as Props)) {
      const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
      const quoted = typeof value === 'string' ? /^'(.*)'$/.exec(value) : null;
      if (name && quoted) headers[name] = quoted[1]!;
    }
  }
  return headers;
}

// A Method's AuthorizationType (NONE, CUSTOM, COGNITO_USER_POOLS, AWS_IAM) with its AuthorizerId, ApiKeyRequired and
// AuthorizationScopes (docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html).
function methodAuth(apiAuth: RestApiAuth, method: MethodReading): RouteAuth {
  const { props, methodId } = method;
  const apiKeyRequired = props.ApiKeyRequired === true || props.ApiKeyRequired === 'true';
  const type = templateText(props.AuthorizationType ?? 'NONE').toUpperCase();
  if (type === 'NONE') return { ...NO_AUTHORIZER, apiKeyRequired };
  if (type === 'AWS_IAM') return { authorizer: 'iam', apiKeyRequired, scopes: [] };
  if (type !== 'CUSTOM' && type !== 'COGNITO_USER_POOLS') {
    throw new Error(
      `Method ${methodId}: AuthorizationType must be NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS, not ${type}`,
    );
  }
  const authorizerId = props.AuthorizerId;
  const authorizer = typeof authorizerId === 'string' ? apiAuth.authorizers[authorizerId] : undefined;
  if (!authorizer) {
    throw new Error(
      `Method ${methodId}: its AuthorizerId must be !Ref of an AWS::ApiGateway::Authorizer of API ${method.apiId}`,
    );
  }
  if ((type === 'COGNITO_USER_POOLS') !== (authorizer.type === 'cognito')) {
    throw new Error(`Method ${methodId}: AuthorizationType ${type} does not fit authorizer ${String(authorizerId)}`);
  }
  const scopes = Array.isArray(props.AuthorizationScopes) ? (props.AuthorizationScopes as unknown[]).map(String) : [];
  return { authorizer, apiKeyRequired, scopes: authorizer.type === 'cognito' ? scopes : [] };
}
