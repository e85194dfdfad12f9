// SIGTERM and SIGINT to the real `npm start` entry: stop accepting, finish what is in flight, exit 0 within 5 s.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROUTES_TEMPLATE } from '../helpers/local-api';
import { canConnect, rawExchange, rawRequest, type RawExchange } from '../helpers/raw-http';
import { isRunning, startLocalApiProcess, type StartedProcess } from '../helpers/start-process';

const GRACE_MS = 5000;
const HOST = 'Host: 127.0.0.1';

// A private copy of the fixture: the process builds beside its template, and other test files use the original.
const workDir = mkdtempSync(join(tmpdir(), 'local-api-signals-'));
cpSync(dirname(ROUTES_TEMPLATE), workDir, { recursive: true });
const ARGS = ['--port', '0', '--no-watch', '--json-logs', '--template', join(workDir, 'template.yaml')];

let started: StartedProcess | undefined;
afterEach(() => {
  // A test that failed half-way must not leave its server running.
  if (started && started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
  started = undefined;
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Starts a slow request (800 ms in the function); resolves once the function has surely begun it. */
async function slowRequestInFlight(
  server: StartedProcess,
  keepAlive: boolean,
): Promise<{ response: Promise<RawExchange> }> {
  const response = rawExchange(
    server.port,
    [rawRequest('GET /test/faults/slow?ms=800 HTTP/1.1', keepAlive ? [HOST] : [HOST, 'Connection: close'])],
    { timeoutMs: 10_000 },
  );
  await server.waitFor('stderr', /\[FaultsFunction\] slow: started/);
  return { response };
}

/** The worker process of the faults function, by asking it. */
async function faultsWorkerPid(port: number): Promise<number> {
  const { responses } = await rawExchange(port, [
    rawRequest('GET /test/faults/ok HTTP/1.1', [HOST, 'Connection: close']),
  ]);
  expect(responses[0]?.status).toBe(200);
  return (JSON.parse(responses[0]!.text) as { pid: number }).pid;
}

/** Polls until nothing accepts connections on the port; fails if that does not happen within a second. */
async function refusesConnections(port: number): Promise<boolean> {
  const deadline = Date.now() + 1000;
  while (Date.now() < deadline) {
    if (!(await canConnect(port))) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

async function gone(pid: number, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe.each(['SIGTERM', 'SIGINT'] as const)('%s sent to the process', (signal) => {
  it('stops accepting, finishes the request in flight with 200, exits 0 within 5 s, and leaves no worker behind', async () => {
    const server = (started = await startLocalApiProcess(ARGS));
    const worker = await faultsWorkerPid(server.port);
    const { response } = await slowRequestInFlight(server, false);

    const signalled = Date.now();
    server.child.kill(signal);
    await server.waitFor('stdout', new RegExp(`^${signal}: finishing in-flight requests, then stopping$`, 'm'));
    expect(await refusesConnections(server.port)).toBe(true);

    const { responses, closed } = await response;
    expect(closed).toBe(true);
    expect(responses.map((r) => [r.status, JSON.parse(r.text) as unknown])).toEqual([
      [200, { slept: 800, pid: worker }],
    ]);
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(GRACE_MS);
    expect(server.stderr()).not.toMatch(/Still busy|Error while stopping/);
    expect(await gone(worker)).toBe(true);
  });

  it('closes idle keep-alive connections rather than waiting for them, and exits 0 at once', async () => {
    const server = (started = await startLocalApiProcess(ARGS));
    // A browser-like client: one request answered, the connection left open for the next.
    const idle = rawExchange(server.port, [rawRequest('GET /test/faults/ok HTTP/1.1', [HOST])], { timeoutMs: 10_000 });
    await server.waitFor('stdout', /^GET \/test\/faults\/ok 200 /m);
    const signalled = Date.now();
    server.child.kill(signal);
    const { responses, closed } = await idle;
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(closed).toBe(true);
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(GRACE_MS);
  });
});

describe('stopping while a request is in flight', () => {
  it('SIGTERM with the in-flight request on a keep-alive connection: 200 with Connection: close, exit 0 within 5 s', async () => {
    const server = (started = await startLocalApiProcess(ARGS));
    await faultsWorkerPid(server.port); // warm: a cold start must not eat the 1 s Timeout beside the 800 ms
    const { response } = await slowRequestInFlight(server, true);
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const { responses, closed } = await response;
    expect(responses.map((r) => [r.status, r.headers.connection])).toEqual([[200, 'close']]);
    expect(closed).toBe(true);
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(GRACE_MS);
  }, 15_000);

  it('prints the access line of the request it finished while stopping, before exiting', async () => {
    const server = (started = await startLocalApiProcess(ARGS));
    // Warm first: the cold start (module load) would otherwise count against the 1 s Timeout beside the 800 ms.
    await faultsWorkerPid(server.port);
    const { response } = await slowRequestInFlight(server, false);
    server.child.kill('SIGTERM');
    await response;
    await server.exited;
    expect(server.stdout()).toMatch(/^GET \/test\/faults\/slow\?ms=800 200 /m);
  }, 15_000);

  it('SIGINT to the process group (Ctrl+C in a terminal): the in-flight request still completes with 200, exit 0', async () => {
    const server = (started = await startLocalApiProcess(ARGS, { detached: true }));
    await faultsWorkerPid(server.port); // warm: a cold start must not eat the 1 s Timeout beside the 800 ms
    const { response } = await slowRequestInFlight(server, false);
    const signalled = Date.now();
    process.kill(-server.child.pid!, 'SIGINT');
    const { responses } = await response;
    expect(responses.map((r) => r.status)).toEqual([200]);
    const exit = await server.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(GRACE_MS);
  }, 15_000);
});
