import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FunctionSpec } from '../template/functions';

/**
 * The esbuild command line `sam build` runs for a `BuildMethod: esbuild` function, minus the executable:
 * - BuildProperties keys go from PascalCase to snake_case (SAM CLI samlib/resource_metadata_normalizer.py,
 *   normalize_build_properties), then to kebab-case flags (aws-lambda-builders workflows/nodejs_npm_esbuild/esbuild.py,
 *   EsbuildCommandBuilder): `true` → `--name`, `false` → nothing, a string → `--name=value`, a list → `--name:item`
 *   per item; any other value is refused as the builder refuses it;
 * - EntryPoints (default: the Handler up to its first `.`, as SAM CLI lib/build/app_builder.py sets it) each resolved
 *   against CodeUri, with `.ts` then `.js` tried when it has no extension;
 * - `--bundle --platform=node --outdir=…`, and `--target=es2020 --format=cjs --minify` unless Target, Format or
 *   Minify is set; Bundle, Platform and Outdir in BuildProperties are ignored, UseNpmCi is for npm;
 * - with `External: ["./node_modules/*"]`, every dependency of CodeUri's package.json is external instead.
 */
export function samEsbuildFlags(fn: FunctionSpec, outdir: string): string[] {
  const config = Object.fromEntries(
    Object.entries(fn.buildProperties).map(([key, value]) => [snakeCase(key), value] as const),
  );
  const flags = [...entryPoints(fn, config.entry_points), '--bundle', '--platform=node', `--outdir=${outdir}`];
  if (!('target' in config)) flags.push('--target=es2020');
  if (!('format' in config)) flags.push('--format=cjs');
  if (!('minify' in config)) flags.push('--minify');
  const external = config.external;
  if (Array.isArray(external) && external.includes('./node_modules/*')) {
    flags.push(...manifestDependencies(fn).map((name) => `--external:${name}`));
    delete config.external;
  }
  for (const [key, value] of Object.entries(config)) {
    if (['bundle', 'platform', 'outdir', 'use_npm_ci', 'entry_points'].includes(key)) continue;
    const flag = `--${key.replaceAll('_', '-')}`;
    if (value === true) flags.push(flag);
    else if (value === false) continue;
    else if (typeof value === 'string') flags.push(`${flag}=${value}`);
    else if (Array.isArray(value)) flags.push(...value.map((item) => `${flag}:${String(item)}`));
    else {
      throw new Error(
        `${fn.logicalId}: BuildProperties.${pascalKey(fn, key)} must be true, false, a string or a list ` +
          `(sam build refuses ${JSON.stringify(value)} too)`,
      );
    }
  }
  return flags;
}

// SAM CLI's BUILD_PROPERTIES_PASCAL_TO_SNAKE_CASE_PATTERN: an underscore before every capital but the first.
function snakeCase(key: string): string {
  return key.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase();
}

function pascalKey(fn: FunctionSpec, snake: string): string {
  return Object.keys(fn.buildProperties).find((key) => snakeCase(key) === snake) ?? snake;
}

function entryPoints(fn: FunctionSpec, configured: unknown): string[] {
  const entries = configured === undefined ? [fn.handler.split('.')[0] ?? fn.handler] : configured;
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

function manifestDependencies(fn: FunctionSpec): string[] {
  try {
    const manifest = JSON.parse(readFileSync(join(fn.codeDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    return Object.keys(manifest.dependencies ?? {});
  } catch {
    return [];
  }
}
