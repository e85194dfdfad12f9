/**
 * Routes of an HTTP API's OpenAPI document (the `DefinitionBody` of an AWS::Serverless::HttpApi, the `Body` of an
 * AWS::ApiGatewayV2::Api), read as SAM CLI reads them
 * (aws/aws-sam-cli samcli/commands/local/lib/swagger/parser.py get_routes with event type HTTP;
 * samcli/lib/providers/sam_api_provider.py): each method (x-amazon-apigateway-any-method is ANY; the path `/$default`
 * is the $default route) whose x-amazon-apigateway-integration is `aws_proxy` with a `uri` (or an integration `uri`
 * ARN) invoking a function of the template, with its `payloadFormatVersion` (2.0 when absent) and the authorizer its
 * `security` names (the API's Auth.Authorizers, its document's securitySchemes: http-openapi-authorizers.ts).
 * routes.ts turns these into routes; anything else is named at start-up (httpOpenApiNotes).
 */
import { httpOpenApiDocument, openApiHttpAuthorizers } from '../authorizers/http-openapi-authorizers';
import { functionIdOfUri } from '../authorizers/rest-cfn-authorizers';
import { templateText } from '../template/template-text';
import type { Template } from '../template/template';

type Props = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method'];

/** One aws_proxy method of an HTTP API's OpenAPI document. */
export interface HttpOpenApiRoute {
  apiId: string;
  functionId: string;
  /** As written: `get`, `x-amazon-apigateway-any-method`. */
  method: string;
  path: string;
  payloadVersion: string | undefined;
  /** The `Auth` of an HttpApi event with the same meaning: the authorizer named by `security`, and its scopes. */
  auth: { Authorizer?: string; AuthorizationScopes?: string[] };
}

interface Method {
  apiId: string;
  path: string;
  method: string;
  operation: Props;
  integration: Props | undefined;
}

function methodsOf(template: Template): Method[] {
  return Object.keys(template.Resources).flatMap((apiId) => {
    const paths = (httpOpenApiDocument(template, apiId)?.paths ?? {}) as Record<string, Props>;
    return Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item ?? {})
        .filter(([key]) => METHODS.includes(key.toLowerCase()))
        .map(([method, operation]) => {
          const op = (operation ?? {}) as Props;
          return { apiId, path, method, operation: op, integration: op['x-amazon-apigateway-integration'] as Props };
        }),
    );
  });
}

function typeOf(method: Method): string {
  const type = method.integration?.type;
  return typeof type === 'string' ? type.toLowerCase() : 'none';
}

// The first security requirement naming a scheme: its name and scopes (API Gateway applies one authorizer a route).
function securityOf(method: Method): { name: string | undefined; scopes: string[] } {
  const security = method.operation.security as Array<Record<string, unknown>> | undefined;
  const first = Array.isArray(security) ? security.find((entry) => entry && Object.keys(entry).length > 0) : undefined;
  const name = first ? Object.keys(first)[0] : undefined;
  const scopes = name !== undefined && Array.isArray(first?.[name]) ? (first[name] as unknown[]).map(String) : [];
  return { name, scopes };
}

// Why the authorizer a method's security names cannot run locally, or undefined.
function authorizerProblem(template: Template, method: Method, parameters: Record<string, string>): string | undefined {
  const { name } = securityOf(method);
  return name === undefined ? undefined : openApiHttpAuthorizers(template, method.apiId, parameters).problems[name];
}

export function httpOpenApiRoutes(template: Template, parameters: Record<string, string>): HttpOpenApiRoute[] {
  return methodsOf(template).flatMap((method) => {
    if (typeOf(method) !== 'aws_proxy') return [];
    const functionId = functionIdOfUri(template, method.integration?.uri, parameters);
    if (!functionId || authorizerProblem(template, method, parameters) !== undefined) return [];
    const version = method.integration?.payloadFormatVersion;
    const { name, scopes } = securityOf(method);
    return [
      {
        apiId: method.apiId,
        functionId,
        method: method.method,
        path: method.path,
        payloadVersion:
          typeof version === 'number' ? version.toFixed(1) : typeof version === 'string' ? version : undefined,
        auth:
          name === undefined ? {} : { Authorizer: name, ...(scopes.length > 0 ? { AuthorizationScopes: scopes } : {}) },
      },
    ];
  });
}

/** Start-up lines for the methods of HTTP APIs' OpenAPI documents that are not served, and why. */
export function httpOpenApiNotes(template: Template, parameters: Record<string, string>): string[] {
  return methodsOf(template).flatMap((method) => {
    const where = `HTTP API ${method.apiId}: ${method.method.toUpperCase()} ${method.path} of its OpenAPI document`;
    const type = typeOf(method);
    if (type !== 'aws_proxy') {
      return [
        `${where} has ${type === 'none' ? 'no integration' : `an ${type} integration`}, which is not emulated: not served`,
      ];
    }
    const subtype = method.integration?.integrationSubtype;
    if (subtype !== undefined) {
      return [`${where} has an AWS service integration (${templateText(subtype)}), which is not emulated: not served`];
    }
    if (!functionIdOfUri(template, method.integration?.uri, parameters)) {
      return [`${where}: its integration uri does not name a function of this template: not served`];
    }
    const problem = authorizerProblem(template, method, parameters);
    return problem === undefined ? [] : [`${where} cannot be authorized locally: ${problem}: not served`];
  });
}
