// AWS::ApiGateway::Authorizer resources read into the REST authorizer model, as CloudFormation defines them
// (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-authorizer.html:
// AuthorizerResultTtlInSeconds defaults to 300; identity sources as API_CreateAuthorizer.html writes them) and SAM CLI
// reads them (aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py, _extract_cloud_formation_authorizer;
// samcli/commands/local/lib/validators/identity_source_validator.py).
import {
  cfnAuthorizerProblem,
  cfnRestAuthorizers,
  functionIdOfUri,
  readAuthorizer,
} from '../../src/authorizers/rest-cfn-authorizers';
import { resolvedResources, resourceYaml } from '../helpers/template-resources';

const URI = '!Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthFn.Arn}/invocations';
const BASE = `
  Api:
    Type: AWS::ApiGateway::RestApi
  Other:
    Type: AWS::ApiGateway::RestApi
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { Handler: auth.handler, Runtime: nodejs24.x }
`;

function authorizer(id: string, props: string, api = 'Api'): string {
  return resourceYaml(id, 'AWS::ApiGateway::Authorizer', `RestApiId: !Ref ${api}\n${props.trim()}`);
}

function read(props: string): ReturnType<typeof readAuthorizer> {
  const template = resolvedResources(BASE + authorizer('Auth', props));
  return readAuthorizer(template, 'Auth', template.Resources.Auth!.Properties!, {});
}

function problem(props: string): string | undefined {
  return cfnAuthorizerProblem(resolvedResources(BASE + authorizer('Auth', props)), 'Auth', {});
}

describe('readAuthorizer (AWS::ApiGateway::Authorizer)', () => {
  it('a TOKEN authorizer: its Name, function, header, validation expression and TTL', () => {
    expect(
      read(`
Type: TOKEN
Name: TokenAuth
AuthorizerUri: ${URI}
IdentitySource: method.request.header.Authorization
IdentityValidationExpression: ^Bearer .+$
AuthorizerResultTtlInSeconds: 60`),
    ).toEqual({
      type: 'lambda',
      name: 'TokenAuth',
      functionId: 'AuthFn',
      payload: 'TOKEN',
      identitySources: [{ kind: 'header', name: 'Authorization' }],
      validationExpression: '^Bearer .+$',
      ttlSeconds: 60,
    });
  });

  it('a REQUEST authorizer: every kind of identity source, comma-separated; the logical id as its name; TTL 300', () => {
    expect(
      read(`
Type: request
AuthorizerUri: ${URI}
IdentitySource: 'method.request.header.h, method.request.querystring.q,stageVariables.sv, context.requestId'
IdentityValidationExpression: ignored`),
    ).toStrictEqual({
      type: 'lambda',
      name: 'Auth',
      functionId: 'AuthFn',
      payload: 'REQUEST',
      identitySources: [
        { kind: 'header', name: 'h' },
        { kind: 'query', name: 'q' },
        { kind: 'stageVariable', name: 'sv' },
        { kind: 'context', name: 'requestId' },
      ],
      ttlSeconds: 300,
    });
  });

  it('a COGNITO_USER_POOLS authorizer: its pools (one only the deployed stack knows), the Authorization header by default', () => {
    expect(
      read(`
Type: COGNITO_USER_POOLS
ProviderARNs:
  - arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Pool
  - !ImportValue SharedPoolArn`),
    ).toStrictEqual({
      type: 'cognito',
      name: 'Auth',
      userPoolArns: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Pool', undefined],
      identitySources: [{ kind: 'header', name: 'Authorization' }],
      scopes: [],
    });
  });

  it('a Cognito authorizer keeps its own header and validation expression; no ProviderARNs is no pool', () => {
    expect(
      read(`
Type: COGNITO_USER_POOLS
IdentitySource: method.request.header.X-Token
IdentityValidationExpression: ^ey`),
    ).toStrictEqual({
      type: 'cognito',
      name: 'Auth',
      userPoolArns: [],
      identitySources: [{ kind: 'header', name: 'X-Token' }],
      validationExpression: '^ey',
      scopes: [],
    });
  });

  it.each([
    ['another type', `Type: JWT`, 'Type must be TOKEN, REQUEST or COGNITO_USER_POOLS, not JWT'],
    ['no type', `Name: x`, 'Type must be TOKEN, REQUEST or COGNITO_USER_POOLS, not undefined'],
    [
      'a function deployed elsewhere',
      `Type: REQUEST\nAuthorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:elsewhere/invocations`,
      'its AuthorizerUri does not name a function of this template (write it with !GetAtt <FunctionLogicalId>.Arn); a function deployed elsewhere cannot run locally',
    ],
    [
      'a TOKEN authorizer reading a query string',
      `Type: TOKEN\nAuthorizerUri: ${URI}\nIdentitySource: method.request.querystring.token`,
      "a TOKEN authorizer's IdentitySource must be one method.request.header.<name>",
    ],
    [
      'a TOKEN authorizer with two headers',
      `Type: TOKEN\nAuthorizerUri: ${URI}\nIdentitySource: method.request.header.a, method.request.header.b`,
      "a TOKEN authorizer's IdentitySource must be one method.request.header.<name>",
    ],
    [
      'a TOKEN authorizer without a source',
      `Type: TOKEN\nAuthorizerUri: ${URI}`,
      "a TOKEN authorizer's IdentitySource must be one method.request.header.<name>",
    ],
    [
      'an identity source API Gateway does not accept',
      `Type: REQUEST\nAuthorizerUri: ${URI}\nIdentitySource: $request.header.Auth`,
      'identity source $request.header.Auth is not one API Gateway accepts',
    ],
    [
      'a prefix with no name after it',
      `Type: REQUEST\nAuthorizerUri: ${URI}\nIdentitySource: method.request.header.`,
      'identity source method.request.header. is not one API Gateway accepts',
    ],
    [
      'an IdentitySource that is not text',
      `Type: REQUEST\nAuthorizerUri: ${URI}\nIdentitySource: [method.request.header.a]`,
      'IdentitySource must be a string',
    ],
  ])('refuses %s, naming the authorizer', (_what, props, message) => {
    expect(problem(props)).toBe(`Authorizer Auth: ${message}`);
  });

  it('an empty IdentitySource is none', () => {
    expect(read(`Type: REQUEST\nAuthorizerUri: ${URI}\nIdentitySource: ''`)).toMatchObject({ identitySources: [] });
  });
});

describe('cfnRestAuthorizers and cfnAuthorizerProblem', () => {
  const template = () =>
    resolvedResources(
      BASE +
        authorizer('Good', `Type: REQUEST\nAuthorizerUri: ${URI}`) +
        authorizer('Broken', `Type: TOKEN\nAuthorizerUri: ${URI}`) +
        authorizer('Elsewhere', `Type: REQUEST\nAuthorizerUri: ${URI}`, 'Other'),
    );

  it("keeps each API's usable authorizers by logical id", () => {
    expect(Object.keys(cfnRestAuthorizers(template(), 'Api', {}))).toEqual(['Good']);
    expect(Object.keys(cfnRestAuthorizers(template(), 'Other', {}))).toEqual(['Elsewhere']);
    expect(cfnRestAuthorizers(template(), 'Nothing', {})).toEqual({});
  });

  it('says why an AuthorizerId cannot be used, or nothing when it can', () => {
    expect(cfnAuthorizerProblem(template(), 'Good', {})).toBeUndefined();
    expect(cfnAuthorizerProblem(template(), 'Broken', {})).toMatch(/^Authorizer Broken: a TOKEN authorizer's/);
    expect(cfnAuthorizerProblem(template(), 'AuthFn', {})).toBe(
      'its AuthorizerId (AuthFn) is not an AWS::ApiGateway::Authorizer of this template',
    );
    expect(cfnAuthorizerProblem(template(), { 'Fn::ImportValue': 'x' }, {})).toBe(
      'its AuthorizerId ({"Fn::ImportValue":"x"}) is not an AWS::ApiGateway::Authorizer of this template',
    );
  });
});

describe('functionIdOfUri', () => {
  const template = () => resolvedResources(BASE);
  it.each([
    [
      'an invocation URI',
      'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:AuthFn/invocations',
      'AuthFn',
    ],
    ['a function ARN alone', 'arn:aws:lambda:eu-west-1:1:function:AuthFn', 'AuthFn'],
    ['!GetAtt Fn.Arn', { 'Fn::GetAtt': ['AuthFn', 'Arn'] }, 'AuthFn'],
    [
      'an invocation URI of a function elsewhere',
      'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:x/invocations',
      undefined,
    ],
    ['a number', 42, undefined],
    ['nothing', undefined, undefined],
  ])('%s', (_what, uri, id) => {
    expect(functionIdOfUri(template(), uri, {})).toBe(id);
  });
});
