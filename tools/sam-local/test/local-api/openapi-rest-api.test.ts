// Routes of a REST API's OpenAPI DefinitionBody, served over HTTP as SAM CLI reads them
// (aws/aws-sam-cli samcli/commands/local/lib/swagger/parser.py, get_routes and get_authorizers), with the
// securityDefinitions token authorizer's function really invoked. Fixture: test/fixtures/openapi-rest-api, modelled
// on aws-samples/serverless-patterns apigw-lambda-authorizer-custom-header and apigw-mappingtemplate-lambda-nodejs.
import { join } from 'node:path';
import { REST_DENIALS } from '../../src/authorizers/denials';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';
import { TOOLKIT_DIR } from '../helpers/paths';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'openapi-rest-api', 'template.yaml');
const PARSER = 'aws/aws-sam-cli samcli/commands/local/lib/swagger/parser.py';

let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: TEMPLATE });
});
afterAll(() => running.stop());

type Event = {
  resource: string;
  httpMethod: string;
  pathParameters: Record<string, string> | null;
  requestContext: { stage: string; authorizer?: Record<string, unknown> };
};

function request(path: string, headers: Array<[string, string]> = [], method = 'GET'): Promise<HttpResult> {
  return httpRequest(running.api.url, path, { method, headers });
}

describe('an AWS::Serverless::Api DefinitionBody', () => {
  it(`serves an aws_proxy method behind its securityDefinitions token authorizer (source: ${PARSER}; API Gateway developer guide, api-gateway-swagger-extensions-authorizer.html)`, async () => {
    const allowed = await request('/Prod/items/7', [['authorizationToken', 'Bearer allow']]);
    expect(allowed.status).toBe(200);
    const event = allowed.json() as Event;
    expect([event.resource, event.pathParameters, event.requestContext.stage]).toEqual([
      '/items/{id}',
      { id: '7' },
      'Prod',
    ]);
    expect(event.requestContext.authorizer).toMatchObject({ principalId: 'user', stringKey: 'stringval' });
    expect(running.output).toContainEqual(expect.stringContaining('authorizing TOKEN Bearer allow for'));
    const missing = await request('/Prod/items/7');
    expect([missing.status, missing.text]).toEqual([
      REST_DENIALS.unauthorized.statusCode,
      REST_DENIALS.unauthorized.body,
    ]);
    const denied = await request('/Prod/items/7', [['authorizationToken', 'Bearer deny']]);
    expect(denied.status).toBe(REST_DENIALS.explicitDeny.statusCode);
  });

  it(`serves x-amazon-apigateway-any-method as ANY, without an authorizer (source: ${PARSER})`, async () => {
    const response = await request('/open', [], 'PATCH');
    expect(response.status).toBe(200);
    expect([(response.json() as Event).resource, (response.json() as Event).httpMethod]).toEqual(['/open', 'PATCH']);
  });

  it('names the non-proxy `aws` integration an Api event also serves, and what is served instead', async () => {
    expect(running.api.notes).toContainEqual(
      'REST API AppApi: ANY /mapped of its OpenAPI document has a Lambda non-proxy (aws) integration, whose mapping ' +
        'templates are not emulated: its Api event is served as a Lambda proxy integration instead (as sam local ' +
        'does), so the function gets a proxy event, not the mapped one',
    );
    const response = await request('/Prod/mapped');
    expect((response.json() as Event).resource).toBe('/mapped');
  });

  it('names the http integration and does not serve it', async () => {
    expect(running.api.notes).toContainEqual(
      'REST API AppApi: GET /status of its OpenAPI document has an http integration, which is not emulated: not served',
    );
    const response = await request('/Prod/status');
    expect([response.status, response.text]).toEqual([403, '{"message":"Missing Authentication Token"}']);
  });
});
