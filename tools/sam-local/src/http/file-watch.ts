import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface FileWatch {
  close: () => void;
}

/**
 * Calls `onChange` with the files whose contents changed, once things settle (`settleMs` after the last event). The
 * folders are watched rather than the files, so an editor that saves by writing a new file and renaming it over the
 * old one is seen too; a save that leaves the contents as they were calls nothing. Calls never overlap: a change
 * during one is reported after it.
 */
export function watchFiles(paths: string[], onChange: (changed: string[]) => Promise<void>, settleMs = 150): FileWatch {
  const absolute = [...new Set(paths.map((path) => resolve(path)))];
  const digests = new Map(absolute.map((path) => [path, digestOf(path)]));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const check = async (): Promise<void> => {
    const changed = absolute.filter((path) => {
      const digest = digestOf(path);
      if (digest === digests.get(path)) return false;
      digests.set(path, digest);
      return true;
    });
    if (changed.length > 0) await onChange(changed);
  };
  const run = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = check().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        run();
      }
    });
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(run, settleMs);
  };

  const watchers: FSWatcher[] = [...new Set(absolute.map((path) => dirname(path)))].map((dir) => {
    const names = new Set(absolute.filter((path) => dirname(path) === dir).map((path) => basename(path)));
    // Some platforms give no file name: any event in the folder is then checked.
    return watch(dir, (_event, name) => {
      if (name === null || names.has(name.toString())) schedule();
    });
  });
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

function digestOf(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}
