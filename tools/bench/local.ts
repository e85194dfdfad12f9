// `npm run bench:local --workspace tools/bench [-- --quick] [-- --out FILE]`: sam-local start-api against
// serverless-offline and a floor (the same handlers called from a plain node:http server), measured in one run on
// one machine with interleaved samples: start → first 200 (cold, warm), edit → new code served, per-request latency,
// throughput with 1 and 4 environments, memory. Prints Markdown with ratios and the targets; writes the same as JSON
// (tools/bench/results/ by default). Numbers are reported, never asserted: --quick proves the script, not the numbers.
// `--only start,edit,requests` and `--tools floor,sam-local` measure a part of the run (the floor should stay in:
// ratios are taken against it).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureEdits } from './lib/local/edit';
import { figuresOf, targetChecks } from './lib/local/figures';
import { installPeer } from './lib/local/peer';
import { runtimeOf, writeProject } from './lib/local/project';
import { renderLocalReport } from './lib/local/report';
import { measureRequests } from './lib/local/requests';
import { measureStarts } from './lib/local/start';
import { TOOL_NAMES, type ToolName, type Tooling } from './lib/local/tools';
import { RESULTS_DIR, ROOT } from './lib/paths';

interface Settings {
  startRounds: number;
  editRounds: number;
  loadRounds: number;
  sliceSeconds: number;
  warmupSeconds: number;
}

const FULL: Settings = { startRounds: 8, editRounds: 10, loadRounds: 5, sliceSeconds: 2, warmupSeconds: 1 };
const QUICK: Settings = { startRounds: 1, editRounds: 1, loadRounds: 1, sliceSeconds: 0.5, warmupSeconds: 0.2 };

const PARTS = ['start', 'edit', 'requests'] as const;
type Part = (typeof PARTS)[number];

/** A comma-separated subset of `all` (all of it when not given); anything else is refused by name. */
function subset<T extends string>(flag: string, given: string | undefined, all: readonly T[]): T[] {
  if (given === undefined) return [...all];
  const picked = given.split(',').map((name) => name.trim());
  const unknown = picked.filter((name) => !(all as readonly string[]).includes(name));
  if (unknown.length > 0 || picked.length === 0) {
    throw new Error(`--${flag} ${given}: expected a comma-separated list of ${all.join(', ')}`);
  }
  return all.filter((name) => picked.includes(name));
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
      tools: { type: 'string' },
    },
  });
  const settings = values.quick ? QUICK : FULL;
  const parts = subset<Part>('only', values.only, PARTS);
  const tools = subset<ToolName>('tools', values.tools, TOOL_NAMES);
  const started = new Date();
  const outFile = values.out
    ? resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
    : join(RESULTS_DIR, `local-${started.toISOString().replace(/[:.]/g, '-')}.json`);

  const peer = installPeer(log);
  const tooling: Tooling = { node: process.execPath, peer };
  const runtime = runtimeOf(process.version);
  const scratch = mkdtempSync(join(tmpdir(), 'sam-bench-local-'));
  const loadBefore = loadavg()[0] ?? 0;
  try {
    const dirs = Object.fromEntries(tools.map((tool) => [tool, join(scratch, tool)])) as Record<ToolName, string>;
    for (const tool of tools) writeProject(dirs[tool], runtime, peer.nodeModules);
    const common = { tools, dirs, tooling, scratch, log };
    const none = <T>(empty: () => T): Record<ToolName, T> =>
      Object.fromEntries(tools.map((tool) => [tool, empty()])) as Record<ToolName, T>;

    let start = none(() => ({ cold: [] as number[], warm: [] as number[] }));
    if (parts.includes('start')) {
      log(`Start → first 200: ${settings.startRounds} rounds…`);
      start = await measureStarts({ ...common, rounds: settings.startRounds });
    }
    let edit = none(() => ({ trivial: [] as number[], hello: [] as number[] }));
    if (parts.includes('edit')) {
      log(`Edit → served: ${settings.editRounds} rounds…`);
      edit = await measureEdits({ ...common, rounds: settings.editRounds });
    }
    let requests: Awaited<ReturnType<typeof measureRequests>> = { latency: [], throughput: [] };
    if (parts.includes('requests')) {
      log(`Latency and throughput: ${settings.loadRounds} rounds…`);
      requests = await measureRequests({
        ...common,
        rounds: settings.loadRounds,
        sliceSeconds: settings.sliceSeconds,
        warmupSeconds: settings.warmupSeconds,
      });
    }
    const results = { start, edit, latency: requests.latency, throughput: requests.throughput };
    const loadAfter = loadavg()[0] ?? 0;

    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: availableParallelism(),
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      platform: `${process.platform} ${process.arch}`,
      node: process.version,
      loadAverage1m: { before: loadBefore, after: loadAfter },
    };
    const figures = figuresOf(results);
    const json = {
      startedAt: started.toISOString(),
      mode: values.quick ? 'quick' : 'full',
      parts,
      machine,
      settings,
      tools: { runtime, serverless: peer.serverlessVersion, serverlessOffline: peer.offlineVersion },
      results,
      figures,
      targets: targetChecks(results, figures),
    };
    mkdirSync(join(outFile, '..'), { recursive: true });
    writeFileSync(outFile, `${JSON.stringify(json, null, 2)}\n`);
    // Read back as a consumer would: CI's quick run relies on this to prove the JSON is whole.
    const written = JSON.parse(readFileSync(outFile, 'utf8')) as { figures?: unknown[] };
    if (!Array.isArray(written.figures) || written.figures.length === 0) throw new Error(`${outFile}: no figures`);

    const header =
      `### npm run bench:local${values.quick ? ' -- --quick (small counts: proves the script, not the numbers)' : ''}` +
      `${parts.length < PARTS.length || tools.length < TOOL_NAMES.length ? ` (only ${parts.join(', ')}; ${tools.join(', ')})` : ''}\n\n` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${process.version}; ` +
      `${started.toISOString()}; load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after. ` +
      `serverless-offline ${peer.offlineVersion} under Serverless Framework ${peer.serverlessVersion}; functions on ${runtime}.`;
    const report = renderLocalReport({
      results,
      rounds: { start: settings.startRounds, edit: settings.editRounds, load: settings.loadRounds },
      sliceSeconds: settings.sliceSeconds,
    });
    process.stdout.write(`${header}\n\n${report}\n\nJSON: ${relative(ROOT, outFile)}\n`);
    rmSync(scratch, { recursive: true, force: true });
  } catch (error) {
    log(`The servers' output is kept in ${scratch}`);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:local: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
