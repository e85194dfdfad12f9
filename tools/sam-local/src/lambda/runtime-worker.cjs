// @ts-check
// One Lambda execution environment: a child process that loads a built handler module (plain
// `require`/`import`, exactly as Lambda's Node runtime would) and runs one invocation at a time,
// receiving events over IPC. It runs apart from the server so a crash, exit() or runaway loop in the
// function cannot take the server down; the parent replaces it when it dies.
'use strict';
const { pathToFileURL } = require('node:url');

/** @type {{ id: string } | null} */
let current = null;
/** @type {Promise<Function> | null} */
let handlerPromise = null;

/** @param {unknown} error */
function describe(error) {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, stackTrace: String(error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), stackTrace: [] };
}

/** @param {object} message @param {() => void} [then] */
function send(message, then) {
  if (process.send) process.send(message, undefined, {}, () => then?.());
  else then?.();
}

// Writes to the stdout/stderr pipes are asynchronous: leave only once what was printed has been handed over.
/** @param {number} code */
function flushAndExit(code) {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

// The environment is spent: report, let the message reach the parent, then go.
/** @param {object} message */
function sendAndExit(message) {
  process.exitCode = 1;
  send({ ...message, exiting: true }, () => flushAndExit(1));
}

/** @param {string} modulePath @param {string} exportName */
async function loadHandler(modulePath, exportName) {
  const loaded = modulePath.endsWith('.mjs') ? await import(pathToFileURL(modulePath).href) : require(modulePath);
  const handler = loaded[exportName];
  if (typeof handler !== 'function') {
    const error = new Error(`${modulePath} does not export a function named ${exportName}`);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return handler;
}

// Lambda's Node runtime reports these against the invocation in flight, then discards the environment.
/** @param {string} errorType @param {unknown} error */
function fatal(errorType, error) {
  const described = describe(error);
  process.stderr.write(`${errorType}: ${described.errorMessage}\n`);
  sendAndExit({ type: 'result', id: current?.id, ok: false, error: { ...described, errorType } });
}
process.on('uncaughtException', (error) => fatal('Runtime.UncaughtException', error));
process.on('unhandledRejection', (reason) => fatal('Runtime.UnhandledPromiseRejection', reason));

/**
 * @param {{ type: 'invoke', id: string, modulePath: string, exportName: string, event: unknown,
 *   context: Record<string, unknown>, timeoutMs: number }} message
 */
async function invoke(message) {
  current = { id: message.id };
  let handler;
  try {
    handlerPromise ??= loadHandler(message.modulePath, message.exportName);
    handler = await handlerPromise;
  } catch (error) {
    // An init failure: Lambda discards the environment and retries init on the next request.
    const described = describe(error);
    process.stderr.write(`Init error: ${described.errorType}: ${described.errorMessage}\n`);
    sendAndExit({ type: 'result', id: message.id, ok: false, error: described });
    return;
  }
  // As on Lambda, the function's Timeout runs from here: loading the module is the init phase, timed apart.
  const deadline = Date.now() + message.timeoutMs;
  send({ type: 'started', id: message.id });
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    ...message.context,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(message.event, context);
    send({ type: 'result', id: message.id, ok: true, result: result === undefined ? null : result });
  } catch (error) {
    send({ type: 'result', id: message.id, ok: false, error: describe(error) });
  } finally {
    current = null;
  }
}

process.on('message', (message) => {
  // The parent only ever sends invoke messages; anything else is ignored.
  const typed = /** @type {Parameters<typeof invoke>[0]} */ (message);
  if (typed && typed.type === 'invoke') void invoke(typed);
});
// The parent closes the channel to end the environment (close() in runtime.ts).
process.on('disconnect', () => flushAndExit(0));
// Ctrl+C in a terminal signals the whole process group: the server decides when environments end (and
// this one ends with it, on disconnect), so an in-flight invocation still completes during a graceful stop.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
