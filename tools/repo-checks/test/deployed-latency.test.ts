import { execFile } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { formatLatency, latencyRequests, measureLatency, percentile } from '../src/deployed/latency';
import { closedLoopbackUrl, startLoopbackServer, type LoopbackServer } from '../../../tests/helpers/loopback-server';
import { ROOT } from '../../../tests/helpers/project';
import { SRC } from './helpers/paths';

/**
 * A loopback server answering GET /dev/hello as the deployed API does (and its preflight, unknown paths and
 * invalid names), after a delay chosen per GET: the first slow, like a cold start, or every one slow.
 */
async function apiLikeServer(delayOfGet: (index: number) => number, status = 200) {
  const seen: string[] = [];
  let gets = 0;
  const server = await startLoopbackServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(req.method ?? '');
    if (req.method === 'OPTIONS') return void res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (code: number, body: unknown) =>
      res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    setTimeout(() => {
      const name = url.searchParams.get('name');
      if (url.pathname !== '/dev/hello') json(403, { message: 'Missing Authentication Token' });
      else if (name !== null && !/^[A-Za-z]{1,64}$/.test(name)) json(400, { message: 'Invalid name' });
      else json(status, { message: `Hello, ${name ?? 'World'}!` });
    }, delayOfGet(gets++));
  });
  return { server, seen, url: new URL(`${server.url}/dev/hello`) };
}

let servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function started(delayOfGet: (index: number) => number, status?: number) {
  const api = await apiLikeServer(delayOfGet, status);
  servers.push(api.server);
  return api;
}

describe('measureLatency', () => {
  it('times a slow first GET apart from the warm ones after it, sending only OPTIONS and GET', async () => {
    const api = await started((i) => (i === 0 ? 300 : 0));
    const report = await measureLatency(api.url, 5);
    expect(report.error).toBeUndefined();
    expect(report.first).toBeGreaterThanOrEqual(300);
    expect(report.after).toHaveLength(5);
    expect(percentile(report.after, 0.5)).toBeLessThan(300);
    // Read-only: one preflight to open the connection, then 1 + 5 GETs.
    expect(api.seen).toEqual(['OPTIONS', 'GET', 'GET', 'GET', 'GET', 'GET', 'GET']);
  });

  it('shows a server that is slow on every request in p50 and p99 too', async () => {
    const api = await started(() => 80);
    const report = await measureLatency(api.url, 3);
    expect(report.first).toBeGreaterThanOrEqual(80);
    expect(percentile(report.after, 0.5)).toBeGreaterThanOrEqual(80);
    expect(percentile(report.after, 0.99)).toBeGreaterThanOrEqual(80);
  });

  it('stops at the first answer that is not 2xx, or the first request that fails', async () => {
    const api = await started(() => 0, 503);
    expect(await measureLatency(api.url, 5)).toEqual({ after: [], error: 'request 1 answered 503' });
    expect(api.seen.filter((method) => method === 'GET')).toHaveLength(1);
    const nowhere = await measureLatency(new URL(`${await closedLoopbackUrl()}/dev/hello`), 5);
    expect(nowhere).toEqual({
      after: [],
      error: expect.stringMatching(/^request 1 failed: fetch failed: .*ECONNREFUSED/),
    });
  });
});

describe('the latency report', () => {
  it('uses nearest-rank percentiles', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect([percentile(ten, 0.5), percentile(ten, 0.99), percentile([42], 0.99), percentile([], 0.5)]).toEqual([
      5,
      10,
      42,
      undefined,
    ]);
  });

  it('prints first, p50 and p99, and points at a likely cold start', () => {
    expect(formatLatency({ first: 812.4, after: [40, 41, 39, 95] })).toEqual([
      'Latency: first 812 ms; then 4 more: p50 40 ms, p99 95 ms',
      '  The first took over 3x the median: most likely a cold start (see docs/operate.md).',
    ]);
    expect(formatLatency({ first: 50, after: [40, 45] })).toEqual([
      'Latency: first 50 ms; then 2 more: p50 40 ms, p99 45 ms',
    ]);
    expect(formatLatency({ after: [], error: 'request 1 answered 503' })).toEqual([
      'Latency: stopped, request 1 answered 503',
    ]);
  });

  it('takes its count from LATENCY_REQUESTS', () => {
    expect(latencyRequests({})).toBe(20);
    expect(latencyRequests({ LATENCY_REQUESTS: '0' })).toBe(0);
    expect(latencyRequests({ LATENCY_REQUESTS: '50' })).toBe(50);
    for (const bad of ['-1', '2.5', 'many', '1001']) {
      expect(latencyRequests({ LATENCY_REQUESTS: bad })).toEqual({
        error: expect.stringContaining(JSON.stringify(bad)),
      });
    }
  });
});

/** npm run test:deployed, as package.json runs it, against API_URL only (no AWS settings leak in). */
function testDeployed(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(SRC, 'test-deployed.ts')],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run test:deployed reports latency', () => {
  it('before its checks: the slow first request, then p50 and p99 of the rest', async () => {
    const api = await started((i) => (i === 0 ? 300 : 0));
    const run = await testDeployed({ API_URL: api.url.href, LATENCY_REQUESTS: '3' });
    expect(run.code).toBe(0);
    const match = /^Latency: first (\d+) ms; then 3 more: p50 (\d+) ms, p99 (\d+) ms$/m.exec(run.stdout);
    expect(match).not.toBeNull();
    const [first, p50] = [Number(match?.[1]), Number(match?.[2])];
    expect(first).toBeGreaterThanOrEqual(300);
    expect(p50).toBeLessThan(300);
    expect(run.stdout).toMatch(/most likely a cold start/);
    expect(run.stdout).toMatch(/^4 passed, 0 failed$/m);
    expect(run.stdout.indexOf('Latency:')).toBeLessThan(run.stdout.indexOf('PASS'));
  });

  it('not at all with LATENCY_REQUESTS=0, and exits 2 on a count it cannot read', async () => {
    const api = await started(() => 0);
    const off = await testDeployed({ API_URL: api.url.href, LATENCY_REQUESTS: '0' });
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('Latency');
    const bad = await testDeployed({ API_URL: api.url.href, LATENCY_REQUESTS: 'lots' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('LATENCY_REQUESTS must be a whole number from 0 to 1000, not "lots"');
  });
});
