// `generate-event --authorizer` for HTTP API routes: the input event of the route's Lambda authorizer in its payload
// format (2.0, 1.0), made by the local API's own code, so it equals what a served request hands the authorizer
// (checked against the authorizers-http-api fixture's authorizer function, which prints its event). Event shapes:
// docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html.
import { join } from 'node:path';
import { generateAnyAuthorizerEvent } from '../../src/http/generate-any-event';
import { loadTemplate } from '../../src/template/template';
import { startTestApi, type RunningApi } from '../helpers/local-api';
import { servedAuthorizerEvent, withoutIdsAndTimes } from '../helpers/authorizer-events';
import { TOOLKIT_DIR } from '../helpers/paths';

const TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'authorizers-http-api', 'template.yaml');
const loaded = loadTemplate(TEMPLATE);

let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: TEMPLATE });
});
afterAll(() => running.stop());

function generated(path: string, headers: Array<[string, string]> = []): Record<string, unknown> {
  return generateAnyAuthorizerEvent({
    loaded,
    method: 'GET',
    target: `http://127.0.0.1:${running.api.port}${path}`,
    headers,
  });
}

describe('generate-event --authorizer, HTTP API', () => {
  it('makes the payload 2.0 event the served request hands the authorizer', async () => {
    const headers: Array<[string, string]> = [['header', 'dump-v2']];
    const served = await servedAuthorizerEvent(running, '/lambda-v2?query=q1', headers);
    const event = generated('/lambda-v2?query=q1', headers);
    expect(withoutIdsAndTimes(event)).toEqual(withoutIdsAndTimes(served));
    expect(event).toMatchObject({ version: '2.0', type: 'REQUEST', identitySource: ['dump-v2', 'q1'] });
    expect(event).not.toHaveProperty('body');
  });

  it('makes the payload 1.0 event the served request hands the authorizer', async () => {
    const headers: Array<[string, string]> = [['header', 'dump-v1']];
    const served = await servedAuthorizerEvent(running, '/lambda-v1', headers);
    const event = generated('/lambda-v1', headers);
    expect(withoutIdsAndTimes(event)).toEqual(withoutIdsAndTimes(served));
    expect(event).toMatchObject({
      version: '1.0',
      type: 'REQUEST',
      identitySource: 'dump-v1',
      authorizationToken: 'dump-v1',
    });
  });

  it('names the identity source that is missing', () => {
    expect(() => generated('/lambda-v2', [['header', 'x']])).toThrow(
      'GET /lambda-v2 (HTTP API AuthHttpApi route "GET /lambda-v2"): authorizer RequestAuthorizerV2 reads $request.querystring.query: give it in the request',
    );
  });

  it('says when the route has no Lambda authorizer', () => {
    expect(() => generated('/public')).toThrow('has no authorizer: there is no Lambda authorizer event to make');
    expect(() => generated('/jwt')).toThrow('has JWT authorizer OAuth2: there is no Lambda authorizer event to make');
    expect(() => generated('/iam')).toThrow('has AWS_IAM: there is no Lambda authorizer event to make');
  });
});
