// Authorizers of an HTTP API's OpenAPI document: x-amazon-apigateway-authorizer in components.securitySchemes
// (securityDefinitions in Swagger 2), as the API Gateway developer guide defines the extension for HTTP APIs
// (http-api-swagger-extensions-authorizer.html) and SAM CLI reads it (aws/aws-sam-cli
// samcli/commands/local/lib/swagger/parser.py, get_authorizers).
import { httpOpenApiDocument, openApiHttpAuthorizers } from '../../src/authorizers/http-openapi-authorizers';
import { resolvedResources } from '../helpers/template-resources';

const FN = `
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { Handler: auth.handler, Runtime: nodejs24.x }
`;

const REQUEST = `
                type: request
                identitySource: '$request.header.Auth, $request.querystring.q'
                authorizerUri: !GetAtt AuthFn.Arn
                authorizerPayloadFormatVersion: '2.0'
                enableSimpleResponses: true
                authorizerResultTtlInSeconds: 60`;

describe('openApiHttpAuthorizers', () => {
  it('reads an OpenAPI 3 request authorizer: its comma-separated identity sources, version, simple responses, TTL', () => {
    const template = resolvedResources(`${FN}
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: '3.0.1'
        components:
          securitySchemes:
            Plain: { type: apiKey, name: x, in: header }
            Lambda:
              type: apiKey
              x-amazon-apigateway-authorizer:${REQUEST}
`);
    expect(openApiHttpAuthorizers(template, 'Api', {})).toEqual({
      authorizers: {
        Lambda: {
          type: 'lambda',
          name: 'Lambda',
          functionId: 'AuthFn',
          payloadVersion: '2.0',
          simpleResponses: true,
          identitySources: [
            { kind: 'header', name: 'Auth' },
            { kind: 'query', name: 'q' },
          ],
          ttlSeconds: 60,
        },
      },
      problems: {},
    });
  });

  it('reads Swagger 2 securityDefinitions of an AWS::ApiGatewayV2::Api Body, and a jwt authorizer', () => {
    const template = resolvedResources(`${FN}
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Body:
        swagger: '2.0'
        securityDefinitions:
          Jwt:
            type: oauth2
            x-amazon-apigateway-authorizer:
              type: jwt
              identitySource: $request.header.Authorization
              jwtConfiguration: { issuer: 'https://i.example.com', audience: [app] }
`);
    expect(openApiHttpAuthorizers(template, 'Api', {}).authorizers).toEqual({
      Jwt: {
        type: 'jwt',
        name: 'Jwt',
        issuer: 'https://i.example.com',
        audiences: ['app'],
        identitySource: { kind: 'header', name: 'Authorization' },
      },
    });
  });

  it('keeps why a scheme cannot run, by name', () => {
    const template = resolvedResources(`${FN}
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: '3.0.1'
        components:
          securitySchemes:
            Broken:
              x-amazon-apigateway-authorizer: { type: request, authorizerUri: !GetAtt AuthFn.Arn, identitySource: '' }
`);
    expect(openApiHttpAuthorizers(template, 'Api', {})).toEqual({
      authorizers: {},
      problems: {
        Broken:
          "Authorizer Broken: AuthorizerPayloadFormatVersion must be '1.0' or '2.0' (required for Lambda authorizers)",
      },
    });
  });

  it('finds no document on other resources, or without a body', () => {
    const template = resolvedResources(`${FN}
  Rest:
    Type: AWS::Serverless::Api
    Properties: { StageName: dev, DefinitionBody: { openapi: '3.0.1' } }
  Bare:
    Type: AWS::Serverless::HttpApi
`);
    expect(httpOpenApiDocument(template, 'Rest')).toBeUndefined();
    expect(httpOpenApiDocument(template, 'Bare')).toBeUndefined();
    expect(httpOpenApiDocument(template, 'Missing')).toBeUndefined();
    expect(openApiHttpAuthorizers(template, 'Bare', {})).toEqual({ authorizers: {}, problems: {} });
  });
});
