// An HTTP API written as CloudFormation resources (AWS::ApiGatewayV2::Api, ::Route, ::Integration, ::Stage,
// ::Authorizer), served over HTTP as SAM CLI reads it (aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py,
// _extract_cfn_gateway_v2_route and _extract_cfn_gateway_v2_authorizer), with the authorizers really invoked.
// Fixture: test/fixtures/cfn-http-api.
import { join } from 'node:path';
import { HTTP_DENIALS } from '../../src/authorizers/http-authorize';
import { tokenIssuer, type TokenIssuer } from '../helpers/jwt-tokens';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';
import { TOOLKIT_DIR } from '../helpers/paths';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'cfn-http-api', 'template.yaml');
const PROVIDER = 'aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py';

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
  rawPath: string;
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
  requestContext: { stage: string; authorizer?: { lambda?: Record<string, unknown>; jwt?: { scopes?: string[] } } };
};

describe('AWS::ApiGatewayV2::Route resources', () => {
  it(`serve a route on the API's Stage, with its StageVariables, behind its CUSTOM authorizer (source: ${PROVIDER})`, async () => {
    const allowed = await request('/dev/items/5', [['header', 'allow']]);
    expect(allowed.status).toBe(200);
    const event = allowed.json() as EventV2;
    expect([event.version, event.routeKey, event.rawPath, event.pathParameters]).toEqual([
      '2.0',
      'GET /items/{id}',
      '/dev/items/5',
      { id: '5' },
    ]);
    expect([event.requestContext.stage, event.stageVariables]).toEqual(['dev', { color: 'blue' }]);
    expect(event.requestContext.authorizer?.lambda).toEqual({ tenant: 'acme' });
    expect(running.output).toContainEqual('[AuthorizerFunction] authorizing GET /items/{id} allow');

    const refused = await request('/dev/items/5', [['header', 'no']]);
    expect([refused.status, refused.text]).toEqual([403, '{"message":"Forbidden"}']);
    // A missing identity source: 401 without invoking the authorizer (http-api-lambda-authorizer.html).
    const missing = await request('/dev/items/6');
    expect([missing.status, missing.text]).toEqual([401, JSON.stringify({ message: 'Unauthorized' })]);
    expect(running.output.filter((line) => line.includes('authorizing')).length).toBe(2);
  });

  it('check a JWT authorizer: its issuer, audience and the route’s AuthorizationScopes', async () => {
    const claims = { iss: 'https://issuer.example.com', aud: 'local-app-client' };
    const granted = await issuer.sign({ ...claims, scope: 'orders/read' });
    const response = await request('/dev/orders', [['Authorization', `Bearer ${granted}`]]);
    expect(response.status).toBe(200);
    expect((response.json() as EventV2).requestContext.authorizer?.jwt?.scopes).toEqual(['orders/read']);

    const ungranted = await issuer.sign({ ...claims, scope: 'orders/write' });
    const scoped = await request('/dev/orders', [['Authorization', `Bearer ${ungranted}`]]);
    expect([scoped.status, scoped.text]).toEqual([
      HTTP_DENIALS.forbidden.statusCode,
      JSON.stringify({ message: HTTP_DENIALS.forbidden.message }),
    ]);
    expect(scoped.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
    const stranger = await issuer.sign({ ...claims, iss: 'https://elsewhere.example.com', scope: 'orders/read' });
    expect((await request('/dev/orders', [['Authorization', `Bearer ${stranger}`]])).status).toBe(401);
  });

  it('serve an integration with PayloadFormatVersion 1.0 as the 1.0 event, to an AWS::Lambda::Function', async () => {
    const response = await request('/dev/legacy', [], 'POST');
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      version: '1.0',
      resource: '/legacy',
      httpMethod: 'POST',
      kind: 'cloudformation',
    });
  });

  it('serve the $default route for what no other route matches', async () => {
    const event = (await request('/dev/anything/else', [], 'DELETE')).json() as EventV2;
    expect([event.routeKey, event.rawPath]).toEqual(['$default', '/dev/anything/else']);
  });

  it("answer with the API's CorsConfiguration", async () => {
    const response = await request('/dev/legacy', [['Origin', 'https://example.com']], 'POST');
    expect(response.headers['access-control-allow-origin']).toBe('https://example.com');
  });

  it('print each route with what protects it', () => {
    expect(running.api.routeLines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /GET +\S+\/dev\/items\/\{id\} +→ AppFunction \(HTTP API HttpApi, payload 2\.0, authorizer RequestAuthorizer\)$/,
        ),
        expect.stringMatching(
          /GET +\S+\/dev\/orders +→ AppFunction \(HTTP API HttpApi, payload 2\.0, authorizer JwtAuthorizer, scopes orders\/read\)$/,
        ),
        expect.stringMatching(/POST +\S+\/dev\/legacy +→ LegacyFunction \(HTTP API HttpApi, payload 1\.0\)$/),
      ]),
    );
  });

  it('name each route that is not served, and why', () => {
    expect(running.api.notes).toEqual(
      expect.arrayContaining([
        'HTTP API HttpApi: route "POST /queue" (QueueRoute) is not served: its integration QueueIntegration is an AWS ' +
          'service integration (SQS-SendMessage); only Lambda proxy integrations are emulated',
        'HTTP API HttpApi: route "GET /unversioned" (UnversionedRoute) is not served: its integration ' +
          'UnversionedIntegration has no PayloadFormatVersion, which a Lambda integration written in CloudFormation ' +
          'must have',
      ]),
    );
  });
});
