import type { Route } from '../api-gateway/routes';
import type { LocalFunctions } from '../lambda/local-functions';
import { watchFiles } from './file-watch';
import type { FrontHandler } from './front';

/** What the server serves from one reading of the template: its routes, the functions behind them, the handler. */
export interface Assembly {
  routes: Route[];
  functions: LocalFunctions;
  handler: FrontHandler;
}

export interface ReloadingOptions {
  /** Reads the template (and the env-vars file) and assembles what to serve; throws on a template it cannot serve. */
  assemble: () => Promise<Assembly>;
  /** The files whose edits reload it: template.yaml, the --env-vars file. None: no reload. */
  files: string[];
  /** The functions are the server's own (not shared with the Invoke API): a reload replaces them. */
  ownsFunctions: boolean;
  log: (line: string) => void;
}

export interface Reloading {
  /** What is served now. */
  current: () => Assembly;
  /** The front's handler: each request goes to what is served when it arrives. */
  handler: FrontHandler;
  /** Stops watching; with its own functions, stops them once their invocations are done. */
  close: () => Promise<void>;
}

/**
 * The server's table of routes and functions, read through `current()`, which a watcher on the template and the
 * env-vars file swaps for a new one after each edit: a new route answers, a removed one is 403, changed variables
 * reach the next invocation. A request keeps the functions it started on; the previous functions stop once their
 * invocations are done. An edit that cannot be served (a YAML error, no routes left) is reported, and the previous
 * table stays.
 */
export async function startReloading(options: ReloadingOptions): Promise<Reloading> {
  const { log } = options;
  let current = await options.assemble();
  let reloading: Promise<void> = Promise.resolve();

  const reload = async (changed: string[]): Promise<void> => {
    const what = changed.join(', ');
    let next: Assembly;
    try {
      next = await options.assemble();
    } catch (error) {
      // The first line of the error: a YAML error's excerpt of the file follows it.
      const reason = (error as Error).message.split('\n')[0];
      log(`${what} changed, but cannot be served (${reason}); still serving the previous version`);
      return;
    }
    const previous = current;
    current = next;
    log(`${what} changed: reloaded; routes: ${next.routes.map(describeRoute).join(', ')}`);
    if (options.ownsFunctions) await previous.functions.close();
  };
  const watcher =
    options.files.length > 0 ? watchFiles(options.files, (changed) => (reloading = reload(changed))) : undefined;

  const handler: FrontHandler = {
    respond: (exchange) => current.handler.respond(exchange),
    fault: () => current.handler.fault(),
    get continueLimit() {
      return current.handler.continueLimit;
    },
  };
  return {
    current: () => current,
    handler,
    close: async () => {
      watcher?.close();
      await reloading;
      if (options.ownsFunctions) await current.functions.close();
    },
  };
}

function describeRoute(route: Route): string {
  return `${route.method} /${route.api.stage}${route.resourcePath} → ${route.functionId}`;
}
