// Everything the server starts (each function environment, the type checker) runs as the leader of a process group
// of its own, watched by the reaper (reaper-process.cjs): stopping it ends the whole group and what it started,
// SIGTERM first, then SIGKILL after a grace period; and should the server die in any way, the reaper does the same
// for every group still watched. A terminal's Ctrl+C reaches none of them: the server decides when they end.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const REAPER_PATH = join(__dirname, 'reaper-process.cjs');
/** Between SIGTERM and SIGKILL. */
export const STOP_GRACE_MS = 2000;
/**
 * The variable that marks a function environment's processes: children that leave the group (a detached process,
 * a headless browser) still carry it, so the reaper finds them. The function sees it in its environment.
 */
export const ENVIRONMENT_MARKER = '_SAM_LOCAL_ENVIRONMENT';

export interface WatchedGroup {
  /** For the environment of a process started with `marker` in its environment (undefined: none). */
  marker: string | undefined;
  /** Stops the group (SIGTERM, then SIGKILL after STOP_GRACE_MS); resolves when it is done. Idempotent. */
  stop: () => Promise<void>;
}

let reaper: ChildProcess | undefined;
const waiting = new Map<string, () => void>();

/** A fresh marker value to put in a process's environment (`{ [ENVIRONMENT_MARKER]: value }`) before watching it. */
export function newMarker(): string {
  return randomUUID();
}

/** Watches the process group led by `pgid` (a child started with `detached: true`). */
export function watchGroup(pgid: number, marker?: string): WatchedGroup {
  const id = randomUUID();
  const supervisor = reaperProcess();
  supervisor?.send({ type: 'watch', id, pgid, ...(marker ? { marker: `${ENVIRONMENT_MARKER}=${marker}` } : {}) });
  let stopped: Promise<void> | undefined;
  return {
    marker,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        const current = reaperProcess();
        if (!current?.connected) {
          signalGroupWithoutReaper(pgid);
          resolve();
          return;
        }
        waiting.set(id, resolve);
        // Kept alive while a stop is under way, so that its end is seen.
        current.channel?.ref();
        current.send({ type: 'stop', id });
      })),
  };
}

function reaperProcess(): ChildProcess | undefined {
  if (reaper?.connected) return reaper;
  try {
    const started = fork(REAPER_PATH, [String(STOP_GRACE_MS)], {
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      execArgv: [],
      serialization: 'json',
    });
    started.on('message', (message: { type?: string; id?: string }) => {
      if (message.type !== 'stopped' || !message.id) return;
      waiting.get(message.id)?.();
      waiting.delete(message.id);
      if (waiting.size === 0) started.channel?.unref();
    });
    started.on('exit', () => {
      if (reaper === started) reaper = undefined;
      for (const resolve of waiting.values()) resolve();
      waiting.clear();
    });
    started.on('error', () => undefined);
    // The reaper never keeps the server running.
    started.unref();
    started.channel?.unref();
    reaper = started;
    return started;
  } catch {
    return undefined;
  }
}

// No reaper could be started: the group alone, SIGTERM now and SIGKILL after the grace period.
function signalGroupWithoutReaper(pgid: number): void {
  const send = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pgid, signal);
    } catch {
      // the group is empty
    }
  };
  send('SIGTERM');
  setTimeout(() => send('SIGKILL'), STOP_GRACE_MS).unref();
}
