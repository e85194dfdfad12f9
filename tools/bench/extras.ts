// One-off measurements docs/performance.md quotes, taken like `npm run bench` (fresh processes interleaved,
// template.yaml's esbuild settings), on the Node on PATH:
//   1. what Powertools Tracer would add to the required-work floor (Tracer is not a dependency: it is installed
//      into a temporary directory from the npm registry for this run only);
//   2. what runtime source maps add (BuildProperties Sourcemap: true, which makes SAM add --enable-source-maps);
//   3. where the warm-latency gap to the floor goes: the floor plus each Powertools call the project's features
//      need, one at a time.
// Usage: npm run bench:extras [-- --rounds 30 --invocations 100000]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTemplate } from 'sam-local-node';
import { benchEnvironment, buildCandidate, candidateSpecs, type BuiltCandidate } from './lib/candidates';
import { measureColdStarts, type ColdCandidate } from './lib/cold';
import { integer, markdownTable, ms } from './lib/format';
import { nodeOnPath } from './lib/node-versions';
import { COLD_HEADERS, coldCells } from './lib/report';
import { EVENTS_DIR, RESULTS_DIR, ROOT, TEMPLATE_PATH } from './lib/paths';
import { measureWarm, type WarmResult } from './lib/warm';

const POWERTOOLS_VERSION = '2.36.0';

const RESULT = `{
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: \`Hello, \${event.queryStringParameters?.name ?? 'World'}!\` }),
  }`;

// The floor plus Tracer used the way its captureLambdaHandler wrapper does: a subsegment per invocation with the
// cold-start and service annotations, closed before returning.
const TRACER_CANDIDATE = `
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

const logger = new Logger();
const metrics = new Metrics();
const tracer = new Tracer();

export const lambdaHandler = async (event: any, context: any) => {
  const segment = tracer.getSegment();
  const subsegment = segment?.addNewSubsegment('## lambdaHandler');
  if (subsegment) tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  metrics.captureColdStartMetric(context.functionName);
  logger.info('Request handled');
  metrics.addMetric('GreetingsServed', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  const result = ${RESULT};
  subsegment?.close();
  if (segment) tracer.setSegment(segment);
  return result;
};
`;

// What Lambda gives a traced function: its trace header, and the task root that puts the X-Ray SDK in Lambda mode.
// Segments go over UDP to the default daemon address, 127.0.0.1:2000, where nothing listens.
const TRACING_ENV = {
  _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
};

interface LadderStep {
  name: string;
  context: boolean;
  keys: boolean;
  dimension: boolean;
}

// Each step adds one call the project's features need to the floor (candidates/floor).
const LADDER: LadderStep[] = [
  { name: 'floor + addContext', context: true, keys: false, dimension: false },
  { name: '… + correlation_id, statusCode keys', context: true, keys: true, dimension: false },
  { name: '… + greeting dimension', context: true, keys: true, dimension: true },
];

function ladderSource(step: LadderStep): string {
  return `
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

const logger = new Logger();
const metrics = new Metrics();

export const lambdaHandler = async (event: any, context: any) => {
  ${step.context ? 'logger.addContext(context);' : ''}
  metrics.captureColdStartMetric(context.functionName);
  logger.info('Request handled'${step.keys ? ', { correlation_id: event.requestContext?.requestId, reason: undefined, statusCode: 200 }' : ''});
  ${step.dimension ? "metrics.addDimension('greeting', 'named');" : ''}
  metrics.addMetric('GreetingsServed', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return ${RESULT};
};
`;
}

function install(scratch: string): void {
  process.stderr.write(`Installing Powertools ${POWERTOOLS_VERSION} (with Tracer) into ${scratch}…\n`);
  writeFileSync(join(scratch, 'package.json'), '{"private":true}\n');
  const packages = ['tracer', 'logger', 'metrics'].map(
    (name) => `@aws-lambda-powertools/${name}@${POWERTOOLS_VERSION}`,
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages], {
    cwd: scratch,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 300_000,
  });
}

function source(scratch: string, name: string, text: string): string {
  const dir = join(scratch, 'src', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'app.ts'), text);
  return dir;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '30' }, invocations: { type: 'string', default: '100000' } },
  });
  const rounds = Number(values.rounds);
  const invocations = Number(values.invocations);
  const loaded = loadTemplate(TEMPLATE_PATH);
  const specs = candidateSpecs(loaded);
  const env = benchEnvironment(loaded);
  const node = nodeOnPath();
  const eventFile = join(EVENTS_DIR, 'hello-name.json');
  const scratch = mkdtempSync(join(tmpdir(), 'sam-bench-extras-'));
  try {
    install(scratch);
    const out = join(scratch, 'build');
    let built = 0;
    const buildFrom = (codeDir: string, props: Record<string, unknown> = {}): Promise<BuiltCandidate> =>
      buildCandidate(
        'project',
        { ...specs.project, codeDir, buildProperties: { ...specs.project.buildProperties, ...props } },
        join(out, String(built++)),
      );

    const floor = await buildCandidate('floor', specs.floor, out);
    const project = await buildFrom(specs.project.codeDir);
    const cold: Array<ColdCandidate<string> & { bytes: number }> = [];
    const tracer = await buildFrom(source(scratch, 'tracer', TRACER_CANDIDATE));
    const maps = await buildFrom(specs.project.codeDir, { Sourcemap: true });
    cold.push(
      { ...floor, name: 'floor', bytes: floor.minifiedBytes },
      {
        ...tracer,
        name: 'floor + Tracer',
        bytes: tracer.minifiedBytes,
        extraEnv: { ...TRACING_ENV, LAMBDA_TASK_ROOT: join(tracer.handlerPath, '..') },
      },
      { ...project, name: 'project', bytes: project.minifiedBytes },
      {
        ...maps,
        name: 'project + source maps',
        bytes: maps.minifiedBytes,
        extraEnv: { NODE_OPTIONS: '--enable-source-maps' },
      },
    );

    process.stderr.write(`${node.label}: ${rounds} cold starts per candidate…\n`);
    const coldRun = measureColdStarts({
      node: node.path,
      candidates: cold,
      eventFile,
      env,
      rounds,
      scratchDir: scratch,
    });

    process.stderr.write(`${node.label}: ${invocations} warm invocations per step…\n`);
    const ladder: Array<ColdCandidate<string>> = [{ ...floor, name: 'floor' }];
    for (const step of LADDER) {
      ladder.push({
        ...(await buildFrom(source(scratch, `ladder-${ladder.length}`, ladderSource(step)))),
        name: step.name,
      });
    }
    ladder.push({ ...project, name: 'project' });
    const warm = new Map<string, WarmResult>();
    for (const candidate of ladder) {
      warm.set(
        candidate.name,
        measureWarm({ node: node.path, candidate, eventFile, env, invocations, scratchDir: scratch }),
      );
    }

    const c = coldRun.candidates;
    const report =
      `### npm run bench:extras on ${node.label}\n\n` +
      `#### Cold: ${rounds} fresh processes each, interleaved; min / **median** / max\n\n` +
      markdownTable(
        ['candidate', 'minified (bytes)', ...COLD_HEADERS],
        cold.map(({ name, bytes }) => {
          const r = c[name];
          if (!r) throw new Error(`no cold result for ${name}`);
          return [name, integer(bytes), ...coldCells(r)];
        }),
      ) +
      `\n\n#### Warm: ${integer(invocations)} invocations each, one process per row; logs to /dev/null\n\n` +
      markdownTable(
        ['candidate', 'p50 (µs)', 'p99 (µs)'],
        ladder.map(({ name }) => {
          const w = warm.get(name) as WarmResult;
          return [name, ms(w.p50Us, 1), ms(w.p99Us, 1)];
        }),
      );

    const outFile = join(RESULTS_DIR, `extras-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      outFile,
      `${JSON.stringify({ node, rounds, invocations, bytes: Object.fromEntries(cold.map((x) => [x.name, x.bytes])), cold: coldRun, warm: Object.fromEntries(warm) }, null, 2)}\n`,
    );
    process.stdout.write(`${report}\n\nJSON: ${relative(ROOT, outFile)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`extras: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
