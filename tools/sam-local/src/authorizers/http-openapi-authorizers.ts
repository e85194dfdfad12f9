/**
 * An HTTP API's authorizers declared in its OpenAPI document (the `DefinitionBody` of an AWS::Serverless::HttpApi, the
 * `Body` of an AWS::ApiGatewayV2::Api): each `components.securitySchemes` entry (`securityDefinitions` in Swagger 2)
 * with an `x-amazon-apigateway-authorizer` of type `request` or `jwt`
 * (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-swagger-extensions-authorizer.html). The extension's
 * fields are the AWS::ApiGatewayV2::Authorizer properties in camel case, so they are read by the same code
 * (http-cfn-authorizers.ts); `identitySource` is a comma-separated list. SAM CLI reads the `request` ones
 * (aws/aws-sam-cli samcli/commands/local/lib/swagger/parser.py, get_authorizers); `jwt` ones are checked here too.
 */
import type { Template } from '../template/template';
import type { HttpAuthorizer } from './http-config';
import { readCfnHttpAuthorizer } from './http-cfn-authorizers';

type Props = Record<string, unknown>;

export interface OpenApiHttpAuthorizers {
  /** The usable authorizers by scheme name. */
  authorizers: Record<string, HttpAuthorizer>;
  /** Why each scheme with an x-amazon-apigateway-authorizer that cannot run locally cannot. */
  problems: Record<string, string>;
}

/** The OpenAPI document of an HTTP API resource, or undefined. */
export function httpOpenApiDocument(template: Template, apiId: string): Props | undefined {
  const resource = template.Resources[apiId];
  const body =
    resource?.Type === 'AWS::Serverless::HttpApi'
      ? resource.Properties?.DefinitionBody
      : resource?.Type === 'AWS::ApiGatewayV2::Api'
        ? resource.Properties?.Body
        : undefined;
  return typeof body === 'object' && body !== null ? (body as Props) : undefined;
}

export function openApiHttpAuthorizers(
  template: Template,
  apiId: string,
  parameters: Record<string, string>,
): OpenApiHttpAuthorizers {
  const document = httpOpenApiDocument(template, apiId);
  const components = (document?.components ?? {}) as Props;
  const schemes = (components.securitySchemes ?? document?.securityDefinitions ?? {}) as Record<string, Props>;
  const found: OpenApiHttpAuthorizers = { authorizers: {}, problems: {} };
  for (const [name, scheme] of Object.entries(schemes)) {
    const extension = scheme?.['x-amazon-apigateway-authorizer'];
    if (typeof extension !== 'object' || extension === null) continue;
    try {
      found.authorizers[name] = readCfnHttpAuthorizer(template, name, asProperties(extension as Props), parameters);
    } catch (error) {
      found.problems[name] = (error as Error).message;
    }
  }
  return found;
}

function asProperties(extension: Props): Props {
  const jwt = (extension.jwtConfiguration ?? {}) as Props;
  const source = extension.identitySource;
  return {
    AuthorizerType: extension.type,
    AuthorizerUri: extension.authorizerUri,
    AuthorizerPayloadFormatVersion: extension.authorizerPayloadFormatVersion,
    EnableSimpleResponses: extension.enableSimpleResponses,
    AuthorizerResultTtlInSeconds: extension.authorizerResultTtlInSeconds,
    IdentitySource:
      typeof source === 'string'
        ? source
            .split(',')
            .map((part) => part.trim())
            .filter((part) => part.length > 0)
        : source,
    JwtConfiguration: { Issuer: jwt.issuer, Audience: jwt.audience },
  };
}
