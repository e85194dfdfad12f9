import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { BENCH_DIR, TEMPLATE_PATH } from './paths';
import { percentile } from './stats';

export type ServerName = 'local-api' | 'bare-http';

export const SERVER_LABELS: Record<ServerName, string> = {
  'local-api': 'local API (sam-local start-api)',
  'bare-http': 'bare node:http',
};

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and responses other than 2xx. */
  errors: number;
}

interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts a server script in a child process of the given Node; the script reports its URL (or why it could not
 * start) over IPC. Its stdout and stderr (access log, function logs) are written as usual, to /dev/null: reading
 * them here would put this process's work on the measured path.
 */
async function startServer(node: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn(node, args, { env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not report a URL within 60 s`)), 60_000);
    child.once('message', (message: { url?: string; error?: string }) => {
      clearTimeout(timer);
      if (typeof message.url === 'string') resolve(message.url);
      else reject(new Error(`${args.join(' ')} could not start: ${message.error ?? JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before listening`));
    });
  });
  return { url, stop: () => stopServer(child) };
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('close');
  });
}

function load(url: string, connections: number, durationSeconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    // autocannon's own histogram rounds to whole milliseconds; each response's time is kept here instead.
    const instance = autocannon({ url, connections, duration: durationSeconds, timeout: 10 }, (error, result) => {
      if (error) return reject(error);
      if (latencies.length === 0) return reject(new Error(`no responses from ${url}`));
      resolve({
        requestsPerSecond: result.requests.total / durationSeconds,
        requests: result.requests.total,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        errors: result.errors + result.timeouts + result.non2xx,
      });
    });
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

/**
 * Serves GET /hello from `server` under `node`, warms it (the function's cold start and the JIT are not the
 * subject here), then loads it with autocannon from this process.
 */
export async function measureServer(
  node: string,
  server: ServerName,
  settings: LoadSettings,
  buildDir: string,
): Promise<LoadResult> {
  const args =
    server === 'bare-http'
      ? [join(BENCH_DIR, 'servers', 'bare-http.cjs')]
      : ['--import', 'tsx', join(BENCH_DIR, 'servers', 'local-api.ts'), TEMPLATE_PATH, buildDir];
  const running = await startServer(node, args, process.env);
  try {
    const url = `${running.url}/hello`;
    if (settings.warmupSeconds > 0) await load(url, settings.connections, settings.warmupSeconds);
    return await load(url, settings.connections, settings.durationSeconds);
  } finally {
    await running.stop();
  }
}
