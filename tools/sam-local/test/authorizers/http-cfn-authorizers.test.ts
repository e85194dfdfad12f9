// AWS::ApiGatewayV2::Authorizer resources and a Route's AuthorizationType, read as CloudFormation defines them
// (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-authorizer.html and
// aws-resource-apigatewayv2-route.html) and SAM CLI reads them (aws/aws-sam-cli
// samcli/lib/providers/cfn_api_provider.py, _extract_cfn_gateway_v2_authorizer). Templates are resolved as start-api
// resolves them.
import {
  cfnHttpAuthorizerProblem,
  cfnHttpAuthorizers,
  cfnHttpRouteAuth,
  readCfnHttpAuthorizer,
} from '../../src/authorizers/http-cfn-authorizers';
import type { HttpApiAuth } from '../../src/authorizers/http-config';
import type { Template } from '../../src/template/template';
import { resolvedResources, resourceYaml } from '../helpers/template-resources';

const URI = '!Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthFn.Arn}/invocations';
const BASE = `
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { ProtocolType: HTTP }
  Other:
    Type: AWS::ApiGatewayV2::Api
    Properties: { ProtocolType: HTTP }
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { Handler: auth.handler, Runtime: nodejs24.x }
`;

function authorizer(id: string, props: string, api = 'Api'): string {
  return resourceYaml(id, 'AWS::ApiGatewayV2::Authorizer', `ApiId: !Ref ${api}\n${props.trim()}`);
}

function read(props: string): ReturnType<typeof readCfnHttpAuthorizer> {
  const template = resolvedResources(BASE + authorizer('Auth', props));
  return readCfnHttpAuthorizer(template, 'Auth', template.Resources.Auth!.Properties!, {});
}

function problem(props: string): string | undefined {
  return cfnHttpAuthorizerProblem(resolvedResources(BASE + authorizer('Auth', props)), 'Auth', {});
}

describe('readCfnHttpAuthorizer', () => {
  it('reads a REQUEST authorizer: its function from AuthorizerUri, version, simple responses, sources, TTL', () => {
    expect(
      read(`
AuthorizerType: REQUEST
AuthorizerUri: ${URI}
AuthorizerPayloadFormatVersion: '2.0'
EnableSimpleResponses: true
AuthorizerResultTtlInSeconds: 300
IdentitySource: [$request.header.Auth, $request.querystring.q, $stageVariables.sv, $context.routeKey]`),
    ).toEqual({
      type: 'lambda',
      name: 'Auth',
      functionId: 'AuthFn',
      payloadVersion: '2.0',
      simpleResponses: true,
      identitySources: [
        { kind: 'header', name: 'Auth' },
        { kind: 'query', name: 'q' },
        { kind: 'stageVariable', name: 'sv' },
        { kind: 'context', name: 'routeKey' },
      ],
      ttlSeconds: 300,
    });
  });

  it('defaults: no caching, no simple responses, no identity sources; an unquoted 1.0 is version 1.0', () => {
    expect(
      read(`AuthorizerType: request\nAuthorizerUri: !GetAtt AuthFn.Arn\nAuthorizerPayloadFormatVersion: 1.0`),
    ).toEqual({
      type: 'lambda',
      name: 'Auth',
      functionId: 'AuthFn',
      payloadVersion: '1.0',
      simpleResponses: false,
      identitySources: [],
      ttlSeconds: 0,
    });
  });

  it('reads a JWT authorizer: Issuer, Audience and its identity source', () => {
    expect(
      read(`
AuthorizerType: JWT
IdentitySource: [$request.querystring.token]
JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: [one, two] }`),
    ).toEqual({
      type: 'jwt',
      name: 'Auth',
      issuer: 'https://issuer.example.com',
      audiences: ['one', 'two'],
      identitySource: { kind: 'query', name: 'token' },
    });
  });

  it('a JWT authorizer without IdentitySource reads the Authorization header', () => {
    expect(read(`AuthorizerType: JWT\nJwtConfiguration: { Issuer: 'https://i.example.com' }`)).toMatchObject({
      audiences: [],
      identitySource: { kind: 'header', name: 'Authorization' },
    });
  });

  it.each([
    [
      'a type that is neither REQUEST nor JWT',
      `AuthorizerType: TOKEN`,
      'AuthorizerType must be REQUEST or JWT (found TOKEN)',
    ],
    ['no type', `Name: x`, 'AuthorizerType must be REQUEST or JWT (found none)'],
    [
      'a function the template does not hold',
      `AuthorizerType: REQUEST\nAuthorizerPayloadFormatVersion: '2.0'\nAuthorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:elsewhere/invocations`,
      'its AuthorizerUri does not name a function of this template',
    ],
    [
      'no payload format version',
      `AuthorizerType: REQUEST\nAuthorizerUri: ${URI}`,
      "AuthorizerPayloadFormatVersion must be '1.0' or '2.0' (required for Lambda authorizers)",
    ],
    [
      'a TTL above an hour',
      `AuthorizerType: REQUEST\nAuthorizerUri: ${URI}\nAuthorizerPayloadFormatVersion: '2.0'\nAuthorizerResultTtlInSeconds: 3601`,
      'AuthorizerResultTtlInSeconds must be a whole number from 0 to 3600',
    ],
    [
      'a negative TTL',
      `AuthorizerType: REQUEST\nAuthorizerUri: ${URI}\nAuthorizerPayloadFormatVersion: '2.0'\nAuthorizerResultTtlInSeconds: -1`,
      'AuthorizerResultTtlInSeconds must be a whole number from 0 to 3600',
    ],
    [
      'an identity source API Gateway does not accept',
      `AuthorizerType: REQUEST\nAuthorizerUri: ${URI}\nAuthorizerPayloadFormatVersion: '2.0'\nIdentitySource: [method.request.header.Auth]`,
      'identity source method.request.header.Auth is not one API Gateway accepts',
    ],
    [
      'a JWT authorizer without issuer',
      `AuthorizerType: JWT\nJwtConfiguration: { Audience: [a] }`,
      'its JwtConfiguration has no issuer',
    ],
  ])('refuses %s, naming the authorizer', (_what, props, message) => {
    expect(problem(props)).toBe(`Authorizer Auth: ${message}`);
  });

  it('accepts the largest TTL, 3600', () => {
    expect(
      read(
        `AuthorizerType: REQUEST\nAuthorizerUri: ${URI}\nAuthorizerPayloadFormatVersion: '2.0'\nAuthorizerResultTtlInSeconds: 3600`,
      ),
    ).toMatchObject({ ttlSeconds: 3600 });
  });
});

describe('cfnHttpAuthorizers and cfnHttpAuthorizerProblem', () => {
  const template = (): Template =>
    resolvedResources(
      BASE +
        authorizer('Good', `AuthorizerType: JWT\nJwtConfiguration: { Issuer: 'https://i.example.com' }`) +
        authorizer('Broken', `AuthorizerType: REQUEST\nAuthorizerUri: ${URI}`) +
        authorizer('Elsewhere', `AuthorizerType: JWT\nJwtConfiguration: { Issuer: 'https://i.example.com' }`, 'Other'),
    );

  it("keeps the API's usable authorizers by logical id, and only that API's", () => {
    expect(Object.keys(cfnHttpAuthorizers(template(), 'Api', {}))).toEqual(['Good']);
    expect(Object.keys(cfnHttpAuthorizers(template(), 'Other', {}))).toEqual(['Elsewhere']);
  });

  it('says why an AuthorizerId cannot be used, or nothing when it can', () => {
    expect(cfnHttpAuthorizerProblem(template(), 'Good', {})).toBeUndefined();
    expect(cfnHttpAuthorizerProblem(template(), 'Broken', {})).toMatch(
      /^Authorizer Broken: AuthorizerPayloadFormatVersion/,
    );
    expect(cfnHttpAuthorizerProblem(template(), 'AuthFn', {})).toBe(
      'its AuthorizerId (AuthFn) is not an AWS::ApiGatewayV2::Authorizer of this template',
    );
    expect(cfnHttpAuthorizerProblem(template(), { 'Fn::ImportValue': 'x' }, {})).toBe(
      'its AuthorizerId ({"Fn::ImportValue":"x"}) is not an AWS::ApiGatewayV2::Authorizer of this template',
    );
  });
});

describe('cfnHttpRouteAuth', () => {
  const lambda = {
    type: 'lambda' as const,
    name: 'Lambda',
    functionId: 'AuthFn',
    payloadVersion: '2.0' as const,
    simpleResponses: true,
    identitySources: [],
    ttlSeconds: 0,
  };
  const jwt = {
    type: 'jwt' as const,
    name: 'Jwt',
    issuer: 'https://i.example.com',
    audiences: [],
    identitySource: { kind: 'header' as const, name: 'Authorization' },
  };
  const apiAuth: HttpApiAuth = { authorizers: { Lambda: lambda, Jwt: jwt } };

  it('NONE (also when not written) protects nothing; AWS_IAM asks for a signature', () => {
    expect(cfnHttpRouteAuth(apiAuth, 'R', {})).toEqual({ authorizer: null, scopes: [] });
    expect(cfnHttpRouteAuth(apiAuth, 'R', { AuthorizationType: 'NONE', AuthorizerId: 'Jwt' })).toEqual({
      authorizer: null,
      scopes: [],
    });
    expect(cfnHttpRouteAuth(apiAuth, 'R', { AuthorizationType: 'aws_iam' })).toEqual({ authorizer: 'iam', scopes: [] });
  });

  it('CUSTOM takes its Lambda authorizer, without scopes', () => {
    expect(
      cfnHttpRouteAuth(apiAuth, 'R', {
        AuthorizationType: 'CUSTOM',
        AuthorizerId: 'Lambda',
        AuthorizationScopes: ['a'],
      }),
    ).toEqual({ authorizer: lambda, scopes: [] });
  });

  it('JWT takes its JWT authorizer and the AuthorizationScopes', () => {
    expect(
      cfnHttpRouteAuth(apiAuth, 'R', {
        AuthorizationType: 'JWT',
        AuthorizerId: 'Jwt',
        AuthorizationScopes: ['a', 'b'],
      }),
    ).toEqual({ authorizer: jwt, scopes: ['a', 'b'] });
    expect(cfnHttpRouteAuth(apiAuth, 'R', { AuthorizationType: 'JWT', AuthorizerId: 'Jwt' })).toEqual({
      authorizer: jwt,
      scopes: [],
    });
  });

  it.each([
    [
      { AuthorizationType: 'COGNITO_USER_POOLS' },
      'Route R: AuthorizationType must be NONE, AWS_IAM, JWT or CUSTOM, not COGNITO_USER_POOLS',
    ],
    [
      { AuthorizationType: 'JWT' },
      "Route R: its AuthorizerId must be !Ref of an AWS::ApiGatewayV2::Authorizer of the route's API",
    ],
    [
      { AuthorizationType: 'JWT', AuthorizerId: 'Missing' },
      "Route R: its AuthorizerId must be !Ref of an AWS::ApiGatewayV2::Authorizer of the route's API",
    ],
    [
      { AuthorizationType: 'JWT', AuthorizerId: 'Lambda' },
      'Route R: AuthorizationType JWT does not fit authorizer Lambda',
    ],
    [
      { AuthorizationType: 'CUSTOM', AuthorizerId: 'Jwt' },
      'Route R: AuthorizationType CUSTOM does not fit authorizer Jwt',
    ],
  ])('refuses %j', (props, message) => {
    expect(() => cfnHttpRouteAuth(apiAuth, 'R', props)).toThrow(message);
  });
});
