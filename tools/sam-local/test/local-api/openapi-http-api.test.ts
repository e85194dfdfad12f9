// Routes of an HTTP API's OpenAPI DefinitionBody, served over HTTP as SAM CLI reads them
// (aws/aws-sam-cli samcli/commands/local/lib/swagger/parser.py get_routes, event type HTTP), with the authorizer a
// method's `security` names really invoked. Fixture: test/fixtures/openapi-http-api.
import { join } from 'node:path';
import { tokenIssuer, type TokenIssuer } from '../helpers/jwt-tokens';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';
import { TOOLKIT_DIR } from '../helpers/paths';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'openapi-http-api', 'template.yaml');
const PARSER = 'aws/aws-sam-cli samcli/commands/local/lib/swagger/parser.py';

let running: RunningApi;
let issuer: TokenIssuer;
beforeAll(async () => {
  issuer = await tokenIssuer();
  running = await startTestApi({ templatePath: TEMPLATE, jwks: issuer.jwks });
});
afterAll(() => running.stop());

function request(path: string, headers: Array<[string, string]> = [], method = 'GET'): Promise<HttpResult> {
  return httpRequest(running.api.url, path, { method, headers });
}

type EventV2 = {
  version: string;
  routeKey: string;
  pathParameters?: Record<string, string>;
  requestContext: { authorizer?: { lambda?: Record<string, unknown>; jwt?: { scopes?: string[] } } };
};

describe('an AWS::Serverless::HttpApi DefinitionBody', () => {
  it(`serves an aws_proxy method (payload 2.0) behind the authorizer its security names (source: ${PARSER})`, async () => {
    const allowed = await request('/items/5', [['Authorization', 'allow']]);
    expect(allowed.status).toBe(200);
    const event = allowed.json() as EventV2;
    expect([event.version, event.routeKey, event.pathParameters]).toEqual(['2.0', 'GET /items/{id}', { id: '5' }]);
    expect(event.requestContext.authorizer?.lambda).toEqual({ tenant: 'acme' });
    expect(running.output).toContainEqual('[AuthorizerFunction] authorizing GET /items/{id} allow');
    const refused = await request('/items/5', [['Authorization', 'no']]);
    expect([refused.status, refused.text]).toEqual([403, '{"message":"Forbidden"}']);
  });

  it('serves payloadFormatVersion 1.0 as the 1.0 event', async () => {
    const response = await request('/legacy', [], 'POST');
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ version: '1.0', resource: '/legacy', httpMethod: 'POST' });
  });

  it('serves /$default x-amazon-apigateway-any-method as the $default route', async () => {
    const response = await request('/anything/else', [], 'DELETE');
    expect((response.json() as EventV2).routeKey).toBe('$default');
  });

  it('names the http_proxy integration and the AWS service integration, and does not serve them', async () => {
    expect(running.api.notes).toContainEqual(
      'HTTP API AppApi: GET /backend of its OpenAPI document has an http_proxy integration, which is not emulated: not served',
    );
    expect(running.api.notes).toContainEqual(
      'HTTP API AppApi: POST /queue of its OpenAPI document has an AWS service integration (SQS-SendMessage), which is not emulated: not served',
    );
    expect((await request('/backend')).json()).toMatchObject({ routeKey: '$default' });
  });
});

describe("authorizers of an HTTP API's OpenAPI securitySchemes (x-amazon-apigateway-authorizer)", () => {
  it(`a request authorizer only the document declares runs for the methods whose security names it (source: ${PARSER} get_authorizers)`, async () => {
    const allowed = await request('/documented', [
      ['x-doc', 'present'],
      ['Authorization', 'allow'],
    ]);
    expect(allowed.status).toBe(200);
    expect((allowed.json() as EventV2).requestContext.authorizer?.lambda).toEqual({ tenant: 'acme' });
    // Its identity source missing: 401 without running the function.
    const missing = await request('/documented', [['Authorization', 'allow']]);
    expect([missing.status, missing.text]).toEqual([401, '{"message":"Unauthorized"}']);
  });

  it('a method whose authorizer cannot run is named and not served; the others are', async () => {
    expect(running.api.notes).toContainEqual(
      "HTTP API AppApi: GET /broken of its OpenAPI document cannot be authorized locally: Authorizer BrokenAuth: AuthorizerPayloadFormatVersion must be '1.0' or '2.0' (required for Lambda authorizers): not served",
    );
    expect((await request('/broken')).json()).toMatchObject({ routeKey: '$default' });
  });
});

describe('an AWS::ApiGatewayV2::Api Body', () => {
  it('serves its aws_proxy methods on its Stage, behind the jwt authorizer its securitySchemes declare', async () => {
    const claims = { iss: 'https://issuer.example.com', aud: 'reports-client' };
    const granted = await request('/reports/reports/7', [
      ['Authorization', `Bearer ${await issuer.sign({ ...claims, scope: 'reports/read' })}`],
    ]);
    expect(granted.status).toBe(200);
    const event = granted.json() as EventV2;
    expect([event.routeKey, event.pathParameters]).toEqual(['GET /reports/{id}', { id: '7' }]);
    expect(event.requestContext.authorizer?.jwt?.scopes).toEqual(['reports/read']);
    const ungranted = await request('/reports/reports/7', [
      ['Authorization', `Bearer ${await issuer.sign({ ...claims, scope: 'profile' })}`],
    ]);
    expect(ungranted.status).toBe(403);
    expect((await request('/reports/reports/7')).status).toBe(401);
  });

  it("answers with the document's x-amazon-apigateway-cors (source: API Gateway developer guide, http-api-swagger-extensions-cors-configuration.html)", async () => {
    const preflight = await request(
      '/reports/reports/7',
      [
        ['Origin', 'https://reports.example.com'],
        ['Access-Control-Request-Method', 'GET'],
      ],
      'OPTIONS',
    );
    expect(preflight.headers['access-control-allow-origin']).toBe('https://reports.example.com');
    expect(preflight.headers['access-control-max-age']).toBe('300');
  });
});
