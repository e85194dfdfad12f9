/**
 * Routes of a REST API's OpenAPI document: the `DefinitionBody` of an AWS::Serverless::Api or the `Body` of an
 * AWS::ApiGateway::RestApi. Read as SAM CLI reads them (aws/aws-sam-cli samcli/commands/local/lib/swagger/parser.py,
 * get_routes and get_authorizers; samcli/lib/providers/sam_api_provider.py): each method (or
 * x-amazon-apigateway-any-method, ANY) whose x-amazon-apigateway-integration is `aws_proxy` with a `uri` invoking a
 * function of the template is a route; its authorizer is the first of its `security` (else the document's, else
 * SAM's DefaultAuthorizer), from `securityDefinitions` (Swagger 2) or `components.securitySchemes` (OpenAPI 3) with
 * x-amazon-apigateway-authorizer, or from SAM's Auth.Authorizers. A method with another integration is named at
 * start-up (openApiNotes): its mapping templates, HTTP backend or mock are not emulated.
 */
import { functionIdOfUri, readAuthorizer } from '../authorizers/rest-cfn-authorizers';
import { NO_AUTHORIZER, type RestAuthorizer, type RouteAuth } from '../authorizers/rest-config';
import type { Template } from '../template/template';
import type { RestApi } from './apis';
import type { RouteDeclaration } from './cfn-routes';

type Props = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method'];

interface OpenApiMethod {
  apiId: string;
  path: string;
  /** Upper case; ANY for x-amazon-apigateway-any-method. */
  method: string;
  operation: Props;
  integration: Props | undefined;
}

/** The REST APIs with an inline OpenAPI document, by logical id. */
function documents(template: Template): Array<[string, Props]> {
  return Object.entries(template.Resources).flatMap(([id, resource]): Array<[string, Props]> => {
    const props = resource.Properties ?? {};
    const body =
      resource.Type === 'AWS::Serverless::Api'
        ? props.DefinitionBody
        : resource.Type === 'AWS::ApiGateway::RestApi'
          ? props.Body
          : undefined;
    return typeof body === 'object' && body !== null ? [[id, body as Props]] : [];
  });
}

function methodsOf(apiId: string, document: Props): OpenApiMethod[] {
  const paths = (document.paths ?? {}) as Record<string, Props>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item ?? {})
      .filter(([key]) => METHODS.includes(key.toLowerCase()))
      .map(([key, operation]) => {
        const op = (operation ?? {}) as Props;
        const integration = op['x-amazon-apigateway-integration'] as Props | undefined;
        const method = key.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
        return { apiId, path, method, operation: op, integration };
      }),
  );
}

function integrationType(method: OpenApiMethod): string {
  const type = method.integration?.type;
  return typeof type === 'string' ? type.toLowerCase() : 'none';
}

/** Every aws_proxy method of the REST APIs' OpenAPI documents that invokes a function of the template. */
export function openApiRestRoutes(
  template: Template,
  parameters: Record<string, string>,
  apiOf: (logicalId: string) => RestApi,
): RouteDeclaration[] {
  return documents(template).flatMap(([apiId, document]) => {
    const methods = methodsOf(apiId, document).filter((method) => integrationType(method) === 'aws_proxy');
    const declared: RouteDeclaration[] = [];
    for (const method of methods) {
      const functionId = functionIdOfUri(template, method.integration?.uri, parameters);
      if (!functionId) continue;
      const api = apiOf(apiId);
      const auth = methodAuth(template, parameters, api, document, method);
      if (typeof auth === 'string') continue;
      declared.push({ functionId, api, resourcePath: method.path, method: method.method, auth });
    }
    return declared;
  });
}

/**
 * Start-up lines for OpenAPI methods that are not served as written, and why. `servedByEvent` says whether an Api
 * event serves the same method and path: SAM keeps the document's integration there, and sam local serves the event
 * as a Lambda proxy integration, as this toolkit then does.
 */
export function openApiNotes(
  template: Template,
  parameters: Record<string, string>,
  servedByEvent: (apiId: string, method: string, path: string) => boolean,
): string[] {
  const notes: string[] = [];
  for (const [apiId, document] of documents(template)) {
    for (const method of methodsOf(apiId, document)) {
      const type = integrationType(method);
      const where = `REST API ${apiId}: ${method.method} ${method.path} of its OpenAPI document`;
      if (type !== 'aws_proxy') {
        const what =
          type === 'aws'
            ? 'a Lambda non-proxy (aws) integration, whose mapping templates are not emulated'
            : type === 'none'
              ? 'no x-amazon-apigateway-integration'
              : `an ${type} integration, which is not emulated`;
        notes.push(
          servedByEvent(apiId, method.method, method.path)
            ? `${where} has ${what}: its Api event is served as a Lambda proxy integration instead (as sam local ` +
                'does), so the function gets a proxy event, not the mapped one'
            : `${where} has ${what}: not served`,
        );
        continue;
      }
      if (!functionIdOfUri(template, method.integration?.uri, parameters)) {
        notes.push(`${where}: its integration uri does not name a function of this template: not served`);
      }
    }
  }
  return notes;
}

// The method's `security` (its first entry's first name), else the document's, else SAM's DefaultAuthorizer. A
// string is why the method cannot be authorized locally (the route is then not served; openApiAuthProblems).
function methodAuth(
  template: Template,
  parameters: Record<string, string>,
  api: RestApi,
  document: Props,
  method: OpenApiMethod,
): RouteAuth | string {
  const apiKeyRequired = api.auth.apiKeyRequired;
  const security = (method.operation.security ?? document.security) as Array<Record<string, unknown>> | undefined;
  const names = Array.isArray(security) ? security.flatMap((entry) => Object.keys(entry ?? {})) : [];
  const keyRequired = apiKeyRequired || names.includes('api_key');
  const name = names.find((entry) => entry !== 'api_key') ?? api.auth.defaultAuthorizer;
  if (name === undefined || name === 'NONE') return { ...NO_AUTHORIZER, apiKeyRequired: keyRequired };
  if (name === 'AWS_IAM' || name === 'sigv4') return { authorizer: 'iam', apiKeyRequired: keyRequired, scopes: [] };
  const authorizer = api.auth.authorizers[name] ?? documentAuthorizer(template, parameters, document, name);
  if (typeof authorizer === 'string') return authorizer;
  const scopeEntry = Array.isArray(security) ? security.find((entry) => entry && name in entry) : undefined;
  const scopes = Array.isArray(scopeEntry?.[name]) ? (scopeEntry[name] as unknown[]).map(String) : [];
  return { authorizer, apiKeyRequired: keyRequired, scopes: authorizer.type === 'cognito' ? scopes : [] };
}

// An x-amazon-apigateway-authorizer of the document's securityDefinitions / components.securitySchemes
// (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html).
function documentAuthorizer(
  template: Template,
  parameters: Record<string, string>,
  document: Props,
  name: string,
): RestAuthorizer | string {
  const schemes = (document.securityDefinitions ??
    (document.components as Props | undefined)?.securitySchemes ??
    {}) as Record<string, Props>;
  const scheme = schemes[name];
  const extension = scheme?.['x-amazon-apigateway-authorizer'] as Props | undefined;
  if (!scheme || !extension) return `its security names ${name}, which is not an authorizer of the API`;
  const type = typeof extension.type === 'string' ? extension.type.toUpperCase() : '';
  // A token authorizer's header is the scheme's `name` (an apiKey scheme `in: header`).
  const identitySource =
    extension.identitySource ??
    (type === 'TOKEN' && typeof scheme.name === 'string' ? `method.request.header.${scheme.name}` : undefined);
  try {
    return readAuthorizer(
      template,
      name,
      {
        Type: type,
        Name: name,
        IdentitySource: identitySource,
        AuthorizerUri: extension.authorizerUri,
        IdentityValidationExpression: extension.identityValidationExpression,
        AuthorizerResultTtlInSeconds: extension.authorizerResultTtlInSeconds,
        ProviderARNs: extension.providerARNs,
      },
      parameters,
    );
  } catch (error) {
    return (error as Error).message;
  }
}

/** Start-up lines for aws_proxy methods whose authorizer cannot run locally (they are not served). */
export function openApiAuthProblems(
  template: Template,
  parameters: Record<string, string>,
  apiOf: (logicalId: string) => RestApi,
): string[] {
  return documents(template).flatMap(([apiId, document]) =>
    methodsOf(apiId, document)
      .filter(
        (method) =>
          integrationType(method) === 'aws_proxy' &&
          functionIdOfUri(template, method.integration?.uri, parameters) !== undefined,
      )
      .flatMap((method) => {
        const auth = methodAuth(template, parameters, apiOf(apiId), document, method);
        return typeof auth === 'string'
          ? [`REST API ${apiId}: ${method.method} ${method.path} of its OpenAPI document is not served: ${auth}`]
          : [];
      }),
  );
}
