import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { build, context, type BuildContext, type BuildOptions, type BuildResult as EsbuildResult } from 'esbuild';
import type { FunctionSpec } from '../template/functions';
import { writeFilesAtomically } from './atomic-write';
import { NOT_WATCHED, watchCodeDir } from './watch-code';
import { buildOptionsFromFlags, EsbuildFlagError } from './esbuild-flags';
import { handlerModuleFile } from './handler-file';
import { samEsbuildFlags } from './sam-esbuild';

export interface LocalBuildOptions {
  /**
   * Also write source maps (linked: app.js.map and a sourceMappingURL comment), for local runs only: the
   * SAM-equivalent build, which is what gets deployed, has them only when the template's Sourcemap says so.
   */
  localSourceMaps?: boolean;
  /**
   * A debugger will attach: no minification and esbuild's keepNames, so a paused frame shows the function's own
   * names for its variables and functions (a minified build shows `Ne` and hides the locals).
   */
  readableNames?: boolean;
}

/**
 * esbuild options equivalent to what `sam build` passes for `BuildMethod: esbuild`: the command line SAM makes
 * (samEsbuildFlags) read as esbuild's CLI reads it (buildOptionsFromFlags). A property SAM or esbuild would refuse is
 * an error naming it, so a local build never silently differs from SAM's.
 */
export function samEsbuildOptions(fn: FunctionSpec, outdir: string, local: LocalBuildOptions = {}): BuildOptions {
  if (fn.code.kind !== 'esbuild') {
    throw new Error(`${fn.logicalId}: Metadata.BuildMethod must be esbuild (found ${String(fn.buildMethod)})`);
  }
  let options: BuildOptions;
  try {
    options = buildOptionsFromFlags(samEsbuildFlags(fn, outdir));
  } catch (error) {
    if (!(error instanceof EsbuildFlagError)) throw error;
    const property = Object.keys(fn.buildProperties).find(
      (key) => key.replace(/(?<!^)(?=[A-Z])/g, '-').toLowerCase() === error.flagName,
    );
    throw new Error(
      `${fn.logicalId}: ${property ? `BuildProperties.${property}` : 'the esbuild command line'}: ${error.message}`,
      { cause: error },
    );
  }
  options.absWorkingDir = fn.codeDir;
  options.logLevel = 'silent';
  // A local run adds a linked map (app.js.map beside app.js) for TypeScript stack traces and breakpoints.
  if (local.localSourceMaps && !options.sourcemap) options.sourcemap = true;
  if (local.readableNames) {
    options.minifyIdentifiers = false;
    options.minifySyntax = false;
    options.minifyWhitespace = false;
    options.keepNames = true;
  }
  return options;
}

/**
 * The Handler as Lambda reads it in the build output: `sam build` keeps the template's Handler when its file is where
 * the Handler says (`src/handlers/get.handler` → `src/handlers/get.js`), and otherwise rewrites it to its last part
 * (`get.handler`), since esbuild writes each entry point relative to their common folder (SAM CLI
 * samcli/lib/build/bundler.py, _update_function_handler).
 */
export function handlerAfterBuild(fn: FunctionSpec, outdir: string): string {
  const slash = fn.handler.lastIndexOf('/');
  const base = fn.handler.slice(slash + 1);
  const lastDot = base.lastIndexOf('.');
  const stem = lastDot > 0 ? base.slice(0, lastDot) : base;
  const expected = join(outdir, fn.handler.slice(0, slash + 1), `${stem}.js`);
  return existsSync(expected) ? fn.handler : base;
}

export interface BuildResult {
  outdir: string;
  /** The Handler as Lambda reads it in outdir (handlerAfterBuild). */
  handler: string;
  /** The file that Handler loads. */
  handlerPath: string;
  bytes: number;
}

/** Builds one function the way `sam build` does, into outdir. Throws with esbuild's messages on failure. */
export async function buildFunction(
  fn: FunctionSpec,
  outdir: string,
  local: LocalBuildOptions = {},
): Promise<BuildResult> {
  const options = samEsbuildOptions(fn, outdir, local);
  let built: EsbuildResult<{ write: false }>;
  try {
    built = await build({ ...options, write: false });
  } catch (error) {
    throw new Error(`${fn.logicalId}: esbuild failed:\n${formatBuildFailure(error)}`, { cause: error });
  }
  // Written by us, atomically: other processes may be building into, and loading from, the same folder.
  writeFilesAtomically(built.outputFiles);
  const handler = handlerAfterBuild(fn, outdir);
  const handlerPath = handlerModuleFile(outdir, handler);
  if (!handlerPath) {
    throw new Error(
      `${fn.logicalId}: the build wrote no module for Handler "${handler}" in ${outdir}; ` +
        `the Handler must name a built entry point`,
    );
  }
  return { outdir, handler, handlerPath, bytes: statSync(handlerPath).size };
}

export function formatBuildFailure(error: unknown): string {
  const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> })
    .errors;
  if (!Array.isArray(errors)) return String(error);
  return errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)).join('\n');
}

export type RebuildOutcome = { ok: true; bytes: number; handler: string } | { ok: false; message: string };

/**
 * Watches one function's sources with esbuild's own watch mode, using the same SAM-equivalent
 * options as buildFunction, and reports every build (the first included). Resolves after the
 * first build, with a handle to stop watching. `onChanging` is called as soon as a change is seen (a file event in
 * the function's folder, or a build starting), before the build is done.
 */
export async function watchFunction(
  fn: FunctionSpec,
  outdir: string,
  onBuild: (outcome: RebuildOutcome) => void,
  local: LocalBuildOptions = {},
  onChanging?: () => void,
): Promise<{ first: RebuildOutcome; dispose: () => Promise<void> }> {
  let resolveFirst: (outcome: RebuildOutcome) => void = () => undefined;
  const first = new Promise<RebuildOutcome>((resolve) => (resolveFirst = resolve));
  let built = 0;
  let building = false;
  // A file changed while a build ran: that build may have read it half-written. Its outcome is not reported, and
  // another build follows it. (The change's own rebuild is not enough: esbuild answers a rebuild() asked during a
  // build its watch mode started with that build's result.)
  let changedDuringBuild = false;
  // Made below, after the plugin that uses it: rebuild() is a no-op until then.
  const made: { ctx?: BuildContext } = {};
  // One rebuild at a time (esbuild's rebuild() called during a rebuild returns that one's result): a call made
  // meanwhile runs once that one is done.
  let rebuilding = false;
  let rebuildAgain = false;
  const rebuild = (): void => {
    const { ctx } = made;
    if (!ctx) return;
    if (rebuilding) {
      rebuildAgain = true;
      return;
    }
    rebuilding = true;
    void ctx
      .rebuild()
      .catch(() => undefined) // reported by onEnd
      .finally(() => {
        rebuilding = false;
        if (rebuildAgain) {
          rebuildAgain = false;
          rebuild();
        }
      });
  };
  const started = (): void => {
    building = true;
    changedDuringBuild = false;
    if (built > 0) onChanging?.();
  };
  const report = (result: EsbuildResult): void => {
    building = false;
    if (changedDuringBuild && built > 0) {
      setImmediate(rebuild); // once this build is over
      return;
    }
    if (result.errors.length === 0) writeFilesAtomically(result.outputFiles ?? []);
    const handler = handlerAfterBuild(fn, outdir);
    const handlerPath = result.errors.length > 0 ? undefined : handlerModuleFile(outdir, handler);
    const outcome: RebuildOutcome =
      result.errors.length > 0
        ? { ok: false, message: `${fn.logicalId}: esbuild failed:\n${formatBuildFailure(result)}` }
        : handlerPath
          ? { ok: true, bytes: statSync(handlerPath).size, handler }
          : { ok: false, message: `${fn.logicalId}: the build wrote no module for Handler "${handler}" in ${outdir}` };
    if (built++ === 0) resolveFirst(outcome);
    else onBuild(outcome);
  };
  const ctx = await context({
    ...samEsbuildOptions(fn, outdir, local),
    write: false,
    plugins: [{ name: 'report-builds', setup: (b) => (b.onStart(started), b.onEnd(report)) }],
  });
  made.ctx = ctx;
  await ctx.watch();
  // esbuild's watch mode polls a few files at a time, so it can take hundreds of milliseconds to see an edit. The
  // function's own folder is also watched by the operating system (fs.watch), which starts the rebuild at once;
  // esbuild's polling still sees the sources outside it. A failed rebuild is reported by onEnd like any other.
  // Not when the build lands in a watched folder (a --build-dir inside CodeUri): each build would start the next.
  const sources = buildsInside(fn.codeDir, outdir)
    ? { close: () => undefined }
    : watchCodeDir(fn.codeDir, rebuild, () => {
        if (building) changedDuringBuild = true;
        onChanging?.();
      });
  return {
    first: await first,
    dispose: () => {
      sources.close();
      return ctx.dispose();
    },
  };
}

/** outdir is inside codeDir, in a folder watchCodeDir watches. */
function buildsInside(codeDir: string, outdir: string): boolean {
  const path = relative(codeDir, outdir);
  if (path === '') return true;
  if (path.startsWith('..') || isAbsolute(path)) return false;
  return !NOT_WATCHED.has(path.split(sep)[0] ?? '');
}
