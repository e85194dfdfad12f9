import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunction, samEsbuildOptions } from '../../src/lambda/build';
import { findFunction, type FunctionSpec } from '../../src/template/functions';
import { loadTemplate } from '../../src/template/template';
import { HELLO_TEMPLATE } from '../helpers/paths';

const outdir = mkdtempSync(join(tmpdir(), 'sam-local-build-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const fn = findFunction(loadTemplate(HELLO_TEMPLATE), 'GreetingFunction');

// aws-lambda-builders' esbuild workflow: --bundle --platform=node, then --target=es2020 --format=cjs --minify
// unless BuildProperties set them, each PascalCase property mapped to its esbuild flag.
describe('esbuild options derived from the template, as sam build derives them', () => {
  it('take the function’s BuildProperties', () => {
    expect(samEsbuildOptions(fn, outdir)).toMatchObject({
      absWorkingDir: fn.codeDir,
      entryPoints: ['hello.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      minifySyntax: true,
      minifyWhitespace: true,
      minifyIdentifiers: true,
      target: ['node24'],
      outdir,
    });
    expect(samEsbuildOptions(fn, outdir).sourcemap).toBeFalsy();
  });

  it('apply SAM defaults (es2020, cjs, minify) when BuildProperties leave them out, and resolve .ts entries', () => {
    const bare: FunctionSpec = { ...fn, buildProperties: { EntryPoints: ['hello'] } };
    expect(samEsbuildOptions(bare, outdir)).toMatchObject({
      entryPoints: ['hello.ts'],
      target: ['es2020'],
      format: 'cjs',
      minifySyntax: true,
      minifyWhitespace: true,
      minifyIdentifiers: true,
    });
  });

  it('map list-valued properties as SAM does, and refuse ones SAM would not pass', () => {
    const esm: FunctionSpec = {
      ...fn,
      buildProperties: {
        EntryPoints: ['hello.ts'],
        Format: 'esm',
        OutExtension: ['.js=.mjs'],
        External: ['@aws-sdk/*'],
      },
    };
    expect(samEsbuildOptions(esm, outdir)).toMatchObject({
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      external: ['@aws-sdk/*'],
    });
    expect(() =>
      samEsbuildOptions({ ...fn, buildProperties: { EntryPoints: ['hello.ts'], Minfy: true } }, outdir),
    ).toThrow(/GreetingFunction: BuildProperties\.Minfy: "--minfy" is not an esbuild build flag/);
    expect(() => samEsbuildOptions({ ...fn, buildProperties: { EntryPoints: ['missing.ts'] } }, outdir)).toThrow(
      /entry point .*missing\.ts does not exist/,
    );
    expect(() => samEsbuildOptions({ ...fn, buildMethod: undefined, code: { kind: 'directory' } }, outdir)).toThrow(
      /BuildMethod must be esbuild/,
    );
  });
});

describe('buildFunction', () => {
  it('writes the handler module where Lambda will look for it', async () => {
    const built = await buildFunction(fn, outdir);
    expect(built.handlerPath).toBe(join(outdir, 'hello.js'));
    expect(readFileSync(built.handlerPath, 'utf8')).toContain('Hello, ');
  });

  it('reports a clear error for a Handler that names no built entry point', async () => {
    const broken: FunctionSpec = { ...fn, handler: 'missing.handler' };
    await expect(buildFunction(broken, mkdtempSync(join(tmpdir(), 'sam-local-build-')))).rejects.toThrow(
      /wrote no module for Handler "missing\.handler" in .*; the Handler must name a built entry point/,
    );
  });
});
