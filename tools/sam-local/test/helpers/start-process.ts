import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SAM_LOCAL_BIN, TOOLKIT_DIR } from './paths';

export interface StartedProcess {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when the text matches, rejects after timeoutMs (with what was printed so far). */
  waitFor: (stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Runs `sam-local start-api ...args` (what the starter's `npm start` runs), and waits
 * until it prints its URL. `detached` puts it in a process group of its own, as a shell puts a job, so a test can
 * signal the whole group the way a terminal's Ctrl+C does.
 */
export function startLocalApiProcess(args: string[], options: { detached?: boolean } = {}): Promise<StartedProcess> {
  return startSamLocalProcess(['start-api', ...args], options);
}

/** Runs `sam-local <command> ...args` (start-api, start-lambda) and waits until it prints its first URL. */
export async function startSamLocalProcess(
  args: string[],
  options: { detached?: boolean; cwd?: string; env?: Record<string, string>; urlHost?: string } = {},
): Promise<StartedProcess> {
  const child = spawn(process.execPath, [SAM_LOCAL_BIN, ...args], {
    cwd: options.cwd ?? TOOLKIT_DIR,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  const text = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  let hasExited = false;
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].setEncoding('utf8').on('data', (chunk: string) => {
      text[stream] += chunk;
      for (const listener of listeners) listener();
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const waitFor = (stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs = 30_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (pattern.test(text[stream])) {
          cleanup();
          resolve();
        } else if (hasExited) {
          cleanup();
          reject(new Error(`exited without printing ${pattern} on ${stream}:\n${text.stdout}\n${text.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${pattern} on ${stream} within ${timeoutMs} ms:\n${text.stdout}\n${text.stderr}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  void exited.then(() => {
    hasExited = true;
    for (const listener of listeners) listener();
  });
  // The first URL printed, on the address the server is expected to listen on (default 127.0.0.1).
  const url = new RegExp(`http://${(options.urlHost ?? '127.0.0.1').replace(/[.[\]]/g, '\\$&')}:(\\d+)`);
  await waitFor('stdout', url);
  const port = Number(url.exec(text.stdout)![1]);
  return { child, port, stdout: () => text.stdout, stderr: () => text.stderr, waitFor, exited };
}

/** Whether a process is alive (a zombie awaiting its reaper counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
