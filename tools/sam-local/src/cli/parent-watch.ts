import { readFileSync } from 'node:fs';

// How often the parent is looked at. Cheap: one getppid() and, for a shell parent, one signal-0 probe.
const POLL_MS = 500;

export interface Starter {
  parent: number;
  /** The process that started the parent, when the parent is the `sh -c` npm runs scripts with. */
  grandparent: number | undefined;
}

/** Who started this process: to be read first thing, before the parent has had a chance to go. */
export function starterOf(): Starter {
  return { parent: process.ppid, grandparent: scriptShellParent(process.ppid) };
}

/**
 * Calls onGone once when the command that started this process is gone, so a server never outlives it: the parent
 * process changed (it died and this process was handed to init or a subreaper), or, when the parent is the
 * `sh -c` that npm runs scripts with, the process that started that shell died (e.g. SIGTERM to `npm start`'s npm
 * process). Returns a function that stops watching. The timer does not keep the process alive.
 */
export function watchParent({ parent, grandparent }: Starter, onGone: (reason: string) => void): () => void {
  const timer = setInterval(() => {
    let reason: string | undefined;
    if (process.ppid !== parent) reason = `The process that started sam-local (pid ${parent}) has exited`;
    else if (grandparent !== undefined && !alive(grandparent)) {
      reason = `The command that started sam-local (pid ${grandparent}) has exited`;
    }
    if (reason === undefined) return;
    clearInterval(timer);
    onGone(reason);
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** The parent of `pid` when `pid` is a shell running a `-c` command line (how npm runs scripts), else undefined. */
function scriptShellParent(pid: number): number | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!/(^|\/)(sh|bash|dash|zsh)$/.test(args[0] ?? '') || args[1] !== '-c') return undefined;
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
  } catch {
    return undefined; // no /proc (macOS): the parent alone is watched
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
