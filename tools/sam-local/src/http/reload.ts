import type { LocalFunctions } from '../lambda/local-functions';
import { watchFiles } from './file-watch';
import type { FrontHandler } from './front';

/** What the server serves from one reading of the template: at least the functions behind it. */
export interface Assembly {
  functions: LocalFunctions;
}

export interface ReloadingOptions<A extends Assembly> {
  /** Reads the template (and the env-vars file) and assembles what to serve; throws on a template it cannot serve. */
  assemble: () => Promise<A>;
  /** Why `next` cannot replace `current` without a restart (e.g. a port added), or undefined when it can. */
  needsRestart?: (current: A, next: A) => string | undefined;
  /** One line saying what is served after a reload. */
  describe: (assembly: A) => string;
  /** The files whose edits reload it: template.yaml, the --env-vars file. None: no reload. */
  files: string[];
  /** The functions are the server's own (not shared with the Invoke API): a reload replaces them. */
  ownsFunctions: boolean;
  log: (line: string) => void;
}

export interface Reloading<A extends Assembly> {
  /** What is served now. */
  current: () => A;
  /** A front's handler that hands each request to the part of what is served when it arrives. */
  handlerOf: (select: (assembly: A) => FrontHandler) => FrontHandler;
  /** Stops watching; with its own functions, stops them once their invocations are done. */
  close: () => Promise<void>;
}

/**
 * The server's table of routes and functions, read through `current()`, which a watcher on the template and the
 * env-vars file swaps for a new one after each edit: a new route answers, a removed one is 403, changed variables
 * reach the next invocation. A request keeps the functions it started on; the previous functions stop once their
 * invocations are done. An edit that cannot be served (a YAML error, nothing left to serve, a build error, a change
 * of ports) is reported in one line, and the previous table stays.
 */
export async function startReloading<A extends Assembly>(options: ReloadingOptions<A>): Promise<Reloading<A>> {
  const { log } = options;
  let current = await options.assemble();
  let reloading: Promise<void> = Promise.resolve();

  const reload = async (changed: string[]): Promise<void> => {
    const what = changed.join(', ');
    const keep = (reason: string): void =>
      log(`${what} changed, but cannot be served (${reason}); still serving the previous version`);
    let next: A;
    try {
      next = await options.assemble();
    } catch (error) {
      // The first line of the error: a YAML error's excerpt of the file follows it.
      keep((error as Error).message.split('\n')[0] ?? '');
      return;
    }
    const restart = options.needsRestart?.(current, next);
    if (restart !== undefined) {
      if (options.ownsFunctions) await next.functions.close();
      keep(restart);
      return;
    }
    const previous = current;
    current = next;
    log(`${what} changed: reloaded; ${options.describe(next)}`);
    if (options.ownsFunctions) await previous.functions.close();
  };
  const watcher =
    options.files.length > 0 ? watchFiles(options.files, (changed) => (reloading = reload(changed))) : undefined;

  return {
    current: () => current,
    handlerOf: (select) => ({
      respond: (exchange) => select(current).respond(exchange),
      fault: () => select(current).fault(),
      get continueLimit() {
        return select(current).continueLimit;
      },
    }),
    close: async () => {
      watcher?.close();
      await reloading;
      if (options.ownsFunctions) await current.functions.close();
    },
  };
}
