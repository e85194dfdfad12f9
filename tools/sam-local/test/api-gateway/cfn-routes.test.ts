// REST APIs written as CloudFormation resources, read as SAM CLI reads them (aws/aws-sam-cli
// samcli/lib/providers/cfn_api_provider.py; the function from the integration Uri as
// samcli/commands/local/lib/swagger/integration_uri.py finds it). Templates are resolved as start-api resolves them.
import { cfnRestNotes, cfnRestRoutes } from '../../src/api-gateway/cfn-routes';
import { restApiReader } from '../../src/api-gateway/routes';
import type { Template } from '../../src/template/template';
import { resolvedResources, resourceYaml } from '../helpers/template-resources';

function routesOf(template: Template): ReturnType<typeof cfnRestRoutes> {
  return cfnRestRoutes(template, {}, restApiReader(template, {}));
}

const BASE = `
  Api:
    Type: AWS::ApiGateway::RestApi
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler, Runtime: nodejs24.x, FunctionName: named-fn }
  Remote:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Type: TOKEN
      IdentitySource: method.request.header.Authorization
      AuthorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:elsewhere/invocations
`;

function method(id: string, props: string): string {
  return resourceYaml(
    id,
    'AWS::ApiGateway::Method',
    `RestApiId: !Ref Api\nResourceId: !GetAtt Api.RootResourceId\n${props}`,
  );
}

const PROXY = `Integration:
  Type: AWS_PROXY
  Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}:live/invocations`;

describe('cfnRestRoutes', () => {
  it('finds the function by its FunctionName in an integration Uri with a qualifier; the stage defaults to Prod', () => {
    const template = resolvedResources(BASE + method('Get', `HttpMethod: get\n${PROXY}`));
    const [route, ...others] = routesOf(template);
    expect(others).toEqual([]);
    expect([route?.functionId, route?.method, route?.resourcePath, route?.api.stage]).toEqual([
      'Fn',
      'GET',
      '/',
      'Prod',
    ]);
  });

  it("takes the Deployment's StageName and StageDescription variables when there is no Stage resource", () => {
    const template = resolvedResources(
      BASE +
        method('Get', `HttpMethod: GET\n${PROXY}`) +
        `
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties: { RestApiId: !Ref Api, StageName: dev, StageDescription: { Variables: { mode: local } } }`,
    );
    const [route] = routesOf(template);
    expect([route?.api.stage, route?.api.stageVariables]).toEqual(['dev', { mode: 'local' }]);
  });

  it('serves the other methods and names the one whose authorizer runs a function deployed elsewhere', () => {
    const template = resolvedResources(
      BASE +
        method('Open', `HttpMethod: GET\n${PROXY}`) +
        method('Guarded', `HttpMethod: POST\nAuthorizationType: CUSTOM\nAuthorizerId: !Ref Remote\n${PROXY}`),
    );
    expect(routesOf(template).map((route) => route.method)).toEqual(['GET']);
    expect(cfnRestNotes(template, {})).toEqual([
      expect.stringMatching(
        /^REST API Api: POST \/ \(Guarded\) is not served: it cannot be authorized locally: Authorizer Remote: its AuthorizerUri does not name a function of this template/,
      ),
    ]);
  });

  it('names a non-proxy integration and a Uri of a function the template does not have', () => {
    const template = resolvedResources(
      BASE +
        method('Aws', 'HttpMethod: GET\nIntegration: { Type: AWS, Uri: !GetAtt Fn.Arn }') +
        method(
          'Other',
          'HttpMethod: PUT\nIntegration: { Type: AWS_PROXY, Uri: arn:aws:lambda:eu-west-1:1:function:gone }',
        ),
    );
    expect(routesOf(template)).toEqual([]);
    expect(cfnRestNotes(template, {})).toEqual([
      'REST API Api: GET / (Aws) is not served: its integration is AWS; only Lambda proxy (AWS_PROXY) integrations are emulated',
      'REST API Api: PUT / (Other) is not served: its integration Uri does not name a function of this template',
    ]);
  });

  it('reads REQUEST identity sources of every kind and the TTL, and refuses one API Gateway does not accept', () => {
    const request = (sources: string): Template =>
      resolvedResources(
        BASE +
          method('Get', `HttpMethod: GET\nAuthorizationType: CUSTOM\nAuthorizerId: !Ref Req\n${PROXY}`) +
          `
  Req:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Type: REQUEST
      IdentitySource: ${sources}
      AuthorizerResultTtlInSeconds: 60
      AuthorizerUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations`,
      );
    const [route] = routesOf(
      request("'method.request.header.A, method.request.querystring.b,stageVariables.c, context.d'"),
    );
    expect(route?.auth.authorizer).toMatchObject({
      type: 'lambda',
      payload: 'REQUEST',
      functionId: 'Fn',
      ttlSeconds: 60,
      identitySources: [
        { kind: 'header', name: 'A' },
        { kind: 'query', name: 'b' },
        { kind: 'stageVariable', name: 'c' },
        { kind: 'context', name: 'd' },
      ],
    });
    expect(cfnRestNotes(request('method.request.body.x'), {})).toEqual([
      expect.stringContaining('identity source method.request.body.x is not one API Gateway accepts'),
    ]);
  });

  it('builds nested resource paths from PathPart and ParentId', () => {
    const template = resolvedResources(
      BASE +
        `
  Users:
    Type: AWS::ApiGateway::Resource
    Properties: { RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: users }
  User:
    Type: AWS::ApiGateway::Resource
    Properties: { RestApiId: !Ref Api, ParentId: !Ref Users, PathPart: '{userId}' }
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref User
      HttpMethod: GET
      Integration: { Type: AWS_PROXY, Uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations' }`,
    );
    expect(routesOf(template).map((route) => route.resourcePath)).toEqual(['/users/{userId}']);
  });
});
