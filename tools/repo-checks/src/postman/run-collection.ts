import { run, type NewmanRunSummary } from 'newman';
import { COLLECTION_FILE } from './files';

export interface CollectionRun {
  /** Assertions (pm.test) run and failed. */
  assertions: { total: number; failed: number };
  /** Everything newman counts as failed: assertions, script errors, requests that got no response. */
  failures: Array<{ at: string; request: string; message: string }>;
}

export interface RunOptions {
  environmentFile: string;
  /** Overrides the environment's baseUrl: the stage URL, e.g. http://127.0.0.1:3000/dev. */
  baseUrl: string;
  envVars?: Array<{ key: string; value: string }>;
}

// No request to this API should take long, not even a cold start behind API Gateway; a hung server must not
// hang the run.
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Runs the collection with newman's Node API, printing its run and summary (the cli reporter) to stdout.
 * Rejects only when newman cannot run at all (e.g. an unreadable file).
 */
export function runCollection(options: RunOptions): Promise<CollectionRun> {
  // newman's own "auto" colours piped output too; colour only a terminal, and never under NO_COLOR.
  const color = process.stdout.isTTY && !process.env.NO_COLOR ? 'on' : 'off';
  return new Promise((resolve, reject) => {
    run(
      {
        collection: COLLECTION_FILE,
        environment: options.environmentFile,
        envVar: [...(options.envVars ?? []), { key: 'baseUrl', value: options.baseUrl }],
        reporters: ['cli'],
        color,
        timeoutRequest: REQUEST_TIMEOUT_MS,
      },
      (error, summary) => (error ? reject(error) : resolve(toCollectionRun(summary))),
    );
  });
}

function toCollectionRun(summary: NewmanRunSummary): CollectionRun {
  const { stats, failures } = summary.run;
  // A run-level error (e.g. newman stopped early) is a failure too, even with no failed assertion.
  const runError: unknown = summary.error;
  const stopped = runError ? [{ at: 'run', request: '(collection)', message: errorMessage(runError) }] : [];
  return {
    assertions: { total: stats.assertions.total ?? 0, failed: stats.assertions.failed ?? 0 },
    failures: failures
      .map((failure) => ({
        at: failure.at,
        request: failure.source?.name ?? '(collection)',
        message: failure.error.message,
      }))
      .concat(stopped),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}
