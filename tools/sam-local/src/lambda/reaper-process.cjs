// @ts-check
// The reaper: a tiny supervisor process that ends every process the server started (function environments and what
// they started, the type checker) when the server asks, and on its own when the server is gone, however it went
// (Ctrl+C, SIGTERM, a forced exit, a crash, SIGKILL). It notices at once: its IPC channel to the server closes.
// It runs in a session of its own, so a terminal's Ctrl+C does not reach it before it has done its work.
//
// A watched group is stopped the way a process manager stops a job: SIGTERM to every process in it, then SIGKILL to
// whatever is left after a grace period. "In it" means: the process group (each environment is started as the
// leader of its own group), every process that carries the group's marker in its environment (children that
// started a session of their own but inherited the environment: a detached helper, a headless browser), and every
// descendant of those by parent pid, read from /proc. Without /proc (macOS) the process group alone is signalled.
'use strict';
const fs = require('node:fs');

const GRACE_MS = Number(process.argv[2] ?? 2000);
const POLL_MS = 50;

/** @typedef {{ pgid: number, marker?: string }} Group */
/** @type {Map<string, Group>} */
const watched = new Map();
/** @type {Map<string, Promise<void>>} */
const stopping = new Map();

process.on('message', (raw) => {
  const message = /** @type {{ type: string, id: string, pgid?: number, marker?: string }} */ (raw);
  if (message.type === 'watch' && typeof message.pgid === 'number') {
    watched.set(message.id, { pgid: message.pgid, ...(message.marker ? { marker: message.marker } : {}) });
  } else if (message.type === 'stop') {
    void stop(message.id).then(() => {
      if (process.connected) process.send?.({ type: 'stopped', id: message.id });
    });
  }
});

// The server is gone: stop everything it left, then leave.
process.on('disconnect', () => {
  void Promise.all([...watched.keys()].map(stop)).then(() => process.exit(0));
});

/** @param {string} id */
function stop(id) {
  const running = stopping.get(id);
  if (running) return running;
  const group = watched.get(id);
  if (!group) return Promise.resolve();
  const done = stopGroup(group).finally(() => {
    watched.delete(id);
    stopping.delete(id);
  });
  stopping.set(id, done);
  return done;
}

/** @param {Group} group */
async function stopGroup(group) {
  const first = members(group);
  signal(group, first, 'SIGTERM');
  const deadline = Date.now() + GRACE_MS;
  while (Date.now() < deadline && (groupAlive(group.pgid) || [...first].some(alive))) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const left = new Set([...members(group), ...[...first].filter(alive)]);
  signal(group, left, 'SIGKILL');
}

/** @param {Group} group @param {Set<number>} pids @param {NodeJS.Signals} name */
function signal(group, pids, name) {
  try {
    process.kill(-group.pgid, name);
  } catch {
    // the group is empty
  }
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}

/** @param {number} pgid */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readStat(pid)?.state !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Every process of the group as /proc shows it now (empty without /proc).
 * @param {Group} group
 * @returns {Set<number>}
 */
function members(group) {
  /** @type {Map<number, { ppid: number, pgid: number }>} */
  const table = new Map();
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return new Set();
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.state !== 'Z') table.set(Number(entry), stat);
  }
  const found = new Set();
  for (const [pid, { pgid }] of table) {
    if (pgid === group.pgid || (group.marker && hasMarker(pid, group.marker))) found.add(pid);
  }
  // Descendants of those, however they were started.
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, { ppid }] of table) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  found.delete(process.pid);
  found.delete(1);
  return found;
}

/** @param {number} pid */
function readStat(pid) {
  try {
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** @param {number} pid @param {string} marker */
function hasMarker(pid, marker) {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
  } catch {
    return false; // another user's process, or gone
  }
}
