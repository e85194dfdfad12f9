import {
  describeHttpRouteAuth,
  httpRouteAuthOf,
  readHttpApiAuth,
  type HttpApiAuth,
} from '../../src/authorizers/http-config';
import { resolveTemplate } from '../../src/template/resolve-template';
import { parseTemplate } from '../../src/template/template';
import { resolvedResources } from '../helpers/template-resources';

// Source: SAM's HttpApiAuth, LambdaAuthorizer and OAuth2Authorizer (docs.aws.amazon.com/serverless-application-model/
// latest/developerguide/sam-property-httpapi-httpapiauth.html and beside it), as in SAM CLI's own test template
// tests/integration/testdata/start_api/lambda_authorizers/serverless-http-props.yaml; aws-sam-translator 1.110.0's
// error texts.
const template = parseTemplate(`
Parameters:
  Issuer: { Type: String, Default: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool' }
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: RequestAuthorizerV2
        Authorizers:
          RequestAuthorizerV2:
            AuthorizerPayloadFormatVersion: '2.0'
            EnableSimpleResponses: true
            FunctionArn: !GetAtt AuthFn.Arn
            Identity:
              Headers: [header]
              QueryStrings: [query]
              StageVariables: [sv]
              Context: [routeKey]
              ReauthorizeEvery: 30
          RequestAuthorizerV1:
            AuthorizerPayloadFormatVersion: 1.0
            EnableSimpleResponses: true
            FunctionArn: !GetAtt AuthFn.Arn
          Jwt:
            JwtConfiguration:
              issuer: !Ref Issuer
              audience: [client-1, client-2]
            IdentitySource: $request.header.Authorization
          JwtUpper:
            JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: one-client }
            IdentitySource: $request.querystring.token
  AuthFn:
    Type: AWS::Serverless::Function
  Quick:
    Type: AWS::ApiGatewayV2::Api
    Properties: { ProtocolType: HTTP, Target: x }
`);

describe('readHttpApiAuth', () => {
  // Read in each test (not when the suite loads), so mutation testing sees which test reads what.
  let auth: HttpApiAuth;
  beforeEach(() => {
    auth = readHttpApiAuth(template, 'HttpApi', {});
  });

  it('reads a Lambda authorizer: payload version, simple responses, identity sources in order, ReauthorizeEvery', () => {
    expect(auth.authorizers.RequestAuthorizerV2).toEqual({
      type: 'lambda',
      name: 'RequestAuthorizerV2',
      functionId: 'AuthFn',
      payloadVersion: '2.0',
      simpleResponses: true,
      identitySources: [
        { kind: 'header', name: 'header' },
        { kind: 'query', name: 'query' },
        { kind: 'stageVariable', name: 'sv' },
        { kind: 'context', name: 'routeKey' },
      ],
      ttlSeconds: 30,
    });
  });

  it('takes 1.0 written as a number, no identity sources, and no caching without ReauthorizeEvery', () => {
    expect(auth.authorizers.RequestAuthorizerV1).toMatchObject({
      payloadVersion: '1.0',
      identitySources: [],
      ttlSeconds: 0,
    });
  });

  it('reads JWT authorizers: issuer (resolved), audiences, identity source; JwtConfiguration keys in any case', () => {
    expect(auth.authorizers.Jwt).toEqual({
      type: 'jwt',
      name: 'Jwt',
      issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool',
      audiences: ['client-1', 'client-2'],
      identitySource: { kind: 'header', name: 'Authorization' },
    });
    expect(auth.authorizers.JwtUpper).toEqual({
      type: 'jwt',
      name: 'JwtUpper',
      issuer: 'https://issuer.example.com',
      audiences: ['one-client'],
      identitySource: { kind: 'query', name: 'token' },
    });
    expect(readHttpApiAuth(template, 'HttpApi', { Issuer: 'https://other' }).authorizers.Jwt).toMatchObject({
      issuer: 'https://other',
    });
    expect(auth.defaultAuthorizer).toBe('RequestAuthorizerV2');
  });

  it('has no authorizers for a quick-create API, an API without Auth, or the implicit API without Globals', () => {
    expect(readHttpApiAuth(template, 'Quick', {})).toEqual({ authorizers: {} });
    expect(readHttpApiAuth(template, 'ServerlessHttpApi', {})).toEqual({ authorizers: {} });
  });

  const withAuth = (auth: string) =>
    parseTemplate(`Resources:
  Fn: { Type: AWS::Serverless::Function }
  Api: { Type: AWS::Serverless::HttpApi, Properties: { Auth: ${auth} } }
`);

  it('applies Globals.HttpApi.Auth (to the implicit API too)', () => {
    const globals = parseTemplate(`Globals:
  HttpApi:
    Auth:
      Authorizers: { J: { JwtConfiguration: { issuer: 'https://i' }, IdentitySource: $request.header.Authorization } }
      DefaultAuthorizer: J
Resources:
  Fn: { Type: AWS::Serverless::Function }
`);
    expect(readHttpApiAuth(globals, 'ServerlessHttpApi', {})).toMatchObject({
      defaultAuthorizer: 'J',
      authorizers: { J: { issuer: 'https://i' } },
    });
  });

  it('stops, as sam build does, on what cannot be served', () => {
    expect(() => readHttpApiAuth(withAuth('{ DefaultAuthorizer: X }'), 'Api', {})).toThrow(
      "HTTP API Api: Unable to set DefaultAuthorizer because 'X' was not defined in 'Authorizers'.",
    );
    expect(readHttpApiAuth(withAuth('{ DefaultAuthorizer: AWS_IAM }'), 'Api', {}).defaultAuthorizer).toBe('AWS_IAM');
    expect(() =>
      readHttpApiAuth(withAuth('{ Authorizers: { A: { FunctionArn: !GetAtt Fn.Arn } } }'), 'Api', {}),
    ).toThrow("HTTP API Api: A Lambda Authorizer must define 'AuthorizerPayloadFormatVersion' (1.0 or 2.0).");
    expect(() => readHttpApiAuth(withAuth('{ Authorizers: { A: { Identity: {} } } }'), 'Api', {})).toThrow(
      'HTTP API Api: authorizer A has neither FunctionArn nor JwtConfiguration',
    );
    expect(() =>
      readHttpApiAuth(
        withAuth(
          "{ Authorizers: { A: { FunctionArn: 'arn:aws:lambda:us-east-1:1:function:x', AuthorizerPayloadFormatVersion: '2.0' } } }",
        ),
        'Api',
        {},
      ),
    ).toThrow("HTTP API Api: authorizer A's FunctionArn does not name a function of this template");
    expect(() =>
      readHttpApiAuth(withAuth('{ Authorizers: { J: { JwtConfiguration: { audience: [a] } } } }'), 'Api', {}),
    ).toThrow('HTTP API Api: JWT authorizer J: its JwtConfiguration has no issuer');
    expect(() =>
      readHttpApiAuth(
        withAuth(
          "{ Authorizers: { J: { JwtConfiguration: { issuer: 'https://i' }, IdentitySource: 'Authorization' } } }",
        ),
        'Api',
        {},
      ),
    ).toThrow('HTTP API Api: JWT authorizer J: IdentitySource Authorization is not an identity source');
  });

  it('defaults a JWT authorizer to the Authorization header and no audience', () => {
    const bare = readHttpApiAuth(
      withAuth("{ Authorizers: { J: { JwtConfiguration: { issuer: 'https://i' } } } }"),
      'Api',
      {},
    );
    expect(bare.authorizers.J).toMatchObject({
      audiences: [],
      identitySource: { kind: 'header', name: 'Authorization' },
    });
    const single = readHttpApiAuth(
      withAuth("{ Authorizers: { J: { JwtConfiguration: { issuer: 'https://i', audience: a1 } } } }"),
      'Api',
      {},
    );
    expect(single.authorizers.J).toMatchObject({ audiences: ['a1'] });
  });
});

describe('httpRouteAuthOf', () => {
  // Read in each test (not when the suite loads), so mutation testing sees which test reads what.
  let auth: HttpApiAuth;
  beforeEach(() => {
    auth = readHttpApiAuth(template, 'HttpApi', {});
  });

  it("uses the route's own Authorizer and AuthorizationScopes, else the DefaultAuthorizer", () => {
    expect(httpRouteAuthOf(auth, undefined, 'Fn event E')).toEqual({
      authorizer: auth.authorizers.RequestAuthorizerV2,
      scopes: [],
    });
    expect(httpRouteAuthOf(auth, { Authorizer: 'Jwt', AuthorizationScopes: ['a/read'] }, 'Fn event E')).toEqual({
      authorizer: auth.authorizers.Jwt,
      scopes: ['a/read'],
    });
  });

  it('has none for NONE or without a default, and names AWS_IAM', () => {
    expect(httpRouteAuthOf(auth, { Authorizer: 'NONE' }, 'w')).toEqual({ authorizer: null, scopes: [] });
    expect(httpRouteAuthOf({ authorizers: {} }, null, 'w')).toEqual({ authorizer: null, scopes: [] });
    expect(httpRouteAuthOf(auth, { Authorizer: 'AWS_IAM' }, 'w')).toEqual({ authorizer: 'iam', scopes: [] });
  });

  it('stops on an authorizer the API does not define', () => {
    expect(() => httpRouteAuthOf(auth, { Authorizer: 'Nope' }, 'Fn event E')).toThrow(
      "Fn event E: Unable to set Authorizer [Nope] on the route because it wasn't defined in the API's Authorizers.",
    );
  });
});

// A JWT authorizer's own AuthorizationScopes are the default of its routes, a route's own winning (aws-sam-translator
// 1.110.0 samtranslator/open_api/open_api.py, _set_method_authorizer); a JwtConfiguration value only the deployed
// stack knows (a nested stack's output, as in aws-samples/serverless-patterns cognito-httpapi) is named, not fatal.
describe('JWT authorizers with scopes and values known only once deployed', () => {
  const nested = parseTemplate(`
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          OAuth2:
            AuthorizationScopes: [email]
            JwtConfiguration:
              issuer: { 'Fn::GetAtt': [AuthStack, Outputs.Issuer] }
              audience: [known-client, { 'Fn::ImportValue': ClientId }]
`);
  // Read in each test (not when the suite loads), so mutation testing sees which test reads what.
  let auth: HttpApiAuth;
  beforeEach(() => {
    auth = readHttpApiAuth(nested, 'Api', {});
  });

  it('takes the authorizer scopes unless the route has its own', () => {
    expect(httpRouteAuthOf(auth, { Authorizer: 'OAuth2' }, 'w').scopes).toEqual(['email']);
    expect(httpRouteAuthOf(auth, { Authorizer: 'OAuth2', AuthorizationScopes: ['profile'] }, 'w').scopes).toEqual([
      'profile',
    ]);
  });

  it('leaves the unknown issuer and audiences undefined and says what they were', () => {
    expect(auth.authorizers.OAuth2).toMatchObject({
      issuer: undefined,
      audiences: undefined,
      unresolved: ['issuer !GetAtt AuthStack.Outputs.Issuer', 'audience !ImportValue ClientId'],
    });
  });
});

describe('a JWT authorizer whose issuer and audience name resources of the same stack', () => {
  // serverless-patterns sam-webapp-cognito: audience !Ref UserPoolClient, issuer built from !Ref UserPool. Locally
  // those resolve to sam local's stand-ins (the logical ids), which no real token carries.
  it('treats the stand-ins as unknown and names them as written; a literal audience beside them stays', () => {
    const template = resolveTemplate(
      parseTemplate(`
Resources:
  UserPool: { Type: AWS::Cognito::UserPool }
  UserPoolClient: { Type: AWS::Cognito::UserPoolClient }
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          Cognito:
            JwtConfiguration:
              issuer: !Sub https://cognito-idp.\${AWS::Region}.amazonaws.com/\${UserPool}
              audience: [!Ref UserPoolClient]
          Mixed:
            JwtConfiguration:
              issuer: https://issuer.example.com
              audience: [known-client]
`),
      { region: 'eu-west-1', parameterOverrides: {} },
    ).template;
    const auth = readHttpApiAuth(template, 'Api', {});
    expect(auth.authorizers.Cognito).toMatchObject({
      issuer: undefined,
      audiences: undefined,
      unresolved: [
        'issuer !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}',
        'audience !Ref UserPoolClient',
      ],
    });
    expect(auth.authorizers.Mixed).toMatchObject({ issuer: 'https://issuer.example.com', audiences: ['known-client'] });
    expect(auth.authorizers.Mixed).not.toHaveProperty('unresolved');
  });
});

describe('describeHttpRouteAuth', () => {
  it('names the authorizer and the scopes a route asks for, AWS_IAM, or nothing', () => {
    const auth = readHttpApiAuth(template, 'HttpApi', {});
    expect(describeHttpRouteAuth({ authorizer: null, scopes: [] })).toBe('');
    expect(describeHttpRouteAuth({ authorizer: 'iam', scopes: [] })).toBe(', AWS_IAM');
    expect(describeHttpRouteAuth({ authorizer: auth.authorizers.RequestAuthorizerV2!, scopes: [] })).toBe(
      ', authorizer RequestAuthorizerV2',
    );
    expect(describeHttpRouteAuth({ authorizer: auth.authorizers.Jwt!, scopes: ['a', 'b'] })).toBe(
      ', authorizer Jwt, scopes a b',
    );
  });
});

describe('what is left out when not written (HTTP API)', () => {
  const api = (auth: string) =>
    resolvedResources(`
  Fn: { Type: AWS::Serverless::Function, Properties: { Handler: a.handler, Runtime: nodejs24.x } }
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth: ${auth}
`);

  it('a Lambda authorizer without EnableSimpleResponses or Identity; no DefaultAuthorizer', () => {
    expect(
      readHttpApiAuth(
        api("{ Authorizers: { L: { FunctionArn: !GetAtt Fn.Arn, AuthorizerPayloadFormatVersion: '2.0' } } }"),
        'Api',
        {},
      ),
    ).toStrictEqual({
      authorizers: {
        L: {
          type: 'lambda',
          name: 'L',
          functionId: 'Fn',
          payloadVersion: '2.0',
          simpleResponses: false,
          identitySources: [],
          ttlSeconds: 0,
        },
      },
    });
  });

  it('an identity source only the deployed stack knows is read as an empty name', () => {
    const auth = readHttpApiAuth(
      api(
        "{ Authorizers: { L: { FunctionArn: !GetAtt Fn.Arn, AuthorizerPayloadFormatVersion: '2.0', Identity: { Headers: [!ImportValue H] } } } }",
      ),
      'Api',
      {},
    );
    expect(auth.authorizers.L).toMatchObject({ identitySources: [{ kind: 'header', name: '' }] });
  });

  it("names how to write a FunctionArn of this template when it names another's", () => {
    expect(() =>
      readHttpApiAuth(
        api(
          "{ Authorizers: { L: { FunctionArn: 'arn:aws:lambda:eu-west-1:1:function:x', AuthorizerPayloadFormatVersion: '2.0' } } }",
        ),
        'Api',
        {},
      ),
    ).toThrow(
      "HTTP API Api: authorizer L's FunctionArn does not name a function of this template (write it as !GetAtt " +
        '<FunctionLogicalId>.Arn); a function deployed elsewhere cannot run locally',
    );
  });

  it('a Lambda route keeps its own scopes; a JWT route without any, of an authorizer without any, has none', () => {
    const auth = readHttpApiAuth(
      api(
        "{ Authorizers: { L: { FunctionArn: !GetAtt Fn.Arn, AuthorizerPayloadFormatVersion: '2.0' }, J: { JwtConfiguration: { issuer: 'https://i.example.com' } } } }",
      ),
      'Api',
      {},
    );
    expect(httpRouteAuthOf(auth, { Authorizer: 'L', AuthorizationScopes: ['a'] }, 'w').scopes).toEqual(['a']);
    expect(httpRouteAuthOf(auth, { Authorizer: 'J' }, 'w')).toStrictEqual({
      authorizer: auth.authorizers.J,
      scopes: [],
    });
  });
});
