import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CandidateName } from './candidates';
import { RUNNER_DIR } from './paths';
import { spread, type Spread } from './stats';

export interface ColdSample {
  wallMs: number;
  loadMs: number;
  firstInvocationMs: number;
  loadCpuMs: number;
  firstInvocationCpuMs: number;
  peakRssKb: number;
}

export interface ColdResult {
  /** Process wall time minus the median wall time of `node -e 0` in the same run. */
  wallMs: Spread;
  loadMs: Spread;
  firstInvocationMs: Spread;
  /** Module load plus first invocation, per process. */
  inProcessMs: Spread;
  /** CPU time (user + system) of module load plus first invocation: steadier than wall time on a busy machine. */
  inProcessCpuMs: Spread;
  peakRssMb: Spread;
}

/** A bundle to cold-start: where it is and what it exports. */
export interface ColdCandidate<Name extends string> {
  name: Name;
  handlerPath: string;
  exportName: string;
  /** Added to the process environment, e.g. NODE_OPTIONS as SAM would set it. */
  extraEnv?: Record<string, string>;
}

export interface ColdRun<Name extends string = CandidateName> {
  nodeBaselineMs: Spread;
  candidates: Record<Name, ColdResult>;
}

interface ColdOptions<Name extends string> {
  node: string;
  candidates: Array<ColdCandidate<Name>>;
  eventFile: string;
  env: Record<string, string>;
  rounds: number;
  scratchDir: string;
}

function timedSpawn(node: string, args: string[], env: Record<string, string>): number {
  const start = process.hrtime.bigint();
  // stdout and stderr to /dev/null: the logs are written as on Lambda, and nobody reads them here.
  const run = spawnSync(node, args, { env, stdio: 'ignore', timeout: 30_000 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`${node} ${args.join(' ')} exited with ${run.status ?? run.signal}`);
  return wallMs;
}

function coldStartOnce<Name extends string>(options: ColdOptions<Name>, candidate: ColdCandidate<Name>): ColdSample {
  const resultFile = join(options.scratchDir, `cold-${candidate.name}.json`);
  rmSync(resultFile, { force: true });
  const script = join(RUNNER_DIR, 'cold-start.cjs');
  const args = [script, candidate.handlerPath, candidate.exportName, options.eventFile, resultFile];
  const wallMs = timedSpawn(options.node, args, { ...options.env, ...candidate.extraEnv });
  const reported = JSON.parse(readFileSync(resultFile, 'utf8')) as Omit<ColdSample, 'wallMs'> & { statusCode: number };
  if (reported.statusCode !== 200)
    throw new Error(`${candidate.name}: first invocation answered ${reported.statusCode}`);
  return {
    wallMs,
    loadMs: reported.loadMs,
    firstInvocationMs: reported.firstInvocationMs,
    loadCpuMs: reported.loadCpuMs,
    firstInvocationCpuMs: reported.firstInvocationCpuMs,
    peakRssKb: reported.peakRssKb,
  };
}

/**
 * Fresh processes, interleaved: each round runs `node -e 0` and every candidate once, the order rotated
 * from round to round so no candidate always follows the same neighbour.
 */
export function measureColdStarts<Name extends string>(options: ColdOptions<Name>): ColdRun<Name> {
  const baseline: number[] = [];
  const samples = new Map<Name, ColdSample[]>(options.candidates.map((c) => [c.name, []]));
  const slots: Array<ColdCandidate<Name> | 'baseline'> = ['baseline', ...options.candidates];
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[(i + round) % slots.length] as ColdCandidate<Name> | 'baseline';
      if (slot === 'baseline') baseline.push(timedSpawn(options.node, ['-e', '0'], options.env));
      else samples.get(slot.name)?.push(coldStartOnce(options, slot));
    }
  }
  const nodeBaselineMs = spread(baseline);
  const candidates = Object.fromEntries(
    [...samples].map(([name, list]) => [
      name,
      {
        wallMs: spread(list.map((s) => s.wallMs - nodeBaselineMs.median)),
        loadMs: spread(list.map((s) => s.loadMs)),
        firstInvocationMs: spread(list.map((s) => s.firstInvocationMs)),
        inProcessMs: spread(list.map((s) => s.loadMs + s.firstInvocationMs)),
        inProcessCpuMs: spread(list.map((s) => s.loadCpuMs + s.firstInvocationCpuMs)),
        peakRssMb: spread(list.map((s) => s.peakRssKb / 1024)),
      },
    ]),
  ) as Record<Name, ColdResult>;
  return { nodeBaselineMs, candidates };
}
