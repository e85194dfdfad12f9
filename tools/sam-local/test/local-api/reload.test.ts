// Issue 19, "Reload": start-api picks up edits to template.yaml and to the --env-vars file without a restart: a new
// route answers, a removed one gives API Gateway's 403, changed variables reach the next invocation, and an edit that
// cannot be served leaves the previous version serving. (`sam local start-api` reads the template once: its file
// observer, samcli/lib/utils/file_observer.py, watches the functions' code and images, not the template.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApi, type TestApi } from '../../src/http/test-api';
import { readEnvVarsFile } from '../../src/lambda/env-vars-file';
import { copyFixture } from '../helpers/fixture-copy';

const fixture = copyFixture('routes-api');
const envVarsPath = join(fixture.dir, 'env.json');
const original = readFileSync(fixture.template, 'utf8');
let running: TestApi;

beforeAll(async () => {
  writeFileSync(envVarsPath, JSON.stringify({ EchoFunction: { GREETING: 'first' } }));
  running = await startTestApi({
    templatePath: fixture.template,
    envVars: readEnvVarsFile(envVarsPath),
    envVarsPath,
    watch: true,
    typeCheck: false,
  });
});

afterAll(async () => {
  await running?.stop();
  fixture.remove();
});

/** The status (and body) of GET path, once `until` accepts it or 30 s have passed. */
async function pollFor(path: string, until: (status: number, body: string) => boolean): Promise<[number, string]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${running.api.url}${path}`);
    const answer: [number, string] = [res.status, await res.text()];
    if (until(...answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function greetingOf(body: string): unknown {
  return (JSON.parse(body) as { env: Record<string, unknown> }).env.GREETING;
}

describe('start-api after an edit, without a restart', () => {
  it('a route added to the template answers; the routes already there still do', async () => {
    // Prepare
    expect((await fetch(`${running.api.url}/test/added`)).status).toBe(403);

    // Act
    writeFileSync(
      fixture.template,
      original.replace(
        '        Implicit:\n',
        '        Added:\n          Type: Api\n          Properties: { RestApiId: !Ref Api, Path: /added, Method: get }\n        Implicit:\n',
      ),
    );
    const [status] = await pollFor('/test/added', (code) => code === 200);

    // Assess
    expect(status).toBe(200);
    expect((await fetch(`${running.api.url}/test/echo`)).status).toBe(200);
    expect(running.api.routes.map((route) => route.resourcePath)).toContain('/added');
    expect(
      running.lines.some((line) =>
        /template\.yaml changed: reloaded; routes: .*GET \/test\/added → EchoFunction/.test(line),
      ),
    ).toBe(true);
  });

  it('a route removed from the template gives 403 Missing Authentication Token', async () => {
    // Act
    writeFileSync(fixture.template, original.replace(/ {8}Echo:\n.*\n.*\n/, ''));
    const [status, body] = await pollFor('/test/echo', (code) => code === 403);

    // Assess
    expect([status, JSON.parse(body)]).toEqual([403, { message: 'Missing Authentication Token' }]);
    expect((await fetch(`${running.api.url}/test/items/1`)).status).toBe(200);
  });

  it('a changed env-vars file reaches the next invocation', async () => {
    // Prepare
    const [, before] = await pollFor('/test/items/1', () => true);
    expect(greetingOf(before)).toBe('first');

    // Act
    writeFileSync(envVarsPath, JSON.stringify({ EchoFunction: { GREETING: 'second' } }));
    const [status, after] = await pollFor('/test/items/1', (_, body) => greetingOf(body) === 'second');

    // Assess
    expect([status, greetingOf(after)]).toEqual([200, 'second']);
  });

  it('an edit that cannot be served is reported, and the previous version keeps serving', async () => {
    // Act
    writeFileSync(fixture.template, `${original}\n  Broken: [unclosed\n`);
    const deadline = Date.now() + 30_000;
    while (!running.lines.some((line) => line.includes('cannot be served')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Assess
    expect(running.lines.find((line) => line.includes('cannot be served'))).toMatch(
      /template\.yaml changed, but cannot be served \(Cannot parse template .*\); still serving the previous version/,
    );
    expect((await fetch(`${running.api.url}/test/items/1`)).status).toBe(200);
    expect((await fetch(`${running.api.url}/test/echo`)).status).toBe(403);
  });
});
