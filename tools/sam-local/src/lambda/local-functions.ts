import { join } from 'node:path';
import type { LoadedTemplate } from '../template/template';
import { findFunction } from '../template/functions';
import { builtHandlerPath, buildFunction, watchFunction } from './build';
import { compactMetrics } from './emf';
import { envOverridesFor, type EnvVarsFile } from './env-vars-file';
import { environmentNotes, lambdaEnvironment } from './environment';
import { DEFAULT_REGION } from '../template/symbols';
import { attachLine, inspectorFlag, type InspectorOptions } from './inspector';
import { nodeFor } from './node-binary';
import { FunctionPool } from './pool';
import { startTypeCheck } from './type-check';

export interface LocalFunctionsOptions {
  loaded: LoadedTemplate;
  /** The functions to build and run, by logical id. */
  functionIds: string[];
  /** Unused: `loaded` is resolved with the parameter overrides already (loadTemplate). Kept for existing callers. */
  parameters?: Record<string, string>;
  envVars?: EnvVarsFile;
  /** Powertools' POWERTOOLS_DEV pretty printing for the functions' logs. */
  prettyLogs?: boolean;
  /** Where built code goes. Default: .aws-sam/local-build beside the template. */
  buildDir?: string;
  /** Execution environments per function (default 1). Debugging keeps it at 1: one inspector port per function. */
  maxEnvironments?: number;
  /** Rebuild on source changes and serve the new code on the next invocation. */
  watch?: boolean;
  /** Type-check the functions' TypeScript in the background (tsc --watch) and report errors in the log. */
  typeCheck?: boolean;
  /** Source maps for local builds, and Node's --enable-source-maps in the workers (default true). */
  sourceMaps?: boolean;
  /** Start each function's worker with the Node inspector. */
  inspector?: InspectorOptions;
  log: (line: string) => void;
  functionOutput: (functionId: string, line: string, stream: 'stdout' | 'stderr') => void;
}

/** The template's functions, built and ready to run: one pool of execution environments per function. */
export interface LocalFunctions {
  functionIds: string[];
  pool: (functionId: string) => FunctionPool | undefined;
  /** Where to attach a debugger, one line per function (empty without an inspector). */
  attachLines: string[];
  /** Lets running invocations finish, then stops the environments and watchers. */
  close: () => Promise<void>;
}

/**
 * Builds each function with the SAM-equivalent esbuild options (plus source maps, for local runs), optionally
 * watches its sources, and gives it a pool of worker processes on the Node of the template's runtime (nodeFor).
 * The local API and the Lambda invoke endpoint run invocations on the same pools when they are served together.
 */
export async function startLocalFunctions(options: LocalFunctionsOptions): Promise<LocalFunctions> {
  const { loaded, log, inspector } = options;
  const parameters = options.parameters ?? {};
  const buildDir = options.buildDir ?? join(loaded.dir, '.aws-sam', 'local-build');
  const local = { localSourceMaps: options.sourceMaps ?? true };
  const pools = new Map<string, FunctionPool>();
  const disposers: Array<() => Promise<void>> = [];
  const attachLines: string[] = [];
  const nodeSummaries = new Set<string>();
  if (inspector && (options.maxEnvironments ?? 1) > 1) {
    log('Debugging: one execution environment per function (--max-environments ignored), so every request reaches it');
  }
  try {
    for (const [index, functionId] of options.functionIds.entries()) {
      const fn = findFunction(loaded, functionId, parameters);
      const outdir = join(buildDir, functionId);
      const node = nodeFor(fn.runtime);
      // Said once per runtime, at start-up.
      if (!nodeSummaries.has(node.summary)) log(node.summary);
      nodeSummaries.add(node.summary);
      const overrides = envOverridesFor(options.envVars, functionId);
      const environment = lambdaEnvironment(fn, {
        region: loaded.region ?? DEFAULT_REGION,
        overrides,
        toolkit: options.prettyLogs ? { POWERTOOLS_DEV: 'true' } : {},
      });
      // Said once, at start-up: each variable whose value only a deployed stack knows, and what it is here.
      for (const line of environmentNotes(loaded, fn, { overrides, ownSection: options.envVars?.[functionId] }))
        log(line);
      // POWERTOOLS_DEV also silences Powertools Metrics; unless told otherwise, keep them on and show each EMF
      // document as one compact line (below).
      if (options.prettyLogs) environment.POWERTOOLS_METRICS_DISABLED ??= 'false';
      // Whichever node runs the worker (the toolkit's own or the template's major) gets these flags.
      const nodeFlags = [
        ...(local.localSourceMaps ? ['--enable-source-maps'] : []),
        ...(inspector ? [inspectorFlag(inspector, index)] : []),
      ];
      const pool = new FunctionPool(
        {
          fn,
          handlerPath: builtHandlerPath(fn, outdir),
          environment,
          onOutput: (line, stream) =>
            options.functionOutput(functionId, (options.prettyLogs && compactMetrics(line)) || line, stream),
          execPath: node.execPath,
          nodeFlags,
          debugging: inspector !== undefined,
        },
        inspector ? 1 : (options.maxEnvironments ?? 1),
      );
      pools.set(functionId, pool);
      if (options.watch) {
        const watcher = await watchFunction(
          fn,
          outdir,
          (outcome) => {
            if (outcome.ok) {
              pool.reload();
              log(`Rebuilt ${functionId} (${outcome.bytes} bytes); the next request runs the new code`);
            } else {
              pool.markUnavailable(outcome.message);
              log(`Build failed, ${functionId} answers 502 until it is fixed:\n${outcome.message}`);
            }
          },
          local,
        );
        disposers.push(watcher.dispose);
        if (!watcher.first.ok) throw new Error(watcher.first.message);
      } else {
        await buildFunction(fn, outdir, local);
      }
      if (inspector) {
        attachLines.push(attachLine(functionId, inspector, index));
        pool.prestart();
      }
    }
    if (options.typeCheck) {
      const codeDirs = options.functionIds.map((functionId) => findFunction(loaded, functionId, parameters).codeDir);
      disposers.push(startTypeCheck(codeDirs, log).stop);
    }
  } catch (error) {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
    await Promise.all(disposers.map((dispose) => dispose()));
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    functionIds: [...options.functionIds],
    pool: (functionId) => pools.get(functionId),
    attachLines,
    close: () =>
      (closing ??= (async () => {
        await Promise.all([...pools.values()].map((pool) => pool.close()));
        await Promise.all(disposers.map((dispose) => dispose()));
      })()),
  };
}
