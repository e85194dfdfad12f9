// Issue 21, finding 1: a web page the developer has open must not be able to run the template's functions, nor read
// the servers' answers through DNS rebinding. The attack: a cross-origin POST with Content-Type text/plain (no CORS
// preflight) to the Invoke API, and requests whose Host names the attacker's domain (rebound to 127.0.0.1).
// Models: Vite's server.allowedHosts (CVE-2025-24010), webpack-dev-server's host check (CVE-2018-14732).
import { HELLO_TEMPLATE } from '../helpers/paths';
import { httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';
import { startTestInvokeEndpoint, type TestInvokeEndpoint } from '../helpers/invoke-endpoint';

const INVOKE_PATH = '/2015-03-31/functions/GreetingFunction/invocations';

describe('the Invoke API refuses web pages and foreign hosts', () => {
  let running: TestInvokeEndpoint;
  beforeAll(async () => {
    running = await startTestInvokeEndpoint(HELLO_TEMPLATE, { allowedHosts: ['.dev.example.test'] });
  }, 60_000);
  afterAll(() => running.stop());

  const invoke = (headers: Array<[string, string]>): ReturnType<typeof httpRequest> =>
    httpRequest(running.endpoint.url, INVOKE_PATH, { method: 'POST', headers, body: '{}' });

  it("the review's drive-by POST (rebound Host, Origin, text/plain): 403, the function does not run", async () => {
    const before = running.output.length;
    const res = await invoke([
      ['Host', 'rebind.attacker.example'],
      ['Origin', 'https://attacker.example'],
      ['Content-Type', 'text/plain'],
    ]);
    expect(res.status).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect((res.json() as { Message: string }).Message).toContain('--allowed-hosts rebind.attacker.example');
    expect(running.output.slice(before)).toEqual([]);
  });

  it('a cross-origin POST with the right Host (a page on another origin): 403 AccessDeniedException', async () => {
    const res = await invoke([
      ['Origin', 'https://attacker.example'],
      ['Content-Type', 'text/plain'],
    ]);
    expect(res.status).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(res.json()).toEqual({ Type: 'User', Message: expect.stringMatching(/web page.*AWS SDKs and CLI/) });
    expect(running.lines.at(-1)).toMatch(/^403 for POST .*Origin: https:\/\/attacker\.example.*not web pages/);
  });

  it.each(['cross-site', 'same-site'])('Sec-Fetch-Site: %s without Origin: 403', async (site) => {
    const res = await invoke([['Sec-Fetch-Site', site]]);
    expect(res.status).toBe(403);
  });

  it.each(['none', 'same-origin'])('Sec-Fetch-Site: %s (not a cross-site page) is served', async (site) => {
    const res = await invoke([['Sec-Fetch-Site', site]]);
    expect(res.status).toBe(200);
  });

  it.each([
    ['localhost'],
    ['127.0.0.1'],
    ['127.8.9.10'],
    ['LOCALHOST.'],
    ['api.dev.example.test'],
    ['dev.example.test'],
  ])('Host %s (with the port) is served', async (name) => {
    const { port } = running.endpoint;
    const res = await invoke([['Host', `${name}:${port}`]]);
    expect(res.status).toBe(200);
  });

  it('Host [::1] is served; a name merely ending like an allowed one is not', async () => {
    expect((await invoke([['Host', `[::1]:${running.endpoint.port}`]])).status).toBe(200);
    expect((await invoke([['Host', 'evildev.example.test']])).status).toBe(403);
    expect((await invoke([['Host', '127.0.0.1.attacker.example']])).status).toBe(403);
  });
});

describe('the local API answers only its own hosts', () => {
  let running: RunningApi;
  beforeAll(async () => {
    running = await startTestApi({ templatePath: HELLO_TEMPLATE });
  }, 60_000);
  afterAll(() => running.stop());

  it('a rebound Host gets 403 saying how to allow it; the function does not run', async () => {
    const before = running.output.length;
    const res = await httpRequest(running.api.url, '/dev/hello', {
      headers: [['Host', 'rebind.attacker.example:3000']],
    });
    expect(res.status).toBe(403);
    expect((res.json() as { message: string }).message).toContain('--allowed-hosts rebind.attacker.example');
    expect(running.output.slice(before)).toEqual([]);
    expect(running.lines).toContainEqual(
      expect.stringMatching(/^403 for GET \/dev\/hello: the Host "rebind\.attacker\.example"/),
    );
  });

  it('localhost, 127.0.0.1 and [::1] with the port are served', async () => {
    const { port } = running.api;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const res = await httpRequest(running.api.url, '/dev/hello', { headers: [['Host', host]] });
      expect(`${host} ${res.status}`).toBe(`${host} 200`);
    }
  });

  it("the template's CORS still serves a cross-origin page (Origin is not refused here)", async () => {
    const res = await httpRequest(running.api.url, '/dev/hello', { headers: [['Origin', 'https://app.example.test']] });
    expect(res.status).toBe(200);
  });
});
