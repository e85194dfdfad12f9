// Per-request latency and throughput, every tool running at once (each idle while another is loaded) and loaded in
// short slices that rotate between them, so a busy moment on a shared machine lands on every tool alike.
// Latency: the trivial handler and the starter's function, 1 and 10 clients, one server per tool (sam-local with
// one environment per function, its default). Throughput: the starter's function with N clients against a server
// allowed N environments (sam-local --max-environments N; serverless-offline has no cap and starts a worker thread
// per concurrent request, so N clients make at most N; the floor runs every request in its one process), N = 1, 4.
// Memory: each throughput server's process tree after its last slice (its N environments started and warm).
import { join } from 'node:path';
import { loadSlice } from './load';
import { treeMemory, type TreeMemory } from './process-tree';
import { rotated } from './rotation';
import { launchReady, type Running, type ToolName, type Tooling } from './tools';
import { pollUntil } from './http';
import { percentile } from '../stats';

export type HandlerName = 'trivial' | 'hello';
export const HANDLER_PATHS: Record<HandlerName, string> = { trivial: '/trivial', hello: '/hello?name=Ada' };
export const HANDLER_LABELS: Record<HandlerName, string> = {
  trivial: 'trivial handler',
  hello: 'starter’s function',
};
export const LATENCY_CLIENTS = [1, 10] as const;
export const ENVIRONMENTS = [1, 4] as const;

export interface LatencyCell {
  tool: ToolName;
  handler: HandlerName;
  clients: number;
  p50Ms: number;
  p99Ms: number;
  responses: number;
  errors: number;
}

export interface ThroughputCell {
  tool: ToolName;
  environments: number;
  /** Requests per second of each slice, in the order taken. */
  perSlice: number[];
  errors: number;
  memory: TreeMemory;
}

export interface RequestSettings {
  tools: ToolName[];
  dirs: Record<ToolName, string>;
  rounds: number;
  sliceSeconds: number;
  warmupSeconds: number;
  tooling: Tooling;
  scratch: string;
  log: (line: string) => void;
}

interface Cell {
  key: string;
  server: Running;
  path: string;
  clients: number;
  latencies: number[];
  perSlice: number[];
  errors: number;
  memory?: TreeMemory;
}

export async function measureRequests(
  settings: RequestSettings,
): Promise<{ latency: LatencyCell[]; throughput: ThroughputCell[] }> {
  const servers: Running[] = [];
  const start = async (tool: ToolName, environments: number, label: string): Promise<Running> => {
    const logFile = join(settings.scratch, `${tool}-${label}.log`);
    const { running: server } = await launchReady(
      { tool, dir: settings.dirs[tool], environments, logFile },
      settings.tooling,
      HANDLER_PATHS.hello,
      120_000,
    );
    servers.push(server);
    return server;
  };
  try {
    const cells: Cell[] = [];
    const cell = (key: string, server: Running, path: string, clients: number): Cell => {
      const made: Cell = { key, server, path, clients, latencies: [], perSlice: [], errors: 0 };
      cells.push(made);
      return made;
    };
    const latencyCells: Array<{ tool: ToolName; handler: HandlerName; clients: number; cell: Cell }> = [];
    const throughputCells: Array<{ tool: ToolName; environments: number; cell: Cell }> = [];
    for (const tool of settings.tools) {
      const server = await start(tool, 1, 'latency');
      for (const handler of ['trivial', 'hello'] as const) {
        for (const clients of LATENCY_CLIENTS) {
          const made = cell(`${tool} ${handler} ${clients}c`, server, HANDLER_PATHS[handler], clients);
          latencyCells.push({ tool, handler, clients, cell: made });
        }
      }
      for (const environments of ENVIRONMENTS) {
        const made = cell(
          `${tool} ${environments}env`,
          await start(tool, environments, `env${environments}`),
          HANDLER_PATHS.hello,
          environments,
        );
        throughputCells.push({ tool, environments, cell: made });
      }
    }
    for (const { server, path } of cells) await pollUntil(`${server.url}${path}`, (a) => a.status === 200, 120_000);
    settings.log(`  warm-up: ${cells.length} cells × ${settings.warmupSeconds} s`);
    for (const { server, path, clients } of cells)
      await loadSlice(`${server.url}${path}`, clients, settings.warmupSeconds);
    for (let round = 0; round < settings.rounds; round += 1) {
      settings.log(`  load round ${round + 1}/${settings.rounds}: ${cells.length} cells × ${settings.sliceSeconds} s`);
      for (const current of rotated(cells, round)) {
        const slice = await loadSlice(`${current.server.url}${current.path}`, current.clients, settings.sliceSeconds);
        current.latencies.push(...slice.latenciesMs);
        current.perSlice.push(slice.requests / slice.seconds);
        current.errors += slice.errors;
        // Right after its last slice, while every environment it started is warm (serverless-offline ends idle
        // worker threads after a minute).
        if (round === settings.rounds - 1) current.memory = treeMemory(current.server.pid);
      }
    }
    return {
      latency: latencyCells.map(({ tool, handler, clients, cell: c }) => ({
        tool,
        handler,
        clients,
        p50Ms: percentile(c.latencies, 50),
        p99Ms: percentile(c.latencies, 99),
        responses: c.latencies.length,
        errors: c.errors,
      })),
      throughput: throughputCells.map(({ tool, environments, cell: c }) => ({
        tool,
        environments,
        perSlice: c.perSlice,
        errors: c.errors,
        memory: c.memory ?? treeMemory(c.server.pid),
      })),
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
