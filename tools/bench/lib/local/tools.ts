// The three servers bench:local compares, as a developer starts each: the command line, its environment, and the
// handling of its process (started in a process group of its own, stopped with everything it started).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, ROOT } from '../paths';
import type { PeerInstall } from './peer';
import { pollUntil } from './http';
import { processLinks, treeOf } from './process-tree';

export type ToolName = 'floor' | 'sam-local' | 'serverless-offline';
export const TOOL_NAMES: ToolName[] = ['floor', 'sam-local', 'serverless-offline'];
export const TOOL_LABELS: Record<ToolName, string> = {
  floor: 'floor: node:http calling the handler',
  'sam-local': 'sam-local start-api',
  'serverless-offline': 'serverless-offline',
};

/** The starter function's environment, as template.yaml and serverless.yml give it. */
const HELLO_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: 'hello-world',
  POWERTOOLS_METRICS_NAMESPACE: 'SamHelloApi',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  ALLOWED_ORIGIN: '*',
};

export interface LaunchSpec {
  tool: ToolName;
  /** The tool's project folder (writeProject). */
  dir: string;
  port: number;
  /** sam-local's --max-environments (default 1); serverless-offline has no such cap. */
  environments?: number;
  /** Serve edits: serverless-offline's --reloadHandler, node --watch for the floor (sam-local watches by default). */
  reload?: boolean;
  /** TMPDIR for the process: an empty one means tsx's transform cache is empty (a first run). */
  tmpDir?: string;
  /** A first run: sam-local also finds no bundle of its own sources (it keeps it in SAM_LOCAL_CACHE_DIR). */
  cold?: boolean;
  /** Where the server's output goes; default /dev/null, as nobody reads a developer's terminal in a benchmark. */
  logFile?: string;
}

export interface Tooling {
  node: string;
  peer: PeerInstall;
}

const SAM_LOCAL_BIN = join(ROOT, 'tools', 'sam-local', 'bin', 'sam-local.cjs');
const FLOOR_SERVER = join(BENCH_DIR, 'servers', 'floor-api.cjs');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** The arguments after `node` and the extra environment each tool is started with. */
export async function commandFor(
  spec: LaunchSpec,
  tooling: Tooling,
): Promise<{ args: string[]; env: Record<string, string> }> {
  switch (spec.tool) {
    case 'floor':
      return {
        args: [
          ...(spec.reload ? ['--watch'] : []),
          '--import',
          TSX_LOADER,
          FLOOR_SERVER,
          '--port',
          String(spec.port),
          '--route',
          '/trivial=trivial/handler.ts#handler',
          '--route',
          '/hello=hello-world/app.ts#lambdaHandler',
        ],
        env: HELLO_ENVIRONMENT,
      };
    case 'sam-local':
      // As `npm start` runs it, minus the type checker (the peer has none; it is a separate tsc process) and with
      // JSON logs (Powertools' pretty printing is more output than the peer writes).
      return {
        args: [
          SAM_LOCAL_BIN,
          'start-api',
          '--template',
          'template.yaml',
          '--host',
          '127.0.0.1',
          '--port',
          String(spec.port),
          '--max-environments',
          String(spec.environments ?? 1),
          '--no-type-check',
          '--json-logs',
        ],
        env: spec.cold && spec.tmpDir ? { SAM_LOCAL_CACHE_DIR: join(spec.tmpDir, 'sam-local-cache') } : {},
      };
    case 'serverless-offline':
      return {
        args: [
          tooling.peer.serverlessBin,
          'offline',
          '--host',
          '127.0.0.1',
          '--httpPort',
          String(spec.port),
          '--lambdaPort',
          String(await freePort()),
          '--noPrependStageInUrl',
          ...(spec.reload ? ['--reloadHandler'] : []),
        ],
        // No telemetry or update notices over the network.
        env: { SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      };
  }
}

// Below Linux's ephemeral range (32768-60999), which the kernel hands to every listen(0) and outgoing connection on
// the machine: a port picked there and released can be taken by another process before the tool listens on it.
const PORT_RANGE = { from: 20_000, to: 32_000 };

/** A port free now, picked at random below the ephemeral range. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export interface Running {
  spec: LaunchSpec;
  pid: number;
  url: string;
  /** Resolves when the server's process ends. */
  exited: Promise<void>;
  /** Ends the server and every process it started; resolves once they are gone. */
  stop: () => Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the tool now (the caller times from just before this call). */
export async function launch(spec: LaunchSpec, tooling: Tooling): Promise<Running> {
  const { args, env } = await commandFor(spec, tooling);
  const output = spec.logFile ? openSync(spec.logFile, 'a') : 'ignore';
  let child: ChildProcess;
  try {
    child = spawn(tooling.node, args, {
      cwd: spec.dir,
      env: { ...process.env, ...env, ...(spec.tmpDir ? { TMPDIR: spec.tmpDir } : {}) },
      detached: true,
      stdio: ['ignore', output, output],
    });
  } finally {
    if (typeof output === 'number') closeSync(output);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.tool} did not start`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    // Everything it started, taken before the stop: a worker in a process group of its own is still ours to end.
    const tree = treeOf(pid, processLinks());
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    for (const leftover of tree.filter(alive)) process.kill(leftover, 'SIGKILL');
  };
  return { spec, pid, url: `http://127.0.0.1:${spec.port}`, exited, stop };
}

const ATTEMPTS = 3;

/**
 * Starts the tool and waits for a 200 on `path`. A start whose process ends before answering (a port taken by
 * another process in the meantime, on a shared machine) is tried again on a new port, up to 3 times; the times
 * are those of the start that answered.
 */
export async function launchReady(
  spec: Omit<LaunchSpec, 'port'>,
  tooling: Tooling,
  path: string,
  deadlineMs: number,
): Promise<{ running: Running; startedAt: number; answeredAt: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const startedAt = performance.now();
    const running = await launch({ ...spec, port }, tooling);
    const polling = new AbortController();
    let endedEarly = false;
    const ended = running.exited.then(() => {
      endedEarly = true;
      throw new Error(`${spec.tool} ended before answering${spec.logFile ? ` (its output: ${spec.logFile})` : ''}`);
    });
    ended.catch(() => undefined); // also rejects when the server is stopped later, after answering
    try {
      const answeredAt = await Promise.race([
        pollUntil(`${running.url}${path}`, (a) => a.status === 200, deadlineMs, polling.signal),
        ended,
      ]);
      return { running, startedAt, answeredAt };
    } catch (error) {
      await running.stop();
      if (!endedEarly || attempt >= ATTEMPTS) throw error;
    } finally {
      polling.abort();
    }
  }
}
