// `generate-event --authorizer`: the input event of a route's Lambda authorizer, made by the local API's own code, so
// it equals what a served request hands the authorizer (checked against the fixture's authorizer function).
import { join } from 'node:path';
import { generateAuthorizerEvent } from '../../src/api-gateway/generate-authorizer-event';
import { loadTemplate } from '../../src/template/template';
import { TOOLKIT_DIR } from '../helpers/paths';
import { startTestApi, type RunningApi } from '../helpers/local-api';
import { servedAuthorizerEvent, withoutIdsAndTimes } from '../helpers/authorizer-events';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'authorizers-rest-api', 'template.yaml');
const loaded = loadTemplate(TEMPLATE);

let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: TEMPLATE });
});
afterAll(() => running.stop());

describe('generate-event --authorizer', () => {
  it('makes the TOKEN event the served request hands the authorizer', async () => {
    const headers: Array<[string, string]> = [['header', 'dump-token']];
    const served = await servedAuthorizerEvent(running, '/api/token/42', headers);
    const generated = generateAuthorizerEvent({
      loaded,
      method: 'GET',
      target: `http://127.0.0.1:${running.api.port}/api/token/42`,
      headers,
    });
    expect(generated).toEqual(served);
    expect(generated).toMatchObject({ type: 'TOKEN', authorizationToken: 'dump-token' });
  });

  it('makes the REQUEST event the served request hands the authorizer', async () => {
    const headers: Array<[string, string]> = [
      ['header', 'dump-request'],
      ['User-Agent', 'generate-test'],
    ];
    const served = await servedAuthorizerEvent(running, '/api/request?query=q1', headers);
    const generated = generateAuthorizerEvent({
      loaded,
      method: 'GET',
      target: `http://127.0.0.1:${running.api.port}/api/request?query=q1`,
      headers,
    });
    expect(withoutIdsAndTimes(generated)).toEqual(withoutIdsAndTimes(served));
    expect(generated).toMatchObject({ type: 'REQUEST', resource: '/request', queryStringParameters: { query: 'q1' } });
    expect(generated).not.toHaveProperty('body');
  });

  it('names the header a TOKEN authorizer reads when it is not given', () => {
    expect(() => generateAuthorizerEvent({ loaded, method: 'GET', target: '/api/token' })).toThrow(
      "GET /api/token: authorizer Token reads its token from method.request.header.header: give it with -H 'header: …'",
    );
  });

  it('says when the route has no Lambda authorizer', () => {
    expect(() => generateAuthorizerEvent({ loaded, method: 'GET', target: '/api/public' })).toThrow(
      'GET /api/public has no authorizer: there is no Lambda authorizer event to make',
    );
    expect(() => generateAuthorizerEvent({ loaded, method: 'GET', target: '/api/cognito' })).toThrow(
      'GET /api/cognito has Cognito authorizer Cognito: there is no Lambda authorizer event to make',
    );
  });
});
