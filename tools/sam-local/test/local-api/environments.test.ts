import { ROUTES_TEMPLATE, httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';

interface Slept {
  slept: number;
  pid: number;
}

async function slow(running: RunningApi): Promise<{ pid: number; ms: number }> {
  const started = Date.now();
  const res = await httpRequest(running.api.url, '/test/faults/slow?ms=400');
  expect(res.status).toBe(200);
  return { pid: (res.json() as Slept).pid, ms: Date.now() - started };
}

describe('execution environments per function', () => {
  it('by default one environment serves concurrent requests in turn', async () => {
    const running = await startTestApi({ templatePath: ROUTES_TEMPLATE });
    try {
      const [a, b] = await Promise.all([slow(running), slow(running)]);
      expect(a.pid).toBe(b.pid);
      expect(Math.max(a.ms, b.ms)).toBeGreaterThanOrEqual(800);
    } finally {
      await running.stop();
    }
  });

  it('with maxEnvironments, concurrent requests scale out to new environments, as on Lambda', async () => {
    const running = await startTestApi({ templatePath: ROUTES_TEMPLATE, maxEnvironments: 2 });
    try {
      const concurrent = await Promise.all([slow(running), slow(running), slow(running)]);
      const pids = new Set(concurrent.map((r) => r.pid));
      expect(pids.size).toBe(2);
      // One request at a time afterwards goes to an idle, already warm environment: no third one starts.
      const next = await slow(running);
      expect(pids.has(next.pid)).toBe(true);
    } finally {
      await running.stop();
    }
  });
});
