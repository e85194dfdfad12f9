// HTTP APIs written as CloudFormation resources: AWS::ApiGatewayV2::Route with its Integration and the API's Stage,
// read as SAM CLI reads them (aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py) and routed as
// routes.ts routes every HTTP API. Templates are resolved as start-api resolves them.
import { cfnHttpNotes } from '../../src/http-api/cfn-routes';
import { httpRoutesFromTemplate } from '../../src/http-api/routes';
import type { Template } from '../../src/template/template';
import { resolvedResources, resourceYaml } from '../helpers/template-resources';

function routesOf(template: Template): ReturnType<typeof httpRoutesFromTemplate> {
  return httpRoutesFromTemplate({ template, path: 'template.yaml' } as Parameters<typeof httpRoutesFromTemplate>[0]);
}

const BASE = `
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { ProtocolType: HTTP }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler, Runtime: nodejs24.x }
  Proxy:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Fn.Arn
      PayloadFormatVersion: '2.0'
`;

function route(id: string, props: string): string {
  return resourceYaml(id, 'AWS::ApiGatewayV2::Route', props);
}

function stage(id: string, name: string, api = 'Api'): string {
  return `
  ${id}:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref ${api}, StageName: '${name}', StageVariables: { from: ${id} } }
`;
}

const TARGET = 'Target: !Join [/, [integrations, !Ref Proxy]]';

describe('Route resources as routes', () => {
  it('a RouteKey with its integration: the function, payload version, timeout (30 s unless given)', () => {
    const template = resolvedResources(
      BASE +
        route('Get', `ApiId: !Ref Api\nRouteKey: GET /items/{id}\n${TARGET}`) +
        `
  Slow:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !Ref Api, IntegrationType: aws_proxy, IntegrationUri: !GetAtt Fn.Arn, PayloadFormatVersion: 1.0, TimeoutInMillis: 5000 }
` +
        route('Post', `ApiId: !Ref Api\nRouteKey: POST /slow\nTarget: !Sub integrations/\${Slow}`),
    );
    expect(
      routesOf(template).map(({ functionId, routeKey, payloadVersion, timeoutMs, path }) => ({
        functionId,
        routeKey,
        payloadVersion,
        timeoutMs,
        path,
      })),
    ).toEqual([
      { functionId: 'Fn', routeKey: 'GET /items/{id}', payloadVersion: '2.0', timeoutMs: 30_000, path: '/items/{id}' },
      { functionId: 'Fn', routeKey: 'POST /slow', payloadVersion: '1.0', timeoutMs: 5000, path: '/slow' },
    ]);
  });

  it('$default is the $default route', () => {
    const template = resolvedResources(BASE + route('Default', `ApiId: !Ref Api\nRouteKey: $default\n${TARGET}`));
    expect(routesOf(template).map((r) => [r.routeKey, r.path])).toEqual([['$default', undefined]]);
  });

  it("serves the API on its $default Stage, else on its first, with that stage's StageVariables", () => {
    const named = resolvedResources(
      BASE + stage('Dev', 'dev') + stage('Prod', 'prod') + route('R', `ApiId: !Ref Api\nRouteKey: GET /a\n${TARGET}`),
    );
    expect([routesOf(named)[0]!.api.stage, routesOf(named)[0]!.api.stageVariables]).toEqual(['dev', { from: 'Dev' }]);
    const withDefault = resolvedResources(
      BASE +
        stage('Dev', 'dev') +
        stage('Default', '$default') +
        route('R', `ApiId: !Ref Api\nRouteKey: GET /a\n${TARGET}`),
    );
    expect(routesOf(withDefault)[0]!.api.stage).toBe('$default');
    const none = resolvedResources(BASE + route('R', `ApiId: !Ref Api\nRouteKey: GET /a\n${TARGET}`));
    expect([routesOf(none)[0]!.api.stage, routesOf(none)[0]!.api.stageVariables]).toEqual(['$default', null]);
  });

  it('a RouteKey that is not "$default" or "METHOD /path" stops start-up, naming the API', () => {
    const template = resolvedResources(BASE + route('R', `ApiId: !Ref Api\nRouteKey: /items\n${TARGET}`));
    expect(() => routesOf(template)).toThrow('HTTP API Api: RouteKey "/items" is not "$default" or "METHOD /path"');
  });
});

describe('cfnHttpNotes: what is not served, and why', () => {
  it('no RouteKey', () => {
    const template = resolvedResources(BASE + route('R', `ApiId: !Ref Api\n${TARGET}`));
    expect(cfnHttpNotes(template, {})).toContain(
      'HTTP API Api: route R is not served: it has no RouteKey, which CloudFormation requires',
    );
  });

  it.each([
    ['no Target', `ApiId: !Ref Api\nRouteKey: GET /a`, 'it has no Target (an integration)'],
    [
      'a Target that is not an integration',
      `ApiId: !Ref Api\nRouteKey: GET /a\nTarget: integrations/Fn`,
      'its Target (integrations/Fn) is not integrations/<an Integration of this template>',
    ],
    [
      'an ApiId that is not an AWS::ApiGatewayV2::Api',
      `ApiId: !Ref Fn\nRouteKey: GET /a\n${TARGET}`,
      'its ApiId is not an AWS::ApiGatewayV2::Api of this template',
    ],
    [
      'an authorizer that cannot run',
      `ApiId: !Ref Api\nRouteKey: GET /a\nAuthorizationType: CUSTOM\nAuthorizerId: Nowhere\n${TARGET}`,
      'it cannot be authorized locally: its AuthorizerId (Nowhere) is not an AWS::ApiGatewayV2::Authorizer of this template',
    ],
  ])('%s', (_what, props, reason) => {
    const template = resolvedResources(BASE + route('R', props));
    const apiId = template.Resources.R!.Properties!.ApiId as string;
    expect(cfnHttpNotes(template, {})).toContain(`HTTP API ${apiId}: route "GET /a" (R) is not served: ${reason}`);
    expect(routesOf(template)).toEqual([]);
  });

  it.each([
    ['HTTP_PROXY', 'IntegrationType: HTTP_PROXY\nIntegrationUri: https://example.com', 'a HTTP_PROXY integration'],
    ['no type', 'IntegrationUri: !GetAtt Fn.Arn', 'a missing integration'],
  ])('an integration that is %s', (_what, props, what) => {
    const template = resolvedResources(
      BASE +
        `
  Other:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
${props
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
` +
        route('R', `ApiId: !Ref Api\nRouteKey: GET /a\nTarget: integrations/Other`),
    );
    expect(cfnHttpNotes(template, {})).toEqual([
      `HTTP API Api: route "GET /a" (R) is not served: its integration Other is ${what}; only Lambda proxy integrations are emulated`,
      'HTTP API Api has no AWS::ApiGatewayV2::Stage: on AWS it has no URL until a stage is deployed; served as $default',
    ]);
  });

  it('an integration whose IntegrationUri names no function of the template', () => {
    const template = resolvedResources(
      BASE.replace('IntegrationUri: !GetAtt Fn.Arn', 'IntegrationUri: arn:aws:lambda:eu-west-1:1:function:elsewhere') +
        stage('S', '$default') +
        route('R', `ApiId: !Ref Api\nRouteKey: GET /a\n${TARGET}`),
    );
    expect(cfnHttpNotes(template, {})).toEqual([
      'HTTP API Api: route "GET /a" (R) is not served: its integration Proxy\'s IntegrationUri does not name a function of this template',
    ]);
  });

  it('names the stage served when an API has several, and a BodyS3Location not read', () => {
    const template = resolvedResources(
      BASE.replace(
        'Properties: { ProtocolType: HTTP }',
        'Properties: { ProtocolType: HTTP, BodyS3Location: { Bucket: b, Key: k } }',
      ) +
        stage('A', 'alpha') +
        stage('B', 'beta'),
    );
    expect(cfnHttpNotes(template, {})).toEqual([
      'HTTP API Api has stages alpha, beta: served on alpha',
      'HTTP API Api: the routes of its BodyS3Location (an OpenAPI document in S3) are not served',
    ]);
  });

  it('says nothing about WebSocket routes or quick-create APIs (named elsewhere, or served)', () => {
    const template = resolvedResources(`
  Socket:
    Type: AWS::ApiGatewayV2::Api
    Properties: { ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  Quick:
    Type: AWS::ApiGatewayV2::Api
    Properties: { ProtocolType: HTTP, Target: !GetAtt Fn.Arn }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler, Runtime: nodejs24.x }
${route('Connect', 'ApiId: !Ref Socket\nRouteKey: $connect')}`);
    expect(cfnHttpNotes(template, {})).toEqual([]);
  });
});
