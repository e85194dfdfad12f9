import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunction, samEsbuildOptions, type BuildResult } from '../scripts/lib/build';
import { splitHandler, type FunctionSpec } from '../scripts/lib/functions';
import { FunctionRuntime, type InvokeOutcome } from '../scripts/local-api/function-runtime';
import { isEmf, parseJsonLines } from './helpers/capture-output';
import { eventFiles, helloEnvironment, helloFunction, loadEvent } from './helpers/project';
import { expectationFor } from './expectations';

// Outside the project, so the bundle cannot fall back on the project's node_modules.
const outdir = mkdtempSync(join(tmpdir(), 'sam-bundle-'));
const fn = helloFunction();
let build: BuildResult;

beforeAll(async () => {
  build = await buildFunction(fn, outdir);
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('esbuild options read from template.yaml', () => {
  it('are what sam build passes for these BuildProperties', () => {
    expect(samEsbuildOptions(fn, outdir)).toMatchObject({
      absWorkingDir: fn.codeDir,
      entryPoints: ['app.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      minify: true,
      target: 'node24',
      sourcemap: false,
      outdir,
    });
  });

  it('apply SAM defaults (es2020, cjs, minify) when BuildProperties leave them out', () => {
    const bare: FunctionSpec = { ...fn, buildProperties: { EntryPoints: ['app'] } };
    expect(samEsbuildOptions(bare, outdir)).toMatchObject({
      entryPoints: ['app.ts'],
      target: 'es2020',
      format: 'cjs',
      minify: true,
    });
  });

  it('map list-valued properties as SAM does, and refuse ones SAM would not pass', () => {
    const esm: FunctionSpec = {
      ...fn,
      buildProperties: { EntryPoints: ['app.ts'], Format: 'esm', OutExtension: ['.js=.mjs'], External: ['@aws-sdk/*'] },
    };
    expect(samEsbuildOptions(esm, outdir)).toMatchObject({
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      external: ['@aws-sdk/*'],
    });
    expect(() =>
      samEsbuildOptions({ ...fn, buildProperties: { EntryPoints: ['app.ts'], Minfy: true } }, outdir),
    ).toThrow(/unsupported BuildProperties: Minfy/);
    expect(() => samEsbuildOptions({ ...fn, buildProperties: { EntryPoints: ['missing.ts'] } }, outdir)).toThrow(
      /entry point .*missing\.ts does not exist/,
    );
    expect(() => samEsbuildOptions({ ...fn, buildMethod: undefined }, outdir)).toThrow(/BuildMethod must be esbuild/);
  });
});

describe('the built bundle', () => {
  it('lands where the Handler points, as one self-contained minified file', () => {
    expect(build.handlerPath).toBe(join(outdir, `${splitHandler(fn.handler).module}.js`));
    const code = readFileSync(build.handlerPath, 'utf8');
    expect(code).not.toMatch(/require\(["']@aws-lambda-powertools/);
    expect(code).not.toContain('sourceMappingURL');
    expect(code.split('\n').length).toBeLessThan(20);
    expect(build.bytes).toBeGreaterThan(0);
  });

  it('runs every events/ file in a fresh Node process with the expected results and real Powertools output', async () => {
    // The local API's execution environment: a plain `node` child process that requires the bundle, as Lambda does.
    const output: Array<{ line: string; stream: string }> = [];
    const runtime = new FunctionRuntime({
      fn,
      handlerPath: build.handlerPath,
      environment: helloEnvironment(),
      onOutput: (line, stream) => output.push({ line, stream }),
    });
    const files = eventFiles();
    const outcomes: InvokeOutcome[] = [];
    try {
      for (const file of files) outcomes.push(await runtime.invoke(loadEvent(file)));
    } finally {
      await runtime.close();
    }

    expect(outcomes.map((o) => o.kind)).toEqual(files.map(() => 'result'));
    const results = outcomes.map((o) => (o.kind === 'result' ? o.result : null)) as Array<{
      statusCode: number;
      body: string;
    }>;
    expect(results.map((r) => [r.statusCode, JSON.parse(r.body) as unknown])).toEqual(
      files.map((file) => [expectationFor(file).statusCode, expectationFor(file).body]),
    );

    expect(output.filter((o) => o.stream === 'stderr')).toEqual([]);
    const documents = parseJsonLines(output.map((o) => o.line));
    const logs = documents.filter((d) => !isEmf(d));
    expect(logs).toHaveLength(files.length);
    expect(logs.map((l) => l.cold_start)).toEqual(files.map((_, i) => i === 0));
    expect(documents.filter((d) => 'ColdStart' in d)).toHaveLength(1);
  });

  it('reports a clear error for a build that cannot work', async () => {
    const broken: FunctionSpec = { ...fn, handler: 'missing.lambdaHandler' };
    await expect(buildFunction(broken, mkdtempSync(join(tmpdir(), 'sam-bundle-')))).rejects.toThrow(
      /wrote no .*missing\.js; Handler "missing\.lambdaHandler" must name a built entry point/,
    );
  });
});
