import type { BuiltCandidate, CandidateName } from './candidates';
import { integer, ms } from './format';
import type { NodeRun } from './node-run';

/**
 * What the project may cost on top of the required-work floor, which does the work every request must do
 * (Powertools Logger and Metrics, one log line, the ColdStart and business metrics) and nothing else. The margins
 * are for the project's own code: reading and checking the name, the response and its CORS headers, the log keys
 * and metric dimension its features need.
 */
export const MARGINS = {
  /** The function's own sources in the bundle; everything else is the Powertools the floor ships too. */
  bundleBytes: 4_096,
  /** Module load + first invocation: what an on-demand cold start bills (INIT) and the first caller waits for.
   *  Lambda bills duration in 1 ms steps. */
  coldMs: 1,
  peakRssMb: 1,
  /** A warm request is billed 1 ms whatever it takes below that; these keep the per-request work visible. */
  warmP50Us: 10,
  warmP99Us: 100,
} as const;

/**
 * The local API is for a developer's curl, browser or Postman: under 100 ms a response feels immediate. It is not
 * held to a bare node:http server: it runs each invocation in a separate process, one at a time per environment,
 * as Lambda does, and that round trip is what caps its throughput.
 */
export const LOCAL_API_P99_MS = 100;

export interface Target {
  node: string;
  target: string;
  value: string;
  met: boolean;
}

function signed(value: number, digits: number): string {
  return `${value >= 0 ? '+' : '−'}${ms(Math.abs(value), digits)}`;
}

export function targets(runs: NodeRun[], bundles: Record<CandidateName, BuiltCandidate>): Target[] {
  const bundleOver = bundles.project.minifiedBytes - bundles.floor.minifiedBytes;
  const list: Target[] = [
    {
      node: 'any',
      target: `bundle ≤ floor + ${integer(MARGINS.bundleBytes)} bytes minified`,
      value: `${bundleOver >= 0 ? '+' : '−'}${integer(Math.abs(bundleOver))} bytes`,
      met: bundleOver <= MARGINS.bundleBytes,
    },
  ];
  for (const run of runs) {
    const node = run.node.label;
    const { project, floor } = run.cold.candidates;
    // CPU time, not wall time: here other processes share the cores and a cold start waits for one, while a
    // Lambda environment has its CPU share to itself; for this CPU-bound start-up the two agree on an idle machine.
    const coldOver = project.inProcessCpuMs.median - floor.inProcessCpuMs.median;
    const rssOver = project.peakRssMb.median - floor.peakRssMb.median;
    const p50Over = run.warm.project.p50Us - run.warm.floor.p50Us;
    const p99Over = run.warm.project.p99Us - run.warm.floor.p99Us;
    list.push(
      {
        node,
        target: `cold start, load + first invocation (CPU time) ≤ floor + ${MARGINS.coldMs} ms`,
        value: `${signed(coldOver, 2)} ms`,
        met: coldOver <= MARGINS.coldMs,
      },
      {
        node,
        target: `cold start, peak RSS ≤ floor + ${MARGINS.peakRssMb} MB`,
        value: `${signed(rssOver, 1)} MB`,
        met: rssOver <= MARGINS.peakRssMb,
      },
      {
        node,
        target: `warm p50 ≤ floor + ${MARGINS.warmP50Us} µs`,
        value: `${signed(p50Over, 1)} µs`,
        met: p50Over <= MARGINS.warmP50Us,
      },
      {
        node,
        target: `warm p99 ≤ floor + ${MARGINS.warmP99Us} µs`,
        value: `${signed(p99Over, 1)} µs`,
        met: p99Over <= MARGINS.warmP99Us,
      },
    );
    if (run.localApi) {
      const api = run.localApi['local-api'];
      list.push({
        node,
        target: `local API: no errors, p99 ≤ ${LOCAL_API_P99_MS} ms`,
        value: `${integer(api.errors)} errors, p99 ${ms(api.p99Ms)} ms`,
        met: api.errors === 0 && api.p99Ms <= LOCAL_API_P99_MS,
      });
    }
  }
  return list;
}
