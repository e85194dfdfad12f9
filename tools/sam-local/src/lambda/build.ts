import { existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { build, context, type BuildOptions, type BuildResult as EsbuildResult } from 'esbuild';
import { splitHandler, type FunctionSpec } from '../template/functions';
import { writeFilesAtomically } from './atomic-write';

export interface LocalBuildOptions {
  /**
   * Also write source maps (linked: app.js.map and a sourceMappingURL comment), for local runs only: the
   * SAM-equivalent build, which is what gets deployed, has them only when the template's Sourcemap says so.
   */
  localSourceMaps?: boolean;
}

/**
 * esbuild options equivalent to what `sam build` passes for `BuildMethod: esbuild`
 * (aws-lambda-builders' nodejs_npm_esbuild workflow): --bundle --platform=node, then
 * --target=es2020 --format=cjs --minify unless BuildProperties set them, and each
 * PascalCase BuildProperty mapped to its esbuild flag. Unknown properties are an error
 * here, so a local build never silently differs from SAM's.
 */
export function samEsbuildOptions(fn: FunctionSpec, outdir: string, local: LocalBuildOptions = {}): BuildOptions {
  if (fn.buildMethod !== 'esbuild') {
    throw new Error(`${fn.logicalId}: Metadata.BuildMethod must be esbuild (found ${String(fn.buildMethod)})`);
  }
  const props = fn.buildProperties;
  const known = new Set([
    'Minify',
    'Target',
    'Format',
    'Sourcemap',
    'EntryPoints',
    'External',
    'Loader',
    'MainFields',
    'OutExtension',
    'Banner',
    'Footer',
    'Define',
    'SourcesContent',
  ]);
  const unknown = Object.keys(props).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${fn.logicalId}: unsupported BuildProperties: ${unknown.join(', ')}`);

  const options: BuildOptions = {
    absWorkingDir: fn.codeDir,
    entryPoints: entryPoints(fn),
    bundle: true,
    platform: 'node',
    outdir,
    target: 'Target' in props ? String(props.Target) : 'es2020',
    format: ('Format' in props ? String(props.Format) : 'cjs') as BuildOptions['format'],
    minify: 'Minify' in props ? props.Minify === true : true,
    // A local run adds a linked map (app.js.map beside app.js) for TypeScript stack traces and breakpoints.
    sourcemap: props.Sourcemap === true || local.localSourceMaps === true,
    logLevel: 'silent',
  };
  if ('SourcesContent' in props) options.sourcesContent = String(props.SourcesContent) !== 'false';
  if ('MainFields' in props) options.mainFields = String(props.MainFields).split(',');
  if ('External' in props) options.external = stringList(fn, 'External');
  if ('Loader' in props) options.loader = pairs(fn, 'Loader') as BuildOptions['loader'];
  if ('OutExtension' in props) options.outExtension = pairs(fn, 'OutExtension');
  if ('Banner' in props) options.banner = pairs(fn, 'Banner');
  if ('Footer' in props) options.footer = pairs(fn, 'Footer');
  if ('Define' in props) options.define = pairs(fn, 'Define');
  return options;
}

// SAM resolves each entry point against CodeUri, adding .ts or .js when it has no extension.
function entryPoints(fn: FunctionSpec): string[] {
  const entries = fn.buildProperties.EntryPoints;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new Error(`${fn.logicalId}: BuildProperties.EntryPoints must be a non-empty list`);
  }
  return entries.map((entry: unknown) => {
    const name = String(entry);
    const candidates = extname(name) ? [name] : [`${name}.ts`, `${name}.js`];
    const found = candidates.find((candidate) => existsSync(join(fn.codeDir, candidate)));
    if (!found) throw new Error(`${fn.logicalId}: entry point ${join(fn.codeDir, name)} does not exist`);
    return found;
  });
}

function stringList(fn: FunctionSpec, key: string): string[] {
  const value = fn.buildProperties[key];
  if (!Array.isArray(value)) throw new Error(`${fn.logicalId}: BuildProperties.${key} must be a list`);
  return value.map(String);
}

// `[".js=.mjs"]` → `{ ".js": ".mjs" }`, the form of esbuild's --out-extension:.js=.mjs flags.
function pairs(fn: FunctionSpec, key: string): Record<string, string> {
  const value = fn.buildProperties[key];
  const items = typeof value === 'string' ? [value] : stringList(fn, key);
  return Object.fromEntries(
    items.map((item) => {
      const at = item.indexOf('=');
      if (at <= 0) throw new Error(`${fn.logicalId}: BuildProperties.${key} item "${item}" is not key=value`);
      return [item.slice(0, at), item.slice(at + 1)];
    }),
  );
}

/** Where the built handler module lands, as Lambda will look for it in the artifact directory. */
export function builtHandlerPath(fn: FunctionSpec, outdir: string): string {
  const { module } = splitHandler(fn.handler);
  const extension = samEsbuildOptions(fn, outdir).outExtension?.['.js'] ?? '.js';
  return join(outdir, `${module}${extension}`);
}

export interface BuildResult {
  outdir: string;
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
  const handlerPath = builtHandlerPath(fn, outdir);
  if (!existsSync(handlerPath)) {
    throw new Error(
      `${fn.logicalId}: the build wrote no ${handlerPath}; Handler "${fn.handler}" must name a built entry point`,
    );
  }
  return { outdir, handlerPath, bytes: statSync(handlerPath).size };
}

export function formatBuildFailure(error: unknown): string {
  const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> })
    .errors;
  if (!Array.isArray(errors)) return String(error);
  return errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)).join('\n');
}

export type RebuildOutcome = { ok: true; bytes: number } | { ok: false; message: string };

/**
 * Watches one function's sources with esbuild's own watch mode, using the same SAM-equivalent
 * options as buildFunction, and reports every build (the first included). Resolves after the
 * first build, with a handle to stop watching.
 */
export async function watchFunction(
  fn: FunctionSpec,
  outdir: string,
  onBuild: (outcome: RebuildOutcome) => void,
  local: LocalBuildOptions = {},
): Promise<{ first: RebuildOutcome; dispose: () => Promise<void> }> {
  const handlerPath = builtHandlerPath(fn, outdir);
  let resolveFirst: (outcome: RebuildOutcome) => void = () => undefined;
  const first = new Promise<RebuildOutcome>((resolve) => (resolveFirst = resolve));
  let built = 0;
  const report = (result: EsbuildResult): void => {
    if (result.errors.length === 0) writeFilesAtomically(result.outputFiles ?? []);
    const outcome: RebuildOutcome =
      result.errors.length > 0
        ? { ok: false, message: `${fn.logicalId}: esbuild failed:\n${formatBuildFailure(result)}` }
        : existsSync(handlerPath)
          ? { ok: true, bytes: statSync(handlerPath).size }
          : { ok: false, message: `${fn.logicalId}: the build wrote no ${handlerPath}` };
    if (built++ === 0) resolveFirst(outcome);
    else onBuild(outcome);
  };
  const ctx = await context({
    ...samEsbuildOptions(fn, outdir, local),
    write: false,
    plugins: [{ name: 'report-builds', setup: (b) => b.onEnd(report) }],
  });
  await ctx.watch();
  return { first: await first, dispose: () => ctx.dispose() };
}
