'use strict';
// The toolkit is written in TypeScript and shipped as its sources (no build step in the workspace, none after
// `npm install` of the packed tarball). Running them through a TypeScript loader cost 60-80 % of start-up (tsx
// compiling ~115 files on every start), so the CLI runs one CommonJS bundle of them instead: built by esbuild on
// the first start after an edit, kept in a cache keyed by the sources' contents, then only `require`d. The bundle
// also holds the pure-JavaScript packages the sources import (yaml, jose: ~150 files Node would otherwise resolve
// and load one by one, 0.68x the CPU of start-up measured with them outside); esbuild stays a package of its own
// (it finds its binary by path), required by its path so that the bundle may be kept anywhere. A source map beside the bundle keeps the toolkit's stack traces on its sources
// (about 3 % of start-up's CPU).
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const SRC_DIR = path.join(PACKAGE_DIR, 'src');
// SAM_LOCAL_CACHE_DIR: elsewhere (a read-only install, or a benchmark's first start with no cache).
const CACHE_DIR = process.env.SAM_LOCAL_CACHE_DIR || path.join(PACKAGE_DIR, 'node_modules', '.cache', 'sam-local');
/** Changes whenever the build below changes what it writes, so that an old bundle is never reused. */
const BUILD_RECIPE = 'cjs-bundle-1';

/** Every TypeScript source of the toolkit, sorted so that the key does not depend on the directory's order. */
function sourceFiles() {
  return fs
    .readdirSync(SRC_DIR, { recursive: true })
    .filter((name) => name.endsWith('.ts'))
    .sort();
}

/** The version of each package the toolkit depends on, as Node finds them from the toolkit's folder. */
function dependencyVersions() {
  const { dependencies } = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
  return Object.keys(dependencies ?? {})
    .sort()
    .map((name) => {
      // Read by path: a package's "exports" may not list its package.json.
      for (const dir of Module._nodeModulePaths(PACKAGE_DIR)) {
        const manifest = path.join(dir, name, 'package.json');
        if (fs.existsSync(manifest)) return `${name}@${JSON.parse(fs.readFileSync(manifest, 'utf8')).version}`;
      }
      return `${name}@missing`;
    })
    .join(' ');
}

const shortHash = (hash) => hash.digest('hex').slice(0, 24);

/**
 * The bundle's name: `<entry>-<where the sources live>-<what they are>` (every source, the packages' versions). Two
 * copies of the toolkit sharing one cache (a mutation-testing sandbox links node_modules) keep a bundle each.
 */
function bundleName(entry) {
  const hash = createHash('sha256');
  hash.update(`${BUILD_RECIPE}\0${dependencyVersions()}\0${esbuildPath()}\0`);
  for (const file of sourceFiles()) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(SRC_DIR, file)));
    hash.update('\0');
  }
  const place = shortHash(createHash('sha256').update(PACKAGE_DIR)).slice(0, 8);
  return {
    prefix: `${path.basename(entry, '.ts')}-${place}-`,
    name: `${path.basename(entry, '.ts')}-${place}-${shortHash(hash)}`,
  };
}

/**
 * esbuild gives a bundle one `__dirname` (the bundle's folder); the sources find the files they run by path
 * (runtime-worker.cjs, reaper-process.cjs beside them), so each source that names `__dirname` or `__filename` gets
 * its own, as when it runs unbundled.
 */
const ownDirname = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(text)) return { contents: text, loader: 'ts' };
      const prologue =
        `const __dirname = ${JSON.stringify(path.dirname(args.path))}; ` +
        `const __filename = ${JSON.stringify(args.path)};`;
      return { contents: `${prologue}${text}`, loader: 'ts' };
    });
  },
};

/** esbuild, as the sources would find it: the bundle requires it by this path, wherever the bundle is kept. */
const esbuildPath = () => require.resolve('esbuild', { paths: [PACKAGE_DIR] });

const esbuildByPath = {
  name: 'esbuild-by-path',
  setup(build) {
    build.onResolve({ filter: /^esbuild$/ }, () => ({ path: esbuildPath(), external: true }));
  },
};

/** The bundle of the sources from `entry` down, and its source map: `{ code, map }` for the bundle at `file`. */
async function bundle(entry, file) {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(SRC_DIR, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    logLevel: 'silent',
    plugins: [ownDirname, esbuildByPath],
  });
  const output = (suffix) => result.outputFiles.find((out) => out.path.endsWith(suffix)).text;
  return { code: output('.cjs'), map: output('.cjs.map') };
}

/** Writes next to the final name, then renames: two starts building at once never read a half-written bundle. */
function writeAtomically(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

/** Bundles left by earlier versions of these sources: only the current one (and its map) is kept. */
function removeOthers({ prefix, name: keep }) {
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (name.startsWith(prefix) && !name.startsWith(`${keep}.`) && !name.endsWith('.partial')) {
      fs.rmSync(path.join(CACHE_DIR, name), { force: true });
    }
  }
}

/** Runs `src/<entry>` from the cached bundle, building it first when the sources changed. */
async function runCompiled(entry) {
  process.setSourceMapsEnabled(true);
  const named = bundleName(entry);
  const file = path.join(CACHE_DIR, `${named.name}.cjs`);
  if (fs.existsSync(file)) {
    require(file);
    return;
  }
  const { code, map } = await bundle(entry, file);
  try {
    // The map first: the bundle's presence says both are there.
    writeAtomically(`${file}.map`, map);
    writeAtomically(file, code);
    removeOthers(named);
  } catch {
    // A read-only install: run the bundle from memory, resolving packages as the sources would.
    const filename = path.join(SRC_DIR, entry.replace(/\.ts$/, '.cjs'));
    const compiled = new Module(filename, module);
    compiled.filename = filename;
    compiled.paths = Module._nodeModulePaths(path.dirname(filename));
    compiled._compile(code, filename);
    return;
  }
  require(file);
}

module.exports = { runCompiled };
