import { resolve } from 'node:path';
import { isFunctionResource, LAMBDA_FUNCTION, SAM_FUNCTION } from './function-types';
import { withGlobals } from './globals';
import { layersOf, type FunctionLayer } from './layers';
import { resolveLocalValue } from './parameters';
import type { LoadedTemplate } from './template';

/**
 * Where a function's code comes from, as `sam build` and `sam local` treat it:
 * - `esbuild`: `Metadata: BuildMethod: esbuild`, bundled by esbuild from CodeUri (aws-lambda-builders' nodejs_npm_esbuild);
 * - `directory`: no build metadata (or a `nodejs*` BuildMethod, the npm builder): the code in CodeUri runs as it is,
 *   with its own node_modules, as `sam local` mounts CodeUri at /var/task;
 * - `inline`: `InlineCode`, which CloudFormation writes to `index.js` (AWS::Lambda::Function Code, ZipFile).
 */
export type FunctionCode = { kind: 'esbuild' } | { kind: 'directory' } | { kind: 'inline'; source: string };

/**
 * One function as SAM would build and run it: an AWS::Serverless::Function with Globals applied, or an
 * AWS::Lambda::Function read into the same properties (lambdaFunctionProperties).
 */
export interface FunctionSpec {
  logicalId: string;
  /** Absolute path of CodeUri (the template's folder without one): SAM (with build_in_source) runs esbuild here. */
  codeDir: string;
  code: FunctionCode;
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memorySize: number;
  buildMethod: string | undefined;
  buildProperties: Record<string, unknown>;
  /** Local layers, in the template's order; layers given by ARN are in `remoteLayers`. */
  layers: FunctionLayer[];
  /** Layers that cannot be had offline (an ARN), as written in the template, for one line at start-up. */
  remoteLayers: string[];
  environment: Record<string, unknown>;
  properties: Record<string, unknown>;
}

/** A function of the template that sam-local cannot run, and why (said once at start-up, and by `invoke`). */
export interface SkippedFunction {
  logicalId: string;
  reason: string;
  properties: Record<string, unknown>;
}

export interface TemplateFunctions {
  functions: FunctionSpec[];
  skipped: SkippedFunction[];
}

const SAM_DEFAULT_TIMEOUT_SECONDS = 3;
const SAM_DEFAULT_MEMORY_MB = 128;

/**
 * Every function of the template (AWS::Serverless::Function, AWS::Lambda::Function), split into those sam-local runs
 * and those it skips (image functions, non-Node runtimes, `BuildMethod: makefile`, code in S3), so one such function
 * never stops the others. `parameters` override parameter defaults, as `--parameter-overrides` does for sam local.
 */
export function readFunctions(loaded: LoadedTemplate, parameters: Record<string, string> = {}): TemplateFunctions {
  const { template } = loaded;
  const globals = template.Globals?.Function ?? {};
  const functions: FunctionSpec[] = [];
  const skipped: SkippedFunction[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== SAM_FUNCTION && resource.Type !== LAMBDA_FUNCTION) continue;
    const metadata = resource.Metadata ?? {};
    // Globals.Function merged in by SAM's rule: Environment.Variables from Globals and the function add up. Globals
    // apply to SAM's own resources only.
    const converted =
      resource.Type === SAM_FUNCTION
        ? { properties: withGlobals(globals, resource.Properties ?? {}) }
        : lambdaFunctionProperties(resource.Properties ?? {}, metadata);
    if ('skip' in converted) {
      skipped.push({ logicalId, reason: converted.skip, properties: resource.Properties ?? {} });
      continue;
    }
    const { properties } = converted;
    const read = readFunction(loaded, logicalId, properties, metadata, parameters);
    if ('reason' in read) skipped.push(read);
    else functions.push(read);
  }
  return { functions, skipped };
}

/** The functions sam-local runs (see readFunctions for the ones it skips). */
export function listFunctions(loaded: LoadedTemplate, parameters: Record<string, string> = {}): FunctionSpec[] {
  return readFunctions(loaded, parameters).functions;
}

/** Every function's logical id, in the template's order, those sam-local skips included. */
export function allFunctionIds(loaded: LoadedTemplate): string[] {
  return Object.entries(loaded.template.Resources)
    .filter(([, resource]) => isFunctionResource(resource))
    .map(([logicalId]) => logicalId);
}

/**
 * An AWS::Lambda::Function's properties under SAM's names, as sam local reads it (aws/aws-sam-cli
 * samcli/lib/providers/sam_function_provider.py, _convert_lambda_function_resource): `Code` as a path (what `sam
 * build` writes) is the CodeUri, `Code.ZipFile` the InlineCode; a CDK asset's folder (`Metadata` `aws:asset:path`,
 * samcli/lib/samlib/resource_metadata_normalizer.py) is the CodeUri. Code in S3 cannot run offline: SAM CLI runs the
 * template's folder instead; here the function is skipped, with that reason.
 */
function lambdaFunctionProperties(
  properties: Record<string, unknown>,
  metadata: Record<string, unknown>,
): { properties: Record<string, unknown> } | { skip: string } {
  const { Code: code, ...rest } = properties;
  if (typeof code === 'string') return { properties: { ...rest, CodeUri: code } };
  const asset = metadata['aws:asset:path'];
  if (typeof asset === 'string') return { properties: { ...rest, CodeUri: asset } };
  if (typeof code === 'object' && code !== null && 'ZipFile' in code) {
    return { properties: { ...rest, InlineCode: code.ZipFile } };
  }
  // An image function is skipped for being one (readFunction).
  if (rest.PackageType === 'Image') return { properties: rest };
  return { skip: 'its Code is in S3; only local code can run offline' };
}

function readFunction(
  loaded: LoadedTemplate,
  logicalId: string,
  properties: Record<string, unknown>,
  metadata: Record<string, unknown>,
  parameters: Record<string, string>,
): FunctionSpec | SkippedFunction {
  const { template, dir } = loaded;
  const value = (raw: unknown): string | undefined => resolveLocalValue(template, raw, parameters);
  const skip = (reason: string): SkippedFunction => ({ logicalId, reason, properties });

  if (value(properties.PackageType) === 'Image')
    return skip('it is an image function (PackageType: Image); sam-local runs .zip functions');
  const runtime = value(properties.Runtime);
  if (runtime === undefined) return skip('it has no Runtime');
  if (!runtime.startsWith('nodejs')) return skip(`its runtime is ${runtime}; sam-local runs Node.js functions only`);
  const buildMethod = typeof metadata.BuildMethod === 'string' ? metadata.BuildMethod : undefined;
  // SAM's build methods for a function: esbuild, makefile, or the runtime's own builder (npm for nodejs*).
  if (buildMethod !== undefined && buildMethod !== 'esbuild' && !buildMethod.startsWith('nodejs')) {
    return skip(
      `BuildMethod: ${buildMethod} is not supported; sam-local builds esbuild functions and runs the others from CodeUri`,
    );
  }
  const handler = value(properties.Handler);
  if (handler === undefined) return skip('it has no Handler');

  let code: FunctionCode;
  let codeDir = dir;
  if (properties.InlineCode !== undefined) {
    const source = value(properties.InlineCode);
    if (source === undefined) return skip('its InlineCode cannot be resolved locally');
    code = { kind: 'inline', source };
  } else {
    const codeUri = properties.CodeUri;
    if (codeUri !== undefined) {
      const path = value(codeUri);
      if (path === undefined || typeof codeUri === 'object' || path.startsWith('s3://')) {
        return skip('its CodeUri is in S3; only local code can run offline');
      }
      // sam local unzips an archive CodeUri into its container; sam-local runs folders only.
      if (/\.(zip|jar)$/i.test(path)) return skip(`its CodeUri is an archive (${path}); sam-local runs a folder`);
      codeDir = resolve(dir, path);
    }
    code = buildMethod === 'esbuild' ? { kind: 'esbuild' } : { kind: 'directory' };
  }
  const { layers, remote } = layersOf(loaded, properties.Layers, parameters);
  return {
    logicalId,
    codeDir,
    code,
    handler,
    runtime,
    timeoutSeconds: Number(value(properties.Timeout) ?? SAM_DEFAULT_TIMEOUT_SECONDS),
    memorySize: Number(value(properties.MemorySize) ?? SAM_DEFAULT_MEMORY_MB),
    buildMethod,
    buildProperties: (metadata.BuildProperties as Record<string, unknown> | undefined) ?? {},
    layers,
    remoteLayers: remote,
    environment: (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
    properties,
  };
}

/** One line per skipped function, for start-up: names it, says why and that the others are served. */
export function skippedLines(skipped: SkippedFunction[]): string[] {
  return skipped.map((fn) => `Skipping ${fn.logicalId}: ${fn.reason}. The other functions are served.`);
}

export function findFunction(
  loaded: LoadedTemplate,
  logicalId?: string,
  parameters: Record<string, string> = {},
): FunctionSpec {
  const { functions, skipped } = readFunctions(loaded, parameters);
  const names = [...functions, ...skipped].map((f) => f.logicalId).join(', ');
  if (logicalId === undefined) {
    if (functions.length === 1 && functions[0] && skipped.length === 0) return functions[0];
    throw new Error(`The template has ${functions.length + skipped.length} functions; name one: ${names}`);
  }
  const found = functions.find((f) => f.logicalId === logicalId);
  if (found) return found;
  const skip = skipped.find((f) => f.logicalId === logicalId);
  if (skip) throw new Error(`${logicalId} cannot run in sam-local: ${skip.reason}`);
  throw new Error(`No function ${logicalId} in ${loaded.path}; it has: ${names}`);
}

/**
 * Lambda's reading of a Handler (aws-lambda-nodejs-runtime-interface-client src/UserFunction.js): the folders before
 * the last `/` are the module root; in the rest, the module is before the first `.` and the export path after it,
 * itself dotted for nested exports (`index.handlers.get` → module `index`, export `handlers.get`).
 */
export function splitHandler(handler: string): { moduleRoot: string; module: string; exportName: string } {
  const slash = handler.lastIndexOf('/');
  const moduleRoot = handler.slice(0, slash + 1);
  const base = handler.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot < 0 || handler.includes('..')) throw new Error(`Handler "${handler}" is not of the form file.export`);
  return { moduleRoot, module: base.slice(0, dot), exportName: base.slice(dot + 1) };
}
