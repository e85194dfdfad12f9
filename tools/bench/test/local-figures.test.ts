import { figuresOf, targetChecks, type LocalResults } from '../lib/local/figures';
import { renderLocalReport } from '../lib/local/report';

const memory = (pssMiB: number) => ({ processes: 2, rssMiB: pssMiB * 2, pssMiB });

// A run's raw samples, small enough to check the medians and the targets by hand.
const results: LocalResults = {
  start: {
    floor: { cold: [300, 100, 200], warm: [90, 110, 100] },
    'sam-local': { cold: [1500, 1300, 1400], warm: [900, 1100, 1000] },
    'serverless-offline': { cold: [4000, 5000, 6000], warm: [3000, 3000, 3000] },
  },
  edit: {
    floor: { trivial: [1000, 1200], hello: [1000, 1000] },
    'sam-local': { trivial: [100, 200], hello: [400, 300] },
    'serverless-offline': { trivial: [200, 300], hello: [300, 300] },
  },
  latency: [
    { tool: 'floor', handler: 'trivial', clients: 1, p50Ms: 0.2, p99Ms: 1, responses: 100, errors: 0 },
    { tool: 'sam-local', handler: 'trivial', clients: 1, p50Ms: 0.9, p99Ms: 3, responses: 100, errors: 0 },
    { tool: 'serverless-offline', handler: 'trivial', clients: 1, p50Ms: 2, p99Ms: 2, responses: 100, errors: 0 },
    { tool: 'floor', handler: 'hello', clients: 1, p50Ms: 0.5, p99Ms: 2, responses: 100, errors: 0 },
    { tool: 'sam-local', handler: 'hello', clients: 1, p50Ms: 1.6, p99Ms: 4, responses: 100, errors: 0 },
    { tool: 'serverless-offline', handler: 'hello', clients: 1, p50Ms: 3, p99Ms: 9, responses: 100, errors: 0 },
  ],
  throughput: [
    { tool: 'floor', environments: 1, perSlice: [1000, 3000, 2000], errors: 0, memory: memory(40) },
    { tool: 'sam-local', environments: 1, perSlice: [500, 700, 600], errors: 0, memory: memory(50) },
    { tool: 'serverless-offline', environments: 1, perSlice: [400, 450, 500], errors: 0, memory: memory(120) },
    { tool: 'floor', environments: 4, perSlice: [2000], errors: 0, memory: memory(40) },
    { tool: 'sam-local', environments: 4, perSlice: [900], errors: 0, memory: memory(100) },
    { tool: 'serverless-offline', environments: 4, perSlice: [1000], errors: 0, memory: memory(90) },
  ],
};

describe('bench:local figures', () => {
  const figures = figuresOf(results);
  const figure = (name: string) => figures.find((f) => f.name === name);

  it('reduces samples to medians per tool, each figure knowing which way is better', () => {
    expect(figure('start → first 200, cold')?.values).toEqual({
      floor: 200,
      'sam-local': 1400,
      'serverless-offline': 5000,
    });
    expect(figure('edit → served, hello')?.values['sam-local']).toBe(350);
    expect(figure('latency p99, hello, 1 client')?.values['serverless-offline']).toBe(9);
    expect(figure('throughput, 1 environment')).toMatchObject({ lowerIsBetter: false, values: { floor: 2000 } });
    expect(figure('memory (PSS), 4 environments')).toMatchObject({ lowerIsBetter: true, values: { 'sam-local': 100 } });
  });

  it('checks the targets from the medians: start, edit, overhead over the floor, and the peer per figure', () => {
    const checks = new Map(targetChecks(results, figures).map((c) => [c.target, c]));
    expect(checks.get('start → first 200, warm ≤ 1,000 ms')).toMatchObject({ value: '1000 ms', met: true });
    expect(checks.get('edit → served, trivial ≤ 300 ms')?.met).toBe(true);
    expect(checks.get('edit → served, hello ≤ 300 ms')).toMatchObject({ value: '350 ms', met: false });
    expect(checks.get('p50 over the floor ≤ 1 ms, trivial, 1 client')).toMatchObject({ value: '+0.70 ms', met: true });
    expect(checks.get('p50 over the floor ≤ 1 ms, hello, 1 client')).toMatchObject({ value: '+1.10 ms', met: false });
    // Lower is better for times, higher for requests/s; a tie counts as at least as good.
    expect(checks.get('at least as good as serverless-offline: latency p99, trivial, 1 client')?.met).toBe(false);
    expect(checks.get('at least as good as serverless-offline: latency p99, hello, 1 client')?.met).toBe(true);
    expect(checks.get('at least as good as serverless-offline: throughput, 1 environment')?.met).toBe(true);
    expect(checks.get('at least as good as serverless-offline: throughput, 4 environments')?.met).toBe(false);
    expect(checks.get('at least as good as serverless-offline: edit → served, trivial')?.met).toBe(true);
    expect(checks.get('at least as good as serverless-offline: memory (PSS), 4 environments')?.met).toBe(false);
  });

  it('prints each figure with its ratios to the floor and to serverless-offline', () => {
    const report = renderLocalReport({ results, rounds: { start: 3, edit: 2, load: 3 }, sliceSeconds: 2 });
    expect(report).toContain(
      '| start → first 200, cold | sam-local start-api | 1400 | 7.00× | 0.28× | 1300 / **1400** / 1500 |',
    );
    expect(report).toContain('| throughput, 4 environments | sam-local start-api | 900 | 0.45× | 0.90× |');
    expect(report).toContain('| edit → served, hello ≤ 300 ms | 350 ms | **no** |');
  });
});
