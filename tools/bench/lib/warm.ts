import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColdCandidate } from './cold';
import { RUNNER_DIR } from './paths';
import { percentileOfSorted } from './stats';

export interface WarmResult {
  invocations: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
}

interface WarmOptions {
  node: string;
  candidate: ColdCandidate<string>;
  eventFile: string;
  env: Record<string, string>;
  invocations: number;
  scratchDir: string;
}

/**
 * One process per candidate: the cold first invocation, then `invocations` more timed one by one. Its stdout and
 * stderr (Powertools' log lines and EMF documents) go to /dev/null: written by the process as on Lambda, read by
 * nobody.
 */
export function measureWarm(options: WarmOptions): WarmResult {
  const { candidate } = options;
  const resultFile = join(options.scratchDir, `warm-${candidate.name}.bin`);
  const args = [
    join(RUNNER_DIR, 'warm.cjs'),
    candidate.handlerPath,
    candidate.exportName,
    options.eventFile,
    String(options.invocations),
    resultFile,
  ];
  const run = spawnSync(options.node, args, {
    env: { ...options.env, ...candidate.extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 600_000,
  });
  if (run.error) throw run.error;
  if (run.status !== 0)
    throw new Error(`warm ${candidate.name} exited with ${run.status ?? run.signal}: ${String(run.stderr)}`);
  const bytes = readFileSync(resultFile);
  const durations = new Float64Array(new Uint8Array(bytes).buffer).sort();
  if (durations.length !== options.invocations) throw new Error(`warm ${candidate.name}: ${durations.length} samples`);
  return {
    invocations: durations.length,
    p50Us: percentileOfSorted(durations, 50) / 1000,
    p99Us: percentileOfSorted(durations, 99) / 1000,
    maxUs: (durations[durations.length - 1] as number) / 1000,
  };
}
