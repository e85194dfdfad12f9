import type { BuildOptions, Drop, Format, Loader, LogLevel, Platform } from 'esbuild';

/**
 * esbuild's command-line flags read into the options of its JavaScript API, flag by flag as esbuild's own CLI reads
 * them (github.com/evanw/esbuild pkg/cli/cli_impl.go, parseOptionsImpl): `--name` and `--name=true|false` for the
 * booleans, `--name=value` for values (comma-separated lists where esbuild splits them), `--name:key=value` for the
 * maps and lists. `sam build` runs esbuild's CLI with the flags it makes of BuildProperties (see sam-esbuild.ts);
 * reading the same flags here gives the local build the options that CLI would use. Throws on a flag esbuild's CLI
 * would refuse, naming it.
 */
export function buildOptionsFromFlags(flags: string[]): BuildOptions {
  const options: BuildOptions = {};
  const entryPoints: string[] = [];
  for (const flag of flags) {
    if (!flag.startsWith('-')) entryPoints.push(flag);
    else readFlag(options, flag);
  }
  if (entryPoints.length > 0) options.entryPoints = entryPoints;
  return options;
}

export class EsbuildFlagError extends Error {
  /** The flag's name, without dashes or value (`keep-names`). */
  flagName = '';
}

type Reader = (options: BuildOptions, value: string, flag: string) => void;

// `--name` alone means true; `--name=true|false` sets it.
const BOOLEANS: Record<string, (options: BuildOptions, on: boolean) => void> = {
  bundle: (o, on) => (o.bundle = on),
  'preserve-symlinks': (o, on) => (o.preserveSymlinks = on),
  splitting: (o, on) => (o.splitting = on),
  'allow-overwrite': (o, on) => (o.allowOverwrite = on),
  minify: (o, on) => {
    o.minifySyntax = on;
    o.minifyWhitespace = on;
    o.minifyIdentifiers = on;
  },
  'minify-syntax': (o, on) => (o.minifySyntax = on),
  'minify-whitespace': (o, on) => (o.minifyWhitespace = on),
  'minify-identifiers': (o, on) => (o.minifyIdentifiers = on),
  'mangle-quoted': (o, on) => (o.mangleQuoted = on),
  'tree-shaking': (o, on) => (o.treeShaking = on),
  'ignore-annotations': (o, on) => (o.ignoreAnnotations = on),
  'keep-names': (o, on) => (o.keepNames = on),
  'sources-content': (o, on) => (o.sourcesContent = on),
  'jsx-dev': (o, on) => (o.jsxDev = on),
  'jsx-side-effects': (o, on) => (o.jsxSideEffects = on),
  // Terminal colours of esbuild's own messages: nothing in the output changes.
  color: () => undefined,
};

const list = (value: string): string[] => value.split(',').filter((item) => item !== '');

function oneOf<T extends string>(allowed: readonly T[]): (value: string, flag: string) => T {
  return (value, flag) => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new EsbuildFlagError(`Invalid value "${value}" in "${flag}": valid values are ${allowed.join(', ')}`);
  };
}

// `--name=value`.
const VALUES: Record<string, Reader> = {
  sourcemap: (o, v, f) => (o.sourcemap = oneOf(['linked', 'inline', 'external', 'both'] as const)(v, f)),
  'source-root': (o, v) => (o.sourceRoot = v),
  'resolve-extensions': (o, v) => (o.resolveExtensions = list(v)),
  'main-fields': (o, v) => (o.mainFields = list(v)),
  conditions: (o, v) => (o.conditions = list(v)),
  'public-path': (o, v) => (o.publicPath = v),
  'global-name': (o, v) => (o.globalName = v),
  outbase: (o, v) => (o.outbase = v),
  tsconfig: (o, v) => (o.tsconfig = v),
  'tsconfig-raw': (o, v) => (o.tsconfigRaw = v),
  'entry-names': (o, v) => (o.entryNames = v),
  'chunk-names': (o, v) => (o.chunkNames = v),
  'asset-names': (o, v) => (o.assetNames = v),
  'mangle-props': (o, v) => (o.mangleProps = new RegExp(v)),
  'reserve-props': (o, v) => (o.reserveProps = new RegExp(v)),
  'drop-labels': (o, v) => (o.dropLabels = list(v)),
  'legal-comments': (o, v, f) =>
    (o.legalComments = oneOf(['none', 'inline', 'eof', 'linked', 'external'] as const)(v, f)),
  charset: (o, v, f) => (o.charset = oneOf(['ascii', 'utf8'] as const)(v, f)),
  target: (o, v) => (o.target = list(v)),
  platform: (o, v, f) => (o.platform = oneOf<Platform>(['browser', 'node', 'neutral'])(v, f)),
  format: (o, v, f) => (o.format = oneOf<Format>(['iife', 'cjs', 'esm'])(v, f)),
  packages: (o, v, f) => (o.packages = oneOf(['bundle', 'external'] as const)(v, f)),
  jsx: (o, v, f) => (o.jsx = oneOf(['transform', 'preserve', 'automatic'] as const)(v, f)),
  'jsx-factory': (o, v) => (o.jsxFactory = v),
  'jsx-fragment': (o, v) => (o.jsxFragment = v),
  'jsx-import-source': (o, v) => (o.jsxImportSource = v),
  'line-limit': (o, v, f) => (o.lineLimit = integer(v, f)),
  'abs-paths': (o, v, f) => (o.absPaths = list(v).map((item) => oneOf(['code', 'log', 'metafile'] as const)(item, f))),
  outdir: (o, v) => (o.outdir = v),
  // How much esbuild says while building: the local build reports its errors itself, so these change nothing.
  'log-level': () => undefined,
  'log-limit': () => undefined,
  'log-style': () => undefined,
  // A file describing the build, beside it: not needed to run the function.
  metafile: () => undefined,
};

// `--name:item` (lists) and `--name:key=value` (maps).
const COLON: Record<string, Reader> = {
  external: (o, v) => (o.external = [...(o.external ?? []), v]),
  inject: (o, v) => (o.inject = [...(o.inject ?? []), v]),
  pure: (o, v) => (o.pure = [...(o.pure ?? []), v]),
  drop: (o, v, f) => (o.drop = [...(o.drop ?? []), oneOf<Drop>(['console', 'debugger'])(v, f)]),
  define: (o, v, f) => (o.define = { ...o.define, ...pair(v, f) }),
  loader: (o, v, f) => (o.loader = { ...o.loader, ...(pair(v, f) as Record<string, Loader>) }),
  'out-extension': (o, v, f) => (o.outExtension = { ...o.outExtension, ...pair(v, f) }),
  alias: (o, v, f) => (o.alias = { ...o.alias, ...pair(v, f) }),
  banner: (o, v, f) => (o.banner = { ...o.banner, ...pair(v, f) }),
  footer: (o, v, f) => (o.footer = { ...o.footer, ...pair(v, f) }),
  supported: (o, v, f) => {
    const [feature, on] = Object.entries(pair(v, f))[0] ?? [];
    if (feature !== undefined) o.supported = { ...o.supported, [feature]: bool(on ?? '', f) };
  },
  'log-override': (o, v, f) => {
    const [name, level] = Object.entries(pair(v, f))[0] ?? [];
    if (name !== undefined) o.logOverride = { ...o.logOverride, [name]: level as LogLevel };
  },
};

// Flags esbuild has that would not build a Lambda function's code (a dev server, watching, a single output file).
const NOT_FOR_A_BUILD = new Set([
  'watch',
  'watch-delay',
  'serve',
  'servedir',
  'serve-fallback',
  'outfile',
  'sourcefile',
]);

function readFlag(options: BuildOptions, flag: string): void {
  try {
    readOneFlag(options, flag);
  } catch (error) {
    if (error instanceof EsbuildFlagError) error.flagName = /^--?([^:=]*)/.exec(flag)?.[1] ?? flag;
    throw error;
  }
}

function readOneFlag(options: BuildOptions, flag: string): void {
  const body = flag.replace(/^--?/, '');
  const colon = body.indexOf(':');
  const equals = body.indexOf('=');
  if (colon > 0 && (equals < 0 || colon < equals)) {
    const name = body.slice(0, colon);
    const read = COLON[name];
    if (!read) throw unknownFlag(flag);
    read(options, body.slice(colon + 1), flag);
    return;
  }
  const name = equals < 0 ? body : body.slice(0, equals);
  const value = equals < 0 ? undefined : body.slice(equals + 1);
  if (NOT_FOR_A_BUILD.has(name)) throw new EsbuildFlagError(`"${flag}" does not apply to building a function`);
  const setBoolean = BOOLEANS[name];
  if (setBoolean) {
    setBoolean(options, value === undefined ? true : bool(value, flag));
    return;
  }
  // A bare --sourcemap is a linked map in a build.
  if (name === 'sourcemap' && value === undefined) {
    options.sourcemap = 'linked';
    return;
  }
  const read = VALUES[name];
  if (!read || value === undefined) throw unknownFlag(flag);
  read(options, value, flag);
}

function unknownFlag(flag: string): EsbuildFlagError {
  return new EsbuildFlagError(`"${flag}" is not an esbuild build flag`);
}

function bool(value: string, flag: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new EsbuildFlagError(`Invalid value "${value}" in "${flag}": valid values are true, false`);
}

function pair(value: string, flag: string): Record<string, string> {
  const at = value.indexOf('=');
  if (at < 0) throw new EsbuildFlagError(`Missing "=" in "${flag}"`);
  return { [value.slice(0, at)]: value.slice(at + 1) };
}

function integer(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new EsbuildFlagError(`Invalid value "${value}" in "${flag}": expected a number`);
  return Number(value);
}
