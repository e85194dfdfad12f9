// How start-api serves a template's event sources together: REST and HTTP APIs sharing one port (the documented
// precedence of src/http/served-sources.ts), and a template with nothing to serve named for what it has.
import { join } from 'node:path';
import { TOOLKIT_DIR } from '../helpers/paths';
import { httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';
import { findRouteForPath } from '../../src/api-gateway/routes';
import { servedSources } from '../../src/http/served-sources';
import { parseTemplate } from '../../src/template/template';

const fixture = (name: string): string => join(TOOLKIT_DIR, 'test', 'fixtures', name, 'template.yaml');

describe('REST and HTTP APIs on one port', () => {
  let running: RunningApi;
  beforeAll(async () => {
    running = await startTestApi({ templatePath: fixture('mixed-api') });
  });
  afterAll(async () => {
    await running?.stop();
  });
  const versionOf = async (path: string): Promise<string | undefined> => {
    const response = await httpRequest(running.api.url, path);
    return (response.json() as { version?: string }).version;
  };

  it('the HTTP API owns the paths its $default stage routes; REST owns its stage prefix', async () => {
    expect(await versionOf('/hello')).toBe('2.0');
    // A REST proxy event has no version key.
    expect(await versionOf('/Prod/hello')).toBeUndefined();
  });

  it('a REST route is still served at its resource path where no HTTP API route matches', async () => {
    const response = await httpRequest(running.api.url, '/only-rest');
    expect((response.json() as { resource: string }).resource).toBe('/only-rest');
  });

  it("a path nobody routes gets the HTTP API's 404 (its $default stage has no prefix); under /Prod, REST's 403", async () => {
    const none = await httpRequest(running.api.url, '/nowhere');
    const underStage = await httpRequest(running.api.url, '/Prod/nowhere');
    expect([none.status, none.text]).toEqual([404, '{"message":"Not Found"}']);
    expect([underStage.status, underStage.text]).toEqual([403, '{"message":"Missing Authentication Token"}']);
  });

  it('start-up prints both APIs’ routes and the precedence', () => {
    expect(running.api.routeLines.join('\n')).toMatch(
      /\/Prod\/hello .*RespondFunction[\s\S]*\/hello .*HTTP API ServerlessHttpApi/,
    );
    expect(running.api.notes.join('\n')).toContain('REST and HTTP API routes share this port');
  });
});

describe('templates start-api refuses', () => {
  it('a REST stage and an HTTP API stage of the same name, naming both', () => {
    const template = parseTemplate(`
Resources:
  Http: { Type: AWS::Serverless::HttpApi, Properties: { StageName: Prod } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        A: { Type: Api, Properties: { Path: /a, Method: get } }
        B: { Type: HttpApi, Properties: { ApiId: !Ref Http, Path: /b, Method: get } }
`);
    expect(() => servedSources({ path: 'template.yaml', dir: '.', template }, {})).toThrow(
      'REST API ServerlessRestApi and HTTP API Http both have a stage named Prod',
    );
  });

  it('a template with nothing to serve: what it has and what start-api does not serve', async () => {
    await expect(startTestApi({ templatePath: fixture('nothing-to-serve') })).rejects.toThrow(
      /has nothing start-api can serve: no Api or HttpApi events, no quick-create AWS::ApiGatewayV2::Api, no AWS::ApiGateway::Method, AWS::ApiGatewayV2::Route or OpenAPI method with a Lambda proxy integration and no FunctionUrlConfig\. It has: 2 functions; SQS events \(QueueConsumer\); Schedule events \(NightlyJob\); Socket: WebSocket APIs are not served\./,
    );
  });
});

describe('REST APIs that share a route', () => {
  it('two APIs with the same method, path and stage: one line names both and the one that answers', () => {
    // Shaped like aws-samples/serverless-patterns apigw-rest-apigw-rest: two AWS::Serverless::Api, both on stage
    // Prod, each with GET / to its own function (on AWS, two hosts).
    const template = parseTemplate(`
Resources:
  ReportingApi: { Type: AWS::Serverless::Api, Properties: { StageName: Prod } }
  UserManagementApi: { Type: AWS::Serverless::Api, Properties: { StageName: Prod } }
  ReportingFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events: { RestApi: { Type: Api, Properties: { RestApiId: !Ref ReportingApi, Method: GET, Path: / } } }
  UserManagementFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        RestApi: { Type: Api, Properties: { RestApiId: !Ref UserManagementApi, Method: GET, Path: / } }
        Users: { Type: Api, Properties: { RestApiId: !Ref UserManagementApi, Method: GET, Path: /users } }
`);
    const { notes, restRoutes } = servedSources({ path: 'template.yaml', dir: '.', template }, {});
    // The line says who answers: the route table agrees, with and without the stage.
    for (const path of ['/', '/Prod/']) {
      const found = findRouteForPath(restRoutes, 'GET', path);
      expect(found.kind === 'match' ? found.match.route.functionId : found.kind).toBe('ReportingFunction');
    }
    expect(notes).toEqual([
      'GET / is a route of ReportingApi and UserManagementApi (stage Prod); locally they share one port: ' +
        "ReportingApi's (ReportingFunction) answers",
    ]);
  });
});
