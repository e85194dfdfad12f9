import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

// Folders that are not the function's own sources: dependencies, version control, build output.
export const NOT_WATCHED = new Set(['node_modules', '.git', '.aws-sam']);
// Editors write a file in a few steps (truncate then write; or rename, create, write), microseconds apart: one
// reload for the burst. Kept short because every edit waits for it; a step that comes later than this is still
// caught (a build it lands in is superseded: watchFunction in build.ts).
export const SETTLE_MS = 10;

/**
 * Calls onChange (once per burst of changes) when a file under dir changes: each folder is watched on its own
 * (node_modules, .git and .aws-sam are left out, so a large dependency tree costs nothing), and new folders are
 * picked up as they appear. For functions that run from their CodeUri as they are (no build to watch).
 * `onEvent` is called at once on every event, before the burst settles (to get ready for the change).
 */
export function watchCodeDir(dir: string, onChange: () => void, onEvent?: () => void): { close: () => void } {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const changed = (): void => {
    if (closed) return;
    onEvent?.();
    clearTimeout(timer);
    timer = setTimeout(() => {
      add(dir);
      onChange();
    }, SETTLE_MS);
  };
  const add = (folder: string): void => {
    if (!watchers.has(folder)) {
      try {
        const watcher = watch(folder, changed);
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(folder);
        });
        watchers.set(folder, watcher);
      } catch {
        return; // gone already
      }
    }
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !NOT_WATCHED.has(entry.name)) add(join(folder, entry.name));
    }
  };
  add(dir);
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
