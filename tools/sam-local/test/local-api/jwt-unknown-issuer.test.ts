// A JWT authorizer whose issuer and audience only the deployed stack knows (a nested stack's outputs, as in
// aws-samples/serverless-patterns cognito-httpapi): the API is served, start-up names what is not checked, and the
// checks that can be made locally are (exp, scopes; issuer and audience when --jwt-issuer / --jwt-audience give them).
// Behaviour of a JWT authorizer: docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html.
import { join } from 'node:path';
import { tokenIssuer, type TokenIssuer } from '../helpers/jwt-tokens';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';
import { TOOLKIT_DIR } from '../helpers/paths';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'jwt-nested-stack-api', 'template.yaml');
const POOL_ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pattern';

let issuer: TokenIssuer;
beforeAll(async () => {
  issuer = await tokenIssuer();
});

function get(api: RunningApi, token?: string): Promise<HttpResult> {
  return httpRequest(api.api.url, '/', { headers: token === undefined ? [] : [['Authorization', `Bearer ${token}`]] });
}

describe('without --jwt-issuer / --jwt-audience', () => {
  let running: RunningApi;
  beforeAll(async () => {
    running = await startTestApi({ templatePath: TEMPLATE, jwks: issuer.jwks });
  });
  afterAll(() => running.stop());

  it('starts, and one start-up line names the issuer and audience that cannot be checked and what is done instead', () => {
    const notes = running.api.notes.filter((note) => note.includes('OAuth2Authorizer'));
    expect(notes).toEqual([
      expect.stringContaining(
        'its issuer !GetAtt AuthStack.Outputs.Issuer and audience !GetAtt AuthStack.Outputs.UserPoolClientId cannot be known locally',
      ),
    ]);
    expect(notes[0]).toContain('any issuer is accepted unless --jwt-issuer gives it');
  });

  it('a signed token of any issuer and client with the route scope passes; its claims reach the event', async () => {
    const token = await issuer.sign({ iss: POOL_ISSUER, client_id: 'some-client', scope: 'email openid', sub: 'u-1' });
    const response = await get(running, token);
    expect(response.status).toBe(200);
    const event = response.json() as { requestContext: { authorizer: { jwt: { claims: Record<string, string> } } } };
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({ sub: 'u-1', client_id: 'some-client' });
  });

  it('the checks that can be made locally still apply: no token 401, expired 401, scope missing 403', async () => {
    expect((await get(running)).status).toBe(401);
    const expired = await issuer.sign({ iss: POOL_ISSUER, scope: 'email', exp: Math.floor(Date.now() / 1000) - 60 });
    expect((await get(running, expired)).status).toBe(401);
    const unscoped = await issuer.sign({ iss: POOL_ISSUER, scope: 'openid' });
    expect((await get(running, unscoped)).status).toBe(403);
  });
});

describe('with --jwt-issuer and --jwt-audience', () => {
  let running: RunningApi;
  beforeAll(async () => {
    running = await startTestApi({
      templatePath: TEMPLATE,
      jwks: issuer.jwks,
      jwtIssuer: POOL_ISSUER,
      jwtAudiences: ['client-1'],
    });
  });
  afterAll(() => running.stop());

  it('checks the issuer and the audience given', async () => {
    const good = await issuer.sign({ iss: POOL_ISSUER, client_id: 'client-1', scope: 'email' });
    expect((await get(running, good)).status).toBe(200);
    const otherIssuer = await issuer.sign({ iss: 'https://elsewhere.example', client_id: 'client-1', scope: 'email' });
    expect((await get(running, otherIssuer)).status).toBe(401);
    const otherClient = await issuer.sign({ iss: POOL_ISSUER, client_id: 'client-2', scope: 'email' });
    expect((await get(running, otherClient)).status).toBe(401);
  });
});
