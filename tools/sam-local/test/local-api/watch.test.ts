import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROUTES_TEMPLATE, httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';

// A private copy of the fixture, so the test can edit sources without touching the repository.
const workDir = mkdtempSync(join(tmpdir(), 'local-api-watch-'));
cpSync(dirname(ROUTES_TEMPLATE), workDir, { recursive: true });
let running: RunningApi;

beforeAll(async () => {
  running = await startTestApi({ templatePath: join(workDir, 'template.yaml'), watch: true });
});
afterAll(async () => {
  await running.stop();
  rmSync(workDir, { recursive: true, force: true });
});

async function version(): Promise<{ version: number; invocations: number; status: number }> {
  const res = await httpRequest(running.api.url, '/test/echo');
  if (res.status !== 200) return { version: -1, invocations: -1, status: res.status };
  return { ...(res.json() as { version: number; invocations: number }), status: res.status };
}

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('watch mode', () => {
  it('serves edited code on the next request after the rebuild, in a fresh environment, without a restart', async () => {
    expect(await version()).toMatchObject({ version: 1, invocations: 1 });
    expect(await version()).toMatchObject({ version: 1, invocations: 2 });

    writeFileSync(join(workDir, 'functions', 'version.ts'), 'export const VERSION = 2;\n');
    const after = await waitFor(version, (v) => v.version === 2);
    expect(after).toMatchObject({ version: 2, invocations: 1 });
    expect(running.lines.join('\n')).toMatch(/Rebuilt EchoFunction \(\d+ bytes\); the next request runs the new code/);
  }, 30_000);

  it('answers 502 with the build error while the code does not compile, then recovers', async () => {
    writeFileSync(join(workDir, 'functions', 'version.ts'), 'export const VERSION = ;\n');
    const broken = await waitFor(version, (v) => v.status === 502);
    expect(broken.status).toBe(502);
    expect(running.lines.join('\n')).toMatch(
      /Build failed, EchoFunction answers 502 until it is fixed:\n[^]*version\.ts:1: Unexpected/,
    );

    writeFileSync(join(workDir, 'functions', 'version.ts'), 'export const VERSION = 3;\n');
    expect(await waitFor(version, (v) => v.version === 3)).toMatchObject({ version: 3, status: 200 });
  }, 30_000);
});
