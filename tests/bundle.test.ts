// The function as `sam build` bundles it (the toolkit builds with the same esbuild options SAM derives from the
// template), run in a fresh Node process with the environment template.yaml gives it, as Lambda runs it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildFunction,
  findFunction,
  FunctionRuntime,
  lambdaEnvironment,
  loadTemplate,
  type BuildResult,
  type InvokeOutcome,
} from 'sam-local-node';
import { isEmf, parseJsonLines, type JsonObject } from './helpers/capture-output';
import { HELLO } from './helpers/handler';
import { eventFilesFor, loadEvent, TEMPLATE_PATH } from './helpers/project';
import { expectationFor } from './expectations';

// Outside the project, so the bundle cannot fall back on the project's node_modules.
const outdir = mkdtempSync(join(tmpdir(), 'sam-bundle-'));
const loaded = loadTemplate(TEMPLATE_PATH);
const fn = findFunction(loaded, HELLO.functionName);
let build: BuildResult;

beforeAll(async () => {
  build = await buildFunction(fn, outdir);
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the built bundle', () => {
  it('is one self-contained minified file where the Handler points, with no source map', () => {
    expect(build.handlerPath).toBe(join(outdir, 'app.js'));
    const code = readFileSync(build.handlerPath, 'utf8');
    expect(code).not.toMatch(/require\(["']@aws-lambda-powertools/);
    expect(code).not.toContain('sourceMappingURL');
    expect(code.split('\n').length).toBeLessThan(20);
  });

  it('answers each of its events/ files in one fresh Node process, with real Powertools output', async () => {
    const output: Array<{ line: string; stream: string }> = [];
    const runtime = new FunctionRuntime({
      fn,
      taskRoot: build.outdir,
      environment: lambdaEnvironment(loaded.template, fn),
      onOutput: (line, stream) => output.push({ line, stream }),
    });
    const files = eventFilesFor(HELLO.functionName);
    const outcomes: InvokeOutcome[] = [];
    try {
      for (const file of files) outcomes.push(await runtime.invoke(loadEvent(file)));
    } finally {
      await runtime.close();
    }

    const answers = outcomes.map((o) => {
      if (o.kind !== 'result') return o.kind;
      const result = o.result as { statusCode: number; body: string };
      return [result.statusCode, JSON.parse(result.body) as unknown];
    });
    expect(answers).toEqual(files.map((file) => [expectationFor(file).statusCode, expectationFor(file).body]));

    expect(output.filter((o) => o.stream === 'stderr')).toEqual([]);
    const documents = parseJsonLines(output.map((o) => o.line));
    const logs = documents.filter((d) => !isEmf(d));
    expect(logs).toHaveLength(files.length);
    expect(logs.map((l) => l.cold_start)).toEqual(files.map((_, i) => i === 0));
    // The names the unit tests use are the ones the template gives the function.
    expect(logs.every((l) => l.service === HELLO.serviceName && l.function_name === HELLO.functionName)).toBe(true);
    const emf = documents.filter(isEmf);
    const namespaces = emf.map((d) => (d._aws as { CloudWatchMetrics: JsonObject[] }).CloudWatchMetrics[0]?.Namespace);
    expect(new Set(namespaces)).toEqual(new Set([HELLO.namespace]));
    expect(emf.filter((d) => 'ColdStart' in d)).toHaveLength(1);
  });
});
