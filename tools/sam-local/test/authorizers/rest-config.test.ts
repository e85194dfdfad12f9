import { functionIdOfArn } from '../../src/authorizers/function-arn';
import { describeRouteAuth, readRestApiAuth, routeAuthOf, type RestApiAuth } from '../../src/authorizers/rest-config';
import { parseTemplate } from '../../src/template/template';
import { resolvedResources } from '../helpers/template-resources';

// Source: SAM's ApiAuth, LambdaTokenAuthorizer, LambdaRequestAuthorizer, CognitoAuthorizer and ApiFunctionAuth
// (docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html and the
// pages beside it); the error texts are aws-sam-translator 1.110.0's (api_generator.py, eventsources/push.py).
const template = parseTemplate(`
Parameters:
  PoolArn: { Type: String, Default: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Abc' }
Globals:
  Api:
    Auth:
      ApiKeyRequired: true
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
      Auth:
        DefaultAuthorizer: Token
        Authorizers:
          Token:
            FunctionArn: !GetAtt AuthFn.Arn
          Custom:
            FunctionPayloadType: token
            FunctionArn: { 'Fn::GetAtt': [AuthFn, Arn] }
            Identity: { Header: X-Token, ValidationExpression: '^Bearer .+', ReauthorizeEvery: 60 }
          Request:
            FunctionPayloadType: REQUEST
            FunctionArn: !Sub '\${AuthFn.Arn}'
            Identity:
              Headers: [H1, H2]
              QueryStrings: [q]
              StageVariables: [s]
              Context: [identity.sourceIp]
              ReauthorizeEvery: 0
          Pool:
            UserPoolArn: !Ref PoolArn
            AuthorizationScopes: [a/read]
          Pools:
            UserPoolArn: [!GetAtt UserPool.Arn, 'arn:aws:cognito-idp:us-east-1:1:userpool/us-east-1_X']
            Identity: { Header: Auth, ValidationExpression: 'ey.+' }
  Plain:
    Type: AWS::Serverless::Api
    Properties: { StageName: p }
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: named-authorizer }
  NotAFunction:
    Type: AWS::SQS::Queue
  UserPool:
    Type: AWS::Cognito::UserPool
`);

describe('readRestApiAuth', () => {
  // Read in each test (not when the suite loads), so mutation testing sees which test reads what.
  let auth: RestApiAuth;
  beforeEach(() => {
    auth = readRestApiAuth(template, 'Api', {});
  });

  it('reads a TOKEN authorizer with SAM defaults: the Authorization header, 300 s, no validation', () => {
    expect(auth.authorizers.Token).toEqual({
      type: 'lambda',
      name: 'Token',
      functionId: 'AuthFn',
      payload: 'TOKEN',
      identitySources: [{ kind: 'header', name: 'Authorization' }],
      ttlSeconds: 300,
    });
  });

  it('reads its Identity: header, ValidationExpression, ReauthorizeEvery; the payload type in any case', () => {
    expect(auth.authorizers.Custom).toEqual({
      type: 'lambda',
      name: 'Custom',
      functionId: 'AuthFn',
      payload: 'TOKEN',
      identitySources: [{ kind: 'header', name: 'X-Token' }],
      validationExpression: '^Bearer .+',
      ttlSeconds: 60,
    });
  });

  it('reads a REQUEST authorizer: headers, query strings, stage variables and context, in that order', () => {
    expect(auth.authorizers.Request).toEqual({
      type: 'lambda',
      name: 'Request',
      functionId: 'AuthFn',
      payload: 'REQUEST',
      identitySources: [
        { kind: 'header', name: 'H1' },
        { kind: 'header', name: 'H2' },
        { kind: 'query', name: 'q' },
        { kind: 'stageVariable', name: 's' },
        { kind: 'context', name: 'identity.sourceIp' },
      ],
      ttlSeconds: 0,
    });
  });

  it('reads Cognito authorizers: one pool or a list, resolved where it can be, their scopes and header', () => {
    expect(auth.authorizers.Pool).toEqual({
      type: 'cognito',
      name: 'Pool',
      userPoolArns: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Abc'],
      identitySources: [{ kind: 'header', name: 'Authorization' }],
      scopes: ['a/read'],
    });
    expect(auth.authorizers.Pools).toEqual({
      type: 'cognito',
      name: 'Pools',
      // sam local answers every !GetAtt X.Arn with a made-up Lambda ARN (src/template/symbols.ts): not a pool's.
      userPoolArns: [
        'arn:aws:lambda:us-east-1:123456789012:function:UserPool',
        'arn:aws:cognito-idp:us-east-1:1:userpool/us-east-1_X',
      ],
      identitySources: [{ kind: 'header', name: 'Auth' }],
      validationExpression: 'ey.+',
      scopes: [],
    });
  });

  it('takes DefaultAuthorizer and ApiKeyRequired, Globals.Api.Auth included', () => {
    expect(auth.defaultAuthorizer).toBe('Token');
    expect(auth.apiKeyRequired).toBe(true);
    expect(readRestApiAuth(template, 'Plain', {})).toEqual({ authorizers: {}, apiKeyRequired: true });
  });

  it('has no authorization for an API without Auth', () => {
    const bare = parseTemplate('Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: x } }\n');
    expect(readRestApiAuth(bare, 'Api', {})).toEqual({ authorizers: {}, apiKeyRequired: false });
    expect(readRestApiAuth(bare, 'ServerlessRestApi', {})).toEqual({ authorizers: {}, apiKeyRequired: false });
  });

  const withAuth = (auth: string) =>
    parseTemplate(`Resources:
  Fn: { Type: AWS::Serverless::Function }
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: x
      Auth: ${auth}
`);

  it('stops, as sam build does, on a DefaultAuthorizer the API does not define (AWS_IAM is known)', () => {
    expect(() => readRestApiAuth(withAuth('{ DefaultAuthorizer: Nope }'), 'Api', {})).toThrow(
      "API Api: Unable to set DefaultAuthorizer because 'Nope' was not defined in 'Authorizers'.",
    );
    expect(readRestApiAuth(withAuth('{ DefaultAuthorizer: AWS_IAM }'), 'Api', {}).defaultAuthorizer).toBe('AWS_IAM');
  });

  it('stops on an authorizer it cannot run: no function or pool, a function elsewhere, an unknown payload type', () => {
    expect(() => readRestApiAuth(withAuth('{ Authorizers: { A: { Identity: {} } } }'), 'Api', {})).toThrow(
      'API Api: authorizer A has neither FunctionArn nor UserPoolArn',
    );
    expect(() =>
      readRestApiAuth(
        withAuth("{ Authorizers: { A: { FunctionArn: 'arn:aws:lambda:us-east-1:1:function:elsewhere' } } }"),
        'Api',
        {},
      ),
    ).toThrow("API Api: authorizer A's FunctionArn does not name a function of this template");
    expect(() =>
      readRestApiAuth(
        withAuth('{ Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn, FunctionPayloadType: COOKIE } } }'),
        'Api',
        {},
      ),
    ).toThrow('API Api: authorizer A: FunctionPayloadType must be TOKEN or REQUEST, not COOKIE');
  });

  it('resolves a ValidationExpression given as a parameter', () => {
    const parameterized = parseTemplate(`Parameters: { Re: { Type: String, Default: 'a+' } }
Resources:
  Fn: { Type: AWS::Serverless::Function }
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: x, Auth: { Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn, Identity: { ValidationExpression: !Ref Re } } } } }
`);
    expect(readRestApiAuth(parameterized, 'Api', { Re: 'b+' }).authorizers.A).toMatchObject({
      validationExpression: 'b+',
    });
  });
});

describe('routeAuthOf', () => {
  let apiAuth: RestApiAuth;
  beforeEach(() => {
    apiAuth = readRestApiAuth(template, 'Api', {});
  });
  const where = { eventId: 'Get', method: 'get', path: '/x' };

  it('uses the DefaultAuthorizer and the API ApiKeyRequired when the route says nothing', () => {
    expect(routeAuthOf(apiAuth, undefined, where)).toEqual({
      authorizer: apiAuth.authorizers.Token,
      apiKeyRequired: true,
      scopes: [],
    });
  });

  it("takes the route's own Authorizer, ApiKeyRequired and AuthorizationScopes", () => {
    expect(routeAuthOf(apiAuth, { Authorizer: 'Request', ApiKeyRequired: false }, where)).toEqual({
      authorizer: apiAuth.authorizers.Request,
      apiKeyRequired: false,
      scopes: [],
    });
    expect(routeAuthOf(apiAuth, { Authorizer: 'Pool', AuthorizationScopes: ['b/write'] }, where).scopes).toEqual([
      'b/write',
    ]);
  });

  it("gives a Cognito route its authorizer's scopes unless it names its own", () => {
    expect(routeAuthOf(apiAuth, { Authorizer: 'Pool' }, where).scopes).toEqual(['a/read']);
    expect(routeAuthOf(apiAuth, { Authorizer: 'Pool', AuthorizationScopes: [] }, where).scopes).toEqual([]);
  });

  it('has no authorizer for NONE, or without a default; AWS_IAM is named', () => {
    expect(routeAuthOf(apiAuth, { Authorizer: 'NONE' }, where)).toEqual({
      authorizer: null,
      apiKeyRequired: true,
      scopes: [],
    });
    expect(routeAuthOf({ authorizers: {}, apiKeyRequired: false }, null, where)).toEqual({
      authorizer: null,
      apiKeyRequired: false,
      scopes: [],
    });
    expect(routeAuthOf(apiAuth, { Authorizer: 'AWS_IAM' }, where).authorizer).toBe('iam');
  });

  it('stops with SAM’s message on an authorizer the API does not define', () => {
    expect(() => routeAuthOf(apiAuth, { Authorizer: 'Missing' }, where)).toThrow(
      "Event Get: Unable to set Authorizer [Missing] on API method [get] for path [/x] because it wasn't defined in the API's Authorizers.",
    );
  });
});

describe('functionIdOfArn', () => {
  it('finds the function of !GetAtt Fn.Arn (both forms), !Sub ${Fn.Arn} and a literal ARN by name or id', () => {
    expect(functionIdOfArn(template, { 'Fn::GetAtt': ['AuthFn', 'Arn'] }, {})).toBe('AuthFn');
    expect(functionIdOfArn(template, { 'Fn::GetAtt': 'AuthFn.Arn' }, {})).toBe('AuthFn');
    expect(functionIdOfArn(template, { 'Fn::Sub': '${AuthFn.Arn}' }, {})).toBe('AuthFn');
    // Any other form the template resolver resolves (here Fn::Sub's list form) gives the made-up Lambda ARN.
    expect(functionIdOfArn(template, { 'Fn::Sub': ['${AuthFn.Arn}', {}] }, {})).toBe('AuthFn');
    expect(functionIdOfArn(template, 'arn:aws:lambda:us-east-1:123456789012:function:named-authorizer', {})).toBe(
      'AuthFn',
    );
    expect(functionIdOfArn(template, 'arn:aws:lambda:us-east-1:123456789012:function:AuthFn:live', {})).toBe('AuthFn');
  });

  it('finds nothing for another attribute, a resource that is not a function, or a function elsewhere', () => {
    expect(functionIdOfArn(template, { 'Fn::GetAtt': ['AuthFn', 'Name'] }, {})).toBeUndefined();
    expect(functionIdOfArn(template, { 'Fn::GetAtt': ['NotAFunction', 'Arn'] }, {})).toBeUndefined();
    expect(functionIdOfArn(template, { 'Fn::Sub': '${NotAFunction.Arn}' }, {})).toBeUndefined();
    expect(functionIdOfArn(template, { 'Fn::Sub': 'x${AuthFn.Arn}' }, {})).toBeUndefined();
    expect(functionIdOfArn(template, 'arn:aws:lambda:us-east-1:1:function:NotAFunction', {})).toBeUndefined();
    expect(functionIdOfArn(template, 'arn:aws:lambda:us-east-1:1:function:elsewhere', {})).toBeUndefined();
    expect(functionIdOfArn(template, 'not an arn', {})).toBeUndefined();
    expect(functionIdOfArn(template, { Ref: 'Unknown' }, {})).toBeUndefined();
  });
});

describe('describeRouteAuth', () => {
  it('names the authorizer, AWS_IAM and the API key, or nothing', () => {
    const auth = readRestApiAuth(template, 'Api', {});
    expect(describeRouteAuth({ authorizer: auth.authorizers.Token!, apiKeyRequired: true, scopes: [] })).toBe(
      ' (authorizer Token, API key)',
    );
    expect(describeRouteAuth({ authorizer: 'iam', apiKeyRequired: false, scopes: [] })).toBe(' (AWS_IAM)');
    expect(describeRouteAuth({ authorizer: null, apiKeyRequired: false, scopes: [] })).toBe('');
  });
});

describe('what is left out when not written', () => {
  const where = { eventId: 'Get', method: 'get', path: '/x' };
  const api = (auth: string) =>
    resolvedResources(`
  Fn: { Type: AWS::Serverless::Function, Properties: { Handler: a.handler, Runtime: nodejs24.x } }
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: x
      Auth: ${auth}
`);

  it('an Auth without DefaultAuthorizer or ApiKeyRequired has neither (no key, no default)', () => {
    expect(readRestApiAuth(api('{ Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn } } }'), 'Api', {})).toStrictEqual({
      authorizers: {
        A: {
          type: 'lambda',
          name: 'A',
          functionId: 'Fn',
          payload: 'TOKEN',
          identitySources: [{ kind: 'header', name: 'Authorization' }],
          ttlSeconds: 300,
        },
      },
      apiKeyRequired: false,
    });
  });

  it('a ValidationExpression only the deployed stack knows validates nothing', () => {
    const auth = readRestApiAuth(
      api(
        '{ Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn, Identity: { ValidationExpression: !ImportValue Re } } } }',
      ),
      'Api',
      {},
    );
    expect(auth.authorizers.A).toMatchObject({ validationExpression: '' });
  });

  it("names how to write a FunctionArn of this template when it names another's", () => {
    expect(() =>
      readRestApiAuth(
        api("{ Authorizers: { A: { FunctionArn: 'arn:aws:lambda:eu-west-1:1:function:x' } } }"),
        'Api',
        {},
      ),
    ).toThrow(
      "API Api: authorizer A's FunctionArn does not name a function of this template (write it as !GetAtt " +
        '<FunctionLogicalId>.Arn); a function deployed elsewhere cannot run locally',
    );
  });

  it("a route's own ApiKeyRequired: true over the API's false; NONE and AWS_IAM carry no scopes", () => {
    const auth: RestApiAuth = { authorizers: {}, apiKeyRequired: false };
    expect(routeAuthOf(auth, { ApiKeyRequired: true }, where)).toStrictEqual({
      authorizer: null,
      apiKeyRequired: true,
      scopes: [],
    });
    expect(routeAuthOf(auth, { Authorizer: 'AWS_IAM', AuthorizationScopes: ['a'] }, where)).toStrictEqual({
      authorizer: 'iam',
      apiKeyRequired: false,
      scopes: [],
    });
    expect(routeAuthOf(auth, { Authorizer: 'NONE', AuthorizationScopes: ['a'] }, where)).toStrictEqual({
      authorizer: null,
      apiKeyRequired: false,
      scopes: [],
    });
  });
});
