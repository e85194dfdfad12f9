import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

// Folders that are not the function's own sources: dependencies, version control, build output.
export const NOT_WATCHED = new Set(['node_modules', '.git', '.aws-sam']);
// Editors write a file in several steps; one reload for the burst.
const SETTLE_MS = 50;

/**
 * Calls onChange (once per burst of changes) when a file under dir changes: each folder is watched on its own
 * (node_modules, .git and .aws-sam are left out, so a large dependency tree costs nothing), and new folders are
 * picked up as they appear. For functions that run from their CodeUri as they are (no build to watch).
 */
export function watchCodeDir(dir: string, onChange: () => void): { close: () => void } {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const changed = (): void => {
    if (closed) return;
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
