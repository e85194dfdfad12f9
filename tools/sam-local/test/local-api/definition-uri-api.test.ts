// OpenAPI documents in files named by an API's DefinitionUri, served as SAM CLI's SwaggerReader reads a local file
// (aws/aws-sam-cli samcli/commands/local/lib/swagger/reader.py: relative to the template's folder, the document as
// written). Fixture: test/fixtures/definition-uri-api.
import { join } from 'node:path';
import { httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';
import { TOOLKIT_DIR } from '../helpers/paths';

const DIR = join(TOOLKIT_DIR, 'test', 'fixtures', 'definition-uri-api');
const READER = 'aws/aws-sam-cli samcli/commands/local/lib/swagger/reader.py';

let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: join(DIR, 'template.yaml') });
});
afterAll(() => running.stop());

describe('DefinitionUri', () => {
  it(`serves a REST API's methods from its YAML file (source: ${READER})`, async () => {
    const response = await httpRequest(running.api.url, '/dev/pets/3');
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ resource: '/pets/{id}', pathParameters: { id: '3' } });
  });

  it("serves an HTTP API's methods from its JSON file, in a folder", async () => {
    const response = await httpRequest(running.api.url, '/orders', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ version: '2.0', routeKey: 'POST /orders' });
  });

  it('names a file that cannot be read and a document in S3; their APIs serve only their events', () => {
    expect(running.api.notes).toEqual(
      expect.arrayContaining([
        `REST API MissingApi: cannot read its DefinitionUri ${join(DIR, 'no-such-file.yaml')} (ENOENT): only its events are served`,
        'HTTP API BucketApi: its DefinitionUri is in S3, which is not read locally: only its events are served',
      ]),
    );
  });
});
