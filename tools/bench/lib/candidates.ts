import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildFunction } from 'sam-local-node';
import { lambdaEnvironment } from 'sam-local-node';
import { findFunction, splitHandler, type FunctionSpec } from 'sam-local-node';
import type { LoadedTemplate } from 'sam-local-node';
import { BENCH_DIR } from './paths';

export type CandidateName = 'bare' | 'floor' | 'project';

export const CANDIDATE_NAMES: readonly CandidateName[] = ['bare', 'floor', 'project'];

export const CANDIDATE_LABELS: Record<CandidateName, string> = {
  bare: 'bare handler',
  floor: 'required-work floor',
  project: 'this project',
};

export interface BuiltCandidate {
  name: CandidateName;
  handlerPath: string;
  exportName: string;
  minifiedBytes: number;
  gzippedBytes: number;
}

export const PROJECT_FUNCTION = 'HelloWorldFunction';

/**
 * The project's function as the template declares it, and a stand-in for each baseline: the same spec
 * (BuildProperties, handler, environment) pointed at tools/bench/candidates/<name>/, so all three are built with
 * exactly the esbuild settings `sam build` would use for the real function.
 */
export function candidateSpecs(loaded: LoadedTemplate): Record<CandidateName, FunctionSpec> {
  const project = findFunction(loaded, PROJECT_FUNCTION);
  const standIn = (name: CandidateName): FunctionSpec => ({
    ...project,
    logicalId: `${project.logicalId}[bench:${name}]`,
    codeDir: join(BENCH_DIR, 'candidates', name),
  });
  return { bare: standIn('bare'), floor: standIn('floor'), project };
}

/** Lambda's environment for the project's function; every candidate runs with it. */
export function benchEnvironment(loaded: LoadedTemplate): Record<string, string> {
  return lambdaEnvironment(loaded.template, findFunction(loaded, PROJECT_FUNCTION));
}

export async function buildCandidate(name: CandidateName, fn: FunctionSpec, outdir: string): Promise<BuiltCandidate> {
  const built = await buildFunction(fn, join(outdir, name));
  return {
    name,
    handlerPath: built.handlerPath,
    exportName: splitHandler(fn.handler).exportName,
    minifiedBytes: built.bytes,
    // Default zlib level, as a deployment zip deflates it.
    gzippedBytes: gzipSync(readFileSync(built.handlerPath)).length,
  };
}
