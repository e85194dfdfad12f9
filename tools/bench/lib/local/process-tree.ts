// Memory of a server and everything it started (its worker processes; threads are inside their process), read
// from Linux's /proc. RSS counts a page shared by several processes once per process, so a sum over a process tree
// overstates what the tree costs; PSS splits each shared page among its sharers, so its sum is the tree's share.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessLink {
  pid: number;
  ppid: number;
}

export interface TreeMemory {
  processes: number;
  rssMiB: number;
  /** undefined where /proc/<pid>/smaps_rollup cannot be read (kernels before 4.14, other users' processes). */
  pssMiB: number | undefined;
}

/** pid and parent pid from the text of /proc/<pid>/stat, whose second field (the command) may hold spaces and ')'. */
export function parseStat(text: string): ProcessLink {
  const close = text.lastIndexOf(')');
  const pid = Number.parseInt(text, 10);
  // After "pid (comm) ": state, ppid, …
  const ppid = Number(text.slice(close + 2).split(' ')[1]);
  if (close < 0 || !Number.isInteger(pid) || !Number.isInteger(ppid)) throw new Error(`not a /proc stat line: ${text}`);
  return { pid, ppid };
}

/** The root and every process below it, parents before children. */
export function treeOf(root: number, links: ProcessLink[]): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of links) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    if (tree.includes(pid)) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** A "Name:   123 kB" field of /proc/<pid>/status or smaps_rollup, in KiB. */
export function kibField(text: string, name: string): number | undefined {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between the listing and the read
  }
}

/** Every process's pid and parent pid, now. */
export function processLinks(): ProcessLink[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    const stat = readOrUndefined(`/proc/${entry}/stat`);
    return stat ? [parseStat(stat)] : [];
  });
}

/** RSS and PSS summed over `root` and its descendants, now. */
export function treeMemory(root: number): TreeMemory {
  const pids = treeOf(root, processLinks());
  let rssKiB = 0;
  let pssKiB: number | undefined = 0;
  for (const pid of pids) {
    rssKiB += kibField(readOrUndefined(`/proc/${pid}/status`) ?? '', 'VmRSS') ?? 0;
    const pss = kibField(readOrUndefined(`/proc/${pid}/smaps_rollup`) ?? '', 'Pss');
    pssKiB = pss === undefined || pssKiB === undefined ? undefined : pssKiB + pss;
  }
  return { processes: pids.length, rssMiB: rssKiB / 1024, pssMiB: pssKiB === undefined ? undefined : pssKiB / 1024 };
}
