// `npm run bench [-- --quick] [-- --out FILE] [-- --skip-node24]`: cold start, warm latency, memory, bundle size
// and the local API's throughput of this project's function against a bare handler and the required-work floor,
// all built in this run with template.yaml's esbuild settings. Prints Markdown tables; writes the same figures as
// JSON (tools/bench/results/ by default). Numbers are reported, never asserted.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findFunction } from 'sam-local-node';
import { loadTemplate } from 'sam-local-node';
import {
  benchEnvironment,
  buildCandidate,
  CANDIDATE_NAMES,
  candidateSpecs,
  PROJECT_FUNCTION,
  type BuiltCandidate,
  type CandidateName,
} from './lib/candidates';
import { measureColdStarts } from './lib/cold';
import { bundleComposition } from './lib/composition';
import { measureServer, type LoadResult, type LoadSettings, type ServerName } from './lib/local-api';
import { node24FromNpm, nodeOnPath, type NodeRuntime } from './lib/node-versions';
import { EVENTS_DIR, RESULTS_DIR, ROOT, TEMPLATE_PATH } from './lib/paths';
import type { NodeRun } from './lib/node-run';
import { ratios, renderReport } from './lib/report';
import { targets } from './lib/targets';
import type { WarmResult } from './lib/warm';
import { measureWarm } from './lib/warm';

const EVENT = 'hello-name.json';

interface Settings {
  coldRounds: number;
  warmInvocations: number;
  load: LoadSettings;
}

const FULL: Settings = {
  coldRounds: 30,
  warmInvocations: 100_000,
  load: { connections: 10, durationSeconds: 10, warmupSeconds: 2 },
};
const QUICK: Settings = {
  coldRounds: 5,
  warmInvocations: 2_000,
  load: { connections: 10, durationSeconds: 1, warmupSeconds: 1 },
};

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      'skip-node24': { type: 'boolean', default: false },
    },
  });
  const settings = values.quick ? QUICK : FULL;
  const started = new Date();
  // npm runs workspace scripts in the workspace's folder; INIT_CWD is where the user typed the command.
  const outFile = values.out
    ? resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
    : join(RESULTS_DIR, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);

  const nodes: NodeRuntime[] = [nodeOnPath()];
  const skipped: string[] = [];
  if (values['skip-node24']) skipped.push('Node 24: skipped (--skip-node24)');
  else if (!nodes[0]?.version.startsWith('v24.')) {
    log('Fetching Node 24 from the npm registry (npx -p node@24)…');
    const node24 = node24FromNpm(values.quick ? 120_000 : 300_000);
    if ('unavailable' in node24) skipped.push(`Node 24: ${node24.unavailable}`);
    else nodes.push(node24);
  }

  const loaded = loadTemplate(TEMPLATE_PATH);
  const specs = candidateSpecs(loaded);
  const env = benchEnvironment(loaded);
  const scratch = mkdtempSync(join(tmpdir(), 'sam-bench-'));
  try {
    // Outside the project, so a bundle cannot lean on the project's node_modules.
    const built = {} as Record<CandidateName, BuiltCandidate>;
    for (const name of CANDIDATE_NAMES) built[name] = await buildCandidate(name, specs[name], join(scratch, 'build'));
    const candidates = CANDIDATE_NAMES.map((name) => built[name]);
    const composition = await bundleComposition(specs.project);
    const eventFile = join(EVENTS_DIR, EVENT);

    const runs: NodeRun[] = [];
    for (const node of nodes) {
      log(`${node.label}: ${settings.coldRounds} cold starts per candidate…`);
      const cold = measureColdStarts({
        node: node.path,
        candidates,
        eventFile,
        env,
        rounds: settings.coldRounds,
        scratchDir: scratch,
      });
      log(`${node.label}: ${settings.warmInvocations} warm invocations per candidate…`);
      const warm = {} as Record<CandidateName, WarmResult>;
      for (const candidate of candidates) {
        warm[candidate.name] = measureWarm({
          node: node.path,
          candidate,
          eventFile,
          env,
          invocations: settings.warmInvocations,
          scratchDir: scratch,
        });
      }
      log(`${node.label}: local API and bare node:http under autocannon…`);
      const localApi = {} as Record<ServerName, LoadResult>;
      for (const server of ['local-api', 'bare-http'] as const) {
        localApi[server] = await measureServer(node.path, server, settings.load, join(scratch, 'local-api-build'));
      }
      runs.push({ node, cold, warm, localApi });
    }

    const report = renderReport({
      runs,
      bundles: built,
      composition,
      coldRounds: settings.coldRounds,
      warmInvocations: settings.warmInvocations,
      eventName: EVENT,
      connections: settings.load.connections,
      durationSeconds: settings.load.durationSeconds,
    });
    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: availableParallelism(),
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      platform: `${process.platform} ${process.arch}`,
    };
    const results = {
      startedAt: started.toISOString(),
      mode: values.quick ? 'quick' : 'full',
      machine,
      settings: { ...settings, event: `events/${EVENT}`, logs: '/dev/null' },
      buildProperties: findFunction(loaded, PROJECT_FUNCTION).buildProperties,
      bundles: Object.fromEntries(
        candidates.map((c) => [c.name, { minifiedBytes: c.minifiedBytes, gzippedBytes: c.gzippedBytes }]),
      ),
      projectBundleComposition: composition,
      runs: runs.map((run) => ({
        ...run,
        ratios: { projectOverFloor: ratios(run, 'floor'), projectOverBare: ratios(run, 'bare') },
      })),
      targets: targets(runs, built),
      skipped,
    };
    mkdirSync(join(outFile, '..'), { recursive: true });
    writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
    // Read the file back as a consumer would: CI's quick run relies on this to prove the JSON is valid.
    const written = JSON.parse(readFileSync(outFile, 'utf8')) as { runs?: unknown[] };
    if (!Array.isArray(written.runs) || written.runs.length === 0) throw new Error(`${outFile}: no runs recorded`);

    const header =
      `### npm run bench${values.quick ? ' -- --quick (small counts: proves the script, not the numbers)' : ''}\n\n` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}; ${started.toISOString()}`;
    process.stdout.write(`${header}\n\n${report}\n\n${skipped.map((s) => `- ${s}\n`).join('')}`);
    process.stdout.write(`\nJSON: ${relative(ROOT, outFile)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
