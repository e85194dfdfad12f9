// A REST API written as CloudFormation resources (AWS::ApiGateway::RestApi, ::Resource, ::Method, ::Authorizer,
// ::Stage), served over HTTP as SAM CLI serves it (aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py) with its
// authorizer functions really invoked. Fixture: test/fixtures/cfn-rest-api, modelled on aws-samples/serverless-patterns
// apigw-lambda-authorizer and cognito-restapi.
import { join } from 'node:path';
import { REST_DENIALS } from '../../src/authorizers/denials';
import { tokenIssuer, type TokenIssuer } from '../helpers/jwt-tokens';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';
import { TOOLKIT_DIR } from '../helpers/paths';
import { SOURCES } from '../conformance/sources';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'cfn-rest-api', 'template.yaml');
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool';
const CFN_PROVIDER = 'aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py';

let running: RunningApi;
let issuer: TokenIssuer;
beforeAll(async () => {
  issuer = await tokenIssuer();
  running = await startTestApi({ templatePath: TEMPLATE, jwks: issuer.jwks });
});
afterAll(() => running.stop());

type Event = {
  resource: string;
  path: string;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: { stage: string; resourcePath: string; authorizer?: Record<string, unknown> };
};

function request(path: string, headers: Array<[string, string]> = [], method = 'GET'): Promise<HttpResult> {
  return httpRequest(running.api.url, path, { method, headers });
}

function expectDenial(response: HttpResult, denial: (typeof REST_DENIALS)[keyof typeof REST_DENIALS]): void {
  expect([response.status, response.text, response.headers['x-amzn-errortype']]).toEqual([
    denial.statusCode,
    denial.body,
    denial.errorType,
  ]);
}

function authorizations(): number {
  return running.output.filter((line) => line.startsWith('[TokenAuthorizerFunction] authorizing')).length;
}

describe('AWS::ApiGateway::Method on the root resource with a TOKEN AWS::ApiGateway::Authorizer', () => {
  it(`allows: the function gets resource "/" on stage Prod, with the authorizer's context (source: ${CFN_PROVIDER}; ${SOURCES.authorizerOutput})`, async () => {
    const response = await request('/Prod/', [['authorizationToken', 'Bearer allow']]);
    expect(response.status).toBe(200);
    const event = response.json() as Event;
    expect([event.resource, event.requestContext.stage, event.stageVariables]).toEqual([
      '/',
      'Prod',
      { backend: 'local' },
    ]);
    expect(event.requestContext.authorizer).toMatchObject({
      principalId: 'user',
      stringKey: 'stringval',
      numberKey: '123',
      booleanKey: 'true',
    });
    expect(running.output).toContainEqual(
      expect.stringMatching(
        /^\[TokenAuthorizerFunction\] authorizing TOKEN Bearer allow for arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]{10}\/Prod\/GET\/$/,
      ),
    );
  });

  it(`an explicit Deny → 403, a thrown "Unauthorized" → 401, another error → 500 (source: ${SOURCES.authorizerAnswers}; ${SOURCES.authorizerConfigError})`, async () => {
    expectDenial(await request('/', [['authorizationToken', 'Bearer deny']]), REST_DENIALS.explicitDeny);
    expectDenial(await request('/', [['authorizationToken', 'unauthorized']]), REST_DENIALS.unauthorized);
    const broken = await request('/', [['authorizationToken', 'Bearer nonsense']]);
    expect(broken.status).toBe(500);
  });

  it(`a missing authorizationToken header → 401 without invoking the authorizer (source: ${SOURCES.authorizerAnswers})`, async () => {
    const before = authorizations();
    expectDenial(await request('/'), REST_DENIALS.unauthorized);
    expect(authorizations()).toBe(before);
  });
});

describe('methods on AWS::ApiGateway::Resource paths (PathPart under ParentId)', () => {
  it(`GET /items/{id} is protected by the COGNITO_USER_POOLS authorizer: a token of the pool passes, its claims reach the event (source: ${CFN_PROVIDER}; ${SOURCES.cognitoAuthorizer})`, async () => {
    const token = await issuer.sign({ iss: ISSUER, token_use: 'id', sub: 'user-1' });
    const response = await request('/Prod/items/42', [['authorizationToken', token]]);
    expect(response.status).toBe(200);
    const event = response.json() as Event;
    expect([event.resource, event.pathParameters]).toEqual(['/items/{id}', { id: '42' }]);
    expect(event.requestContext.authorizer?.claims).toMatchObject({ sub: 'user-1', token_use: 'id' });
    expectDenial(await request('/Prod/items/42'), REST_DENIALS.unauthorized);
    const otherPool = await issuer.sign({
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other',
      token_use: 'id',
    });
    expectDenial(await request('/Prod/items/42', [['authorizationToken', otherPool]]), REST_DENIALS.unauthorized);
  });

  it(`POST /items runs the REQUEST authorizer with a header and a query string as identity sources (source: ${SOURCES.authorizerInput})`, async () => {
    const allowed = await request('/items?tenant=acme', [['authorizationToken', 'Bearer allow']], 'POST');
    expect(allowed.status).toBe(200);
    expect((allowed.json() as Event).requestContext.authorizer).toMatchObject({ tenant: 'acme' });
    expect(running.output).toContainEqual(expect.stringContaining('authorizing REQUEST Bearer allow for'));
    // The query string is an identity source: without it API Gateway answers 401 and does not run the authorizer.
    const before = authorizations();
    expectDenial(await request('/items', [['authorizationToken', 'Bearer allow']], 'POST'), REST_DENIALS.unauthorized);
    expect(authorizations()).toBe(before);
  });

  it(`ANY /open/{proxy+} with AuthorizationType NONE is served to every method without an authorizer (source: ${CFN_PROVIDER})`, async () => {
    const response = await request('/Prod/open/a/b', [], 'DELETE');
    expect(response.status).toBe(200);
    const event = response.json() as Event;
    expect([event.resource, event.pathParameters, event.requestContext.authorizer]).toEqual([
      '/open/{proxy+}',
      { proxy: 'a/b' },
      undefined,
    ]);
  });

  it(`lists the routes at start-up and names the MOCK OPTIONS method as not served (source: ${CFN_PROVIDER})`, () => {
    expect(running.api.routeLines).toContainEqual(
      expect.stringMatching(/GET +\S+\/items\/\{id\} .* → AppFunction \(authorizer CognitoAuthorizer\)/),
    );
    expect(running.api.notes).toContainEqual(
      expect.stringContaining(
        'REST API AppApi: OPTIONS /items (ItemsMethodOptions) is not served: its integration is MOCK',
      ),
    );
  });

  it('a method the template does not have → 403 Missing Authentication Token under the stage', async () => {
    const response = await request('/Prod/items', [], 'DELETE');
    expect([response.status, response.text]).toEqual([403, '{"message":"Missing Authentication Token"}']);
  });
});
