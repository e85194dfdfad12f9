// One-off cold-start costs the README quotes, measured like `npm run bench` (fresh processes, interleaved):
// what Powertools Tracer would add to the required-work floor if this project used it, and what runtime source
// maps (BuildProperties Sourcemap: true, which makes SAM add --enable-source-maps to NODE_OPTIONS) add to this
// project's function. Tracer is not a dependency: it is installed into a temporary directory from the npm
// registry for this run only. Usage: npx tsx bench/extras.ts [--rounds N]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTemplate } from '../scripts/lib/template';
import { benchEnvironment, buildCandidate, candidateSpecs } from './lib/candidates';
import { measureColdStarts, type ColdCandidate } from './lib/cold';
import { integer, markdownTable, ms, spreadText, times } from './lib/format';
import { nodeOnPath } from './lib/node-versions';
import { EVENTS_DIR, RESULTS_DIR, ROOT, TEMPLATE_PATH } from './lib/paths';
import { ratio } from './lib/stats';

const POWERTOOLS_VERSION = '2.36.0';

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
  const result = {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: \`Hello, \${event.queryStringParameters?.name ?? 'World'}!\` }),
  };
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

type ExtraName = 'floor' | 'floor + Tracer' | 'project' | 'project + source maps';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '30' } } });
  const rounds = Number(values.rounds);
  const loaded = loadTemplate(TEMPLATE_PATH);
  const specs = candidateSpecs(loaded);
  const env = benchEnvironment(loaded);
  const node = nodeOnPath();
  const scratch = mkdtempSync(join(tmpdir(), 'sam-bench-extras-'));
  try {
    process.stderr.write(`Installing @aws-lambda-powertools/tracer@${POWERTOOLS_VERSION} into ${scratch}…\n`);
    writeFileSync(join(scratch, 'package.json'), '{"private":true}\n');
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        ...['tracer', 'logger', 'metrics'].map((name) => `@aws-lambda-powertools/${name}@${POWERTOOLS_VERSION}`),
      ],
      { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 },
    );
    mkdirSync(join(scratch, 'tracer'));
    writeFileSync(join(scratch, 'tracer', 'app.ts'), TRACER_CANDIDATE);

    const out = join(scratch, 'build');
    const floor = await buildCandidate('floor', specs.floor, out);
    const tracer = await buildCandidate('floor', { ...specs.floor, codeDir: join(scratch, 'tracer') }, join(out, 't'));
    const project = await buildCandidate('project', specs.project, out);
    const withMaps = await buildCandidate(
      'project',
      { ...specs.project, buildProperties: { ...specs.project.buildProperties, Sourcemap: true } },
      join(out, 'maps'),
    );
    const bytes: Record<ExtraName, number> = {
      floor: floor.minifiedBytes,
      'floor + Tracer': tracer.minifiedBytes,
      project: project.minifiedBytes,
      'project + source maps': withMaps.minifiedBytes,
    };
    const candidates: Array<ColdCandidate<ExtraName>> = [
      { ...floor, name: 'floor' },
      { ...tracer, name: 'floor + Tracer', extraEnv: { ...TRACING_ENV, LAMBDA_TASK_ROOT: join(out, 't', 'floor') } },
      { ...project, name: 'project' },
      { ...withMaps, name: 'project + source maps', extraEnv: { NODE_OPTIONS: '--enable-source-maps' } },
    ];
    process.stderr.write(`${node.label}: ${rounds} cold starts per candidate…\n`);
    const run = measureColdStarts({
      node: node.path,
      candidates,
      eventFile: join(EVENTS_DIR, 'hello-name.json'),
      env,
      rounds,
      scratchDir: scratch,
    });

    const c = run.candidates;
    const rows = (Object.keys(bytes) as ExtraName[]).map((name) => [
      name,
      integer(bytes[name]),
      spreadText(c[name].wallMs),
      spreadText(c[name].inProcessMs),
      spreadText(c[name].firstInvocationMs, 3),
      ms(c[name].peakRssMb.median, 1),
    ]);
    const delta = (with_: ExtraName, without: ExtraName): string =>
      `${with_} vs ${without}: +${integer(bytes[with_] - bytes[without])} bytes, cold wall ` +
      `+${ms(c[with_].wallMs.median - c[without].wallMs.median)} ms ` +
      `(${times(ratio(c[with_].wallMs.median, c[without].wallMs.median))}), in-process ` +
      `+${ms(c[with_].inProcessMs.median - c[without].inProcessMs.median)} ms, peak RSS ` +
      `+${ms(c[with_].peakRssMb.median - c[without].peakRssMb.median, 1)} MB`;
    const report =
      `### bench/extras.ts on ${node.label}, ${rounds} cold starts each, min / **median** / max\n\n` +
      markdownTable(
        [
          'candidate',
          'minified (bytes)',
          'cold, wall − `node -e 0` (ms)',
          'in-process (ms)',
          'first invocation (ms)',
          'peak RSS (MB)',
        ],
        rows,
      ) +
      `\n\n- ${delta('floor + Tracer', 'floor')}\n- ${delta('project + source maps', 'project')}\n`;

    const outFile = join(RESULTS_DIR, `extras-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(outFile, `${JSON.stringify({ node, rounds, bytes, cold: run }, null, 2)}\n`);
    process.stdout.write(`${report}\nJSON: ${relative(ROOT, outFile)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`extras: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
