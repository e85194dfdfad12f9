import { join } from 'node:path';
import type { LoadedTemplate } from '../template/template';
import { readFunctions, skippedLines, type FunctionSpec, type SkippedFunction } from '../template/functions';
import { layerNodePath } from '../template/layers';
import { compactMetrics } from './emf';
import { envOverridesFor, type EnvVarsFile } from './env-vars-file';
import { environmentNotes, lambdaEnvironment } from './environment';
import { DEFAULT_REGION } from '../template/symbols';
import { attachLine, inspectorFlag, type InspectorOptions } from './inspector';
import { prepareFunctionCode } from './function-code';
import { nodeFor } from './node-binary';
import { FunctionPool } from './pool';
import { functionNotes } from './function-notes';
import { startTypeCheck } from './type-check';

export interface LocalFunctionsOptions {
  loaded: LoadedTemplate;
  /**
   * The functions to build and run, by logical id. A function the toolkit cannot run (readFunctions' skipped) gets a
   * pool that answers every invocation with the reason.
   */
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
 * Makes each function's code ready (esbuild functions built with the SAM-equivalent options plus source maps for
 * local runs, the others run from CodeUri or their InlineCode), optionally watches it, and gives it a pool of worker
 * processes on the Node of the template's runtime (nodeFor), its local layers on NODE_PATH. One line at start-up
 * names each function of the template that is skipped, and each layer that cannot be had offline.
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
  const { functions, skipped } = readFunctions(loaded, parameters);
  for (const line of skippedLines(skipped)) log(line);
  const served: FunctionSpec[] = [];
  for (const functionId of options.functionIds) {
    const fn = functions.find((candidate) => candidate.logicalId === functionId);
    const skip = skipped.find((candidate) => candidate.logicalId === functionId);
    if (fn) served.push(fn);
    else if (skip) pools.set(functionId, skippedPool(skip));
    else throw new Error(`No function ${functionId} in ${loaded.path}`);
  }
  try {
    for (const [index, fn] of served.entries()) {
      const functionId = fn.logicalId;
      const outdir = join(buildDir, functionId);
      for (const note of functionNotes(fn)) log(note);
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
      const code = await prepareFunctionCode(fn, outdir, {
        local: { ...local, ...(inspector ? { readableNames: true } : {}) },
        ...(options.watch
          ? {
              // Node starts for the next environment while the code builds (pool.ts, prepareReload).
              onChanging: () => pools.get(functionId)?.prepareReload(),
              onChange: (outcome) => {
                if (outcome.ok) {
                  pools.get(functionId)?.reload();
                  log(
                    fn.code.kind === 'esbuild'
                      ? `Rebuilt ${functionId} (${outcome.bytes} bytes); the next request runs the new code`
                      : `${functionId} changed; the next request runs the new code`,
                  );
                } else {
                  pools.get(functionId)?.markUnavailable(outcome.message);
                  log(`Build failed, ${functionId} answers 502 until it is fixed:\n${outcome.message}`);
                }
              },
            }
          : {}),
      });
      disposers.push(code.dispose);
      const pool = new FunctionPool(
        {
          fn,
          taskRoot: code.taskRoot,
          handler: code.handler,
          nodePath: layerNodePath(fn.layers, fn.runtime),
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
      if (inspector) {
        attachLines.push(attachLine(functionId, inspector, index));
        pool.prestart();
      }
    }
    if (options.typeCheck) {
      // TypeScript is checked where esbuild builds it; plain JavaScript and pre-built code have nothing to check.
      const codeDirs = served.filter((fn) => fn.code.kind === 'esbuild').map((fn) => fn.codeDir);
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

// A function the toolkit cannot run: every invocation is answered with why, and nothing is started.
function skippedPool(skip: SkippedFunction): FunctionPool {
  const pool = new FunctionPool(
    {
      fn: unrunnable(skip),
      taskRoot: '.',
      environment: {},
      onOutput: () => undefined,
    },
    1,
  );
  pool.markUnavailable(`${skip.logicalId} is skipped by sam-local: ${skip.reason}`);
  return pool;
}

function unrunnable(skip: SkippedFunction): FunctionSpec {
  return {
    logicalId: skip.logicalId,
    codeDir: '.',
    code: { kind: 'directory' },
    handler: '',
    runtime: '',
    timeoutSeconds: 0,
    memorySize: 0,
    buildMethod: undefined,
    buildProperties: {},
    layers: [],
    remoteLayers: [],
    environment: {},
    properties: skip.properties,
  };
}
