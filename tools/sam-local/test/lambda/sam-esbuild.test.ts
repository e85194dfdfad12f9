// BuildProperties → esbuild, as `sam build` does it: SAM CLI turns PascalCase keys into snake_case
// (resource_metadata_normalizer.py), aws-lambda-builders turns each into a CLI flag by its type (esbuild.py,
// EsbuildCommandBuilder), and esbuild's CLI reads the flags (pkg/cli/cli_impl.go). Any property SAM accepts reaches
// the local build; one SAM or esbuild refuses is an error that names it.
import { join } from 'node:path';
import { samEsbuildOptions } from '../../src/lambda/build';
import { buildOptionsFromFlags } from '../../src/lambda/esbuild-flags';
import { samEsbuildFlags } from '../../src/lambda/sam-esbuild';
import { findFunction, type FunctionSpec } from '../../src/template/functions';
import { loadTemplate } from '../../src/template/template';
import { HELLO_TEMPLATE } from '../helpers/paths';

const base = findFunction(loadTemplate(HELLO_TEMPLATE), 'GreetingFunction');
const withProps = (props: Record<string, unknown>, handler = base.handler): FunctionSpec => ({
  ...base,
  handler,
  buildProperties: props,
});

describe('the esbuild command line sam build makes of BuildProperties', () => {
  it('maps true to a bare flag, leaves false out, strings to =value and lists to :item, in order', () => {
    const flags = samEsbuildFlags(
      withProps({
        EntryPoints: ['hello.ts'],
        KeepNames: true,
        TreeShaking: false,
        Target: 'node24',
        External: ['@aws-sdk/*', 'pg-native'],
        LegalComments: 'none',
      }),
      '/out',
    );
    expect(flags).toEqual([
      'hello.ts',
      '--bundle',
      '--platform=node',
      '--outdir=/out',
      '--format=cjs',
      '--minify',
      '--keep-names',
      '--target=node24',
      '--external:@aws-sdk/*',
      '--external:pg-native',
      '--legal-comments=none',
    ]);
  });

  it('takes the Handler up to its first dot as the entry point when EntryPoints is left out', () => {
    expect(samEsbuildFlags(withProps({}, 'hello.handler'), '/out')[0]).toBe('hello.ts');
  });

  it('ignores Bundle, Platform, Outdir and UseNpmCi, which the builder sets or npm reads', () => {
    const flags = samEsbuildFlags(
      withProps({ EntryPoints: ['hello.ts'], Bundle: false, Platform: 'browser', Outdir: 'x', UseNpmCi: true }),
      '/out',
    );
    expect(flags).toEqual([
      'hello.ts',
      '--bundle',
      '--platform=node',
      '--outdir=/out',
      '--target=es2020',
      '--format=cjs',
      '--minify',
    ]);
  });

  it('refuses a number or a map, as the builder does, naming the property', () => {
    expect(() => samEsbuildFlags(withProps({ EntryPoints: ['hello.ts'], LineLimit: 80 }), '/out')).toThrow(
      /GreetingFunction: BuildProperties\.LineLimit must be true, false, a string or a list \(sam build refuses 80 too\)/,
    );
    expect(() => samEsbuildFlags(withProps({ EntryPoints: ['hello.ts'], Define: { A: '1' } }), '/out')).toThrow(
      /BuildProperties\.Define must be true, false, a string or a list/,
    );
  });

  it('makes every dependency of the manifest external for External: ./node_modules/*', () => {
    const fn: FunctionSpec = {
      ...withProps({ EntryPoints: ['app.js'], External: ['./node_modules/*'] }),
      codeDir: join(__dirname, '..', 'fixtures', 'mixed-runtimes', 'hello-world'),
    };
    const flags = samEsbuildFlags(fn, '/out');
    expect(flags.filter((flag) => flag.startsWith('--external'))).toEqual(['--external:title-case-lite']);
  });
});

describe('esbuild CLI flags read as esbuild reads them', () => {
  it('reads booleans, values, lists and maps', () => {
    expect(
      buildOptionsFromFlags([
        'a.ts',
        '--keep-names',
        '--tree-shaking=false',
        '--minify',
        '--sourcemap',
        '--target=es2022,node20',
        '--main-fields=module,main',
        '--define:DEBUG=false',
        '--define:VERSION="1"',
        '--loader:.png=dataurl',
        '--out-extension:.js=.mjs',
        '--banner:js=// hi',
        '--drop:console',
        '--supported:bigint=false',
        '--packages=external',
        '--outbase=src',
      ]),
    ).toEqual({
      entryPoints: ['a.ts'],
      keepNames: true,
      treeShaking: false,
      minifySyntax: true,
      minifyWhitespace: true,
      minifyIdentifiers: true,
      sourcemap: 'linked',
      target: ['es2022', 'node20'],
      mainFields: ['module', 'main'],
      define: { DEBUG: 'false', VERSION: '"1"' },
      loader: { '.png': 'dataurl' },
      outExtension: { '.js': '.mjs' },
      banner: { js: '// hi' },
      drop: ['console'],
      supported: { bigint: false },
      packages: 'external',
      outbase: 'src',
    });
  });

  it('refuses what esbuild refuses, saying why', () => {
    expect(() => buildOptionsFromFlags(['--minfy'])).toThrow('"--minfy" is not an esbuild build flag');
    expect(() => buildOptionsFromFlags(['--format=umd'])).toThrow(
      'Invalid value "umd" in "--format=umd": valid values are iife, cjs, esm',
    );
    expect(() => buildOptionsFromFlags(['--keep-names=yes'])).toThrow('valid values are true, false');
    expect(() => buildOptionsFromFlags(['--define:NOVALUE'])).toThrow('Missing "=" in "--define:NOVALUE"');
    expect(() => buildOptionsFromFlags(['--banner=js=x'])).toThrow('"--banner=js=x" is not an esbuild build flag');
    expect(() => buildOptionsFromFlags(['--watch'])).toThrow('"--watch" does not apply to building a function');
  });
});

describe('samEsbuildOptions', () => {
  it('names the BuildProperty behind a flag esbuild refuses', () => {
    expect(() => samEsbuildOptions(withProps({ EntryPoints: ['hello.ts'], Format: 'umd' }), '/out')).toThrow(
      'GreetingFunction: BuildProperties.Format: Invalid value "umd" in "--format=umd": valid values are iife, cjs, esm',
    );
  });

  it('keeps names and drops minification for a debugger', () => {
    const options = samEsbuildOptions(withProps({ EntryPoints: ['hello.ts'], Minify: true }), '/out', {
      readableNames: true,
    });
    expect(options).toMatchObject({
      keepNames: true,
      minifyIdentifiers: false,
      minifySyntax: false,
      minifyWhitespace: false,
    });
  });
});
