import { spawn } from 'node:child_process';
import { ROOT } from './files';

export interface LocalApiProcess {
  /**
   * Resolves to the stage URL the collection's requests start from (e.g. http://127.0.0.1:41234/dev) once the
   * API listens; rejects, with what it printed, if it exits or prints no URL in time (it is stopped then).
   */
  ready: Promise<string>;
  /** Everything the local API printed so far (routes, access log, function logs). */
  output: () => string;
  /** Stops the local API and everything it started. Safe to call more than once. */
  stop: () => Promise<void>;
}

// The stage URL of GET /hello in the route lines `npm start` prints once it listens, e.g. "… and
// http://127.0.0.1:41234/dev/hello  → HelloWorldFunction": the one URL a segment before /hello and no more.
const STAGE_HELLO_URL = /\band\s+(http:\/\/127\.0\.0\.1:\d+\/[^\s/]+)\/hello\s/;
// esbuild builds the function before the server listens; a cold CI machine can be slow.
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/**
 * Runs `npm start -- --port 0 --no-watch --no-type-check` from the repository root. The local API picks a free port
 * itself, so two runs never race for one; the collection checks answers, so the background `tsc` (which `npm test`
 * runs anyway) is left out. It runs in a process group of its own (`detached`), and stop() signals the whole
 * group: npm start's own children must not outlive it. Returns at once, so a caller can stop it even while it
 * is still starting.
 */
export function startLocalApi(): LocalApiProcess {
  const child = spawn('npm', ['start', '--', '--port', '0', '--no-watch', '--no-type-check'], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= stopGroup(child.pid, exited).finally(() => {
      child.stdout.destroy();
      child.stderr.destroy();
    });
    return stopping;
  };

  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the local API printed no URL within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    const check = (): void => {
      const match = STAGE_HELLO_URL.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`npm start exited before printing its URL (exit code ${String(child.exitCode)})`));
    });
    void spawnFailed.then((error) => {
      clearTimeout(timer);
      reject(new Error(`could not run npm start: ${error.message}`));
    });
  });
  const ready = listening.catch(async (error: unknown) => {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  });
  return { ready, output: () => output, stop };
}

/** SIGTERM to the process group, then SIGKILL to whatever is left after the grace period. */
async function stopGroup(pid: number | undefined, exited: Promise<void>): Promise<void> {
  if (pid === undefined) return; // never started
  if (!signalGroup(pid, 'SIGTERM')) return;
  if (await groupGoneWithin(pid, STOP_GRACE_MS)) return;
  signalGroup(pid, 'SIGKILL');
  await groupGoneWithin(pid, STOP_GRACE_MS);
  await Promise.race([exited, delay(STOP_GRACE_MS)]);
}

/** Signals every process of the group; false when the group no longer exists. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

async function groupGoneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!signalGroup(pid, 0)) return true;
    await delay(50);
  }
  return !signalGroup(pid, 0);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
