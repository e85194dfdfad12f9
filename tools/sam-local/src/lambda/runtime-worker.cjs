// @ts-check
// One Lambda execution environment: a child process that loads the function's handler the way Lambda's Node runtime
// does (loadHandler below: plain `require`/`import` from the code folder) and runs one invocation at a time,
// receiving events over IPC. It runs apart from the server so a crash, exit() or runaway loop in the
// function cannot take the server down; the parent replaces it when it dies.
'use strict';
// Lambda's runtime writes the function's output synchronously: nothing printed before process.exit() or a timeout
// is lost. A pipe is non-blocking in Node, and writes it cannot take at once wait in memory (lost on exit); a
// blocking pipe makes each write wait for the server to read instead.
for (const stream of [process.stdout, process.stderr]) {
  /** @type {{ _handle?: { setBlocking?: (blocking: boolean) => void } }} */ (
    /** @type {unknown} */ (stream)
  )._handle?.setBlocking?.(true);
}
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { allowLayerImports } = require('./layer-imports.cjs');
const { installAwsLambdaGlobal, streamingHighWaterMark, streamingMode } = require('./awslambda-global.cjs');
const { runStreamingHandler } = require('./response-stream.cjs');

/** @type {{ id: string } | null} */
let current = null;
/** @type {Promise<{ handler: Function, streaming: false | 'response' }> | null} */
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

/** @param {string} name @param {string} message */
function runtimeError(name, message) {
  const error = new Error(message);
  error.name = `Runtime.${name}`;
  return error;
}

// Lambda's Node runtime decides CJS or ESM for a .js file by the nearest package.json's "type", stopping at a
// node_modules folder (aws-lambda-nodejs-runtime-interface-client src/UserFunction.js).
/** @param {string} folder @returns {boolean} */
function typeModuleAbove(folder) {
  if (folder.endsWith(`${path.sep}node_modules`)) return false;
  const manifest = path.join(folder, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      return JSON.parse(fs.readFileSync(manifest, 'utf8'))?.type === 'module';
    } catch {
      return false;
    }
  }
  const parent = path.dirname(folder);
  return parent === folder ? false : typeModuleAbove(parent);
}

/** @param {string} file */
function requireIfThere(file) {
  return fs.existsSync(file) ? require(file) : undefined;
}

/** @param {string} file */
async function importIfThere(file) {
  return fs.existsSync(file) ? import(pathToFileURL(file).href) : undefined;
}

/**
 * Loads the module a Handler names the way Lambda's Node runtime does (UserFunction.js): the handler's folders are
 * relative to the task root; the file is tried without an extension (require), then `.js` (require, or import when
 * package.json says "type": "module"), `.mjs` (import), `.cjs` (require), then Node's own resolution from the task
 * root. Top-level await in an ES module finishes before the first invocation, as on Lambda (init phase).
 * @param {string} taskRoot @param {string} moduleRoot @param {string} moduleName
 */
async function loadModule(taskRoot, moduleRoot, moduleName) {
  const base = path.resolve(taskRoot, moduleRoot, moduleName);
  const isModule = fs.existsSync(`${base}.js`) && typeModuleAbove(path.dirname(`${base}.js`));
  return (
    requireIfThere(base) ??
    (isModule ? undefined : requireIfThere(`${base}.js`)) ??
    (isModule ? await importIfThere(`${base}.js`) : undefined) ??
    (await importIfThere(`${base}.mjs`)) ??
    requireIfThere(`${base}.cjs`) ??
    require(require.resolve(moduleName, { paths: [taskRoot, path.resolve(taskRoot, moduleRoot)] }))
  );
}

/** @param {string} taskRoot @param {string} handler */
async function loadHandler(taskRoot, handler) {
  if (handler.includes('..')) {
    throw runtimeError('MalformedHandlerName', `'${handler}' is not a valid handler name.`);
  }
  const moduleRoot = handler.slice(0, handler.lastIndexOf('/') + 1);
  const match = /^([^.]*)\.(.*)$/.exec(handler.slice(moduleRoot.length));
  if (!match) throw runtimeError('MalformedHandlerName', 'Bad handler');
  const [, moduleName = '', exportPath = ''] = match;
  let loaded;
  try {
    loaded = await loadModule(taskRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw runtimeError('UserCodeSyntaxError', `${error.name}: ${error.message}`);
    const code = /** @type {{ code?: unknown }} */ (error)?.code;
    if (code === 'MODULE_NOT_FOUND') {
      throw runtimeError('ImportModuleError', `Error: ${/** @type {Error} */ (error).message}`);
    }
    throw error;
  }
  // A nested export path (`index.handlers.get`) is followed key by key.
  const found = exportPath.split('.').reduce((object, key) => object?.[key], loaded);
  if (!found) throw runtimeError('HandlerNotFound', `${handler} is undefined or not exported`);
  if (typeof found !== 'function') throw runtimeError('HandlerNotFound', `${handler} is not a function`);
  // Whether it streams its response is read once, at init, as Lambda's runtime does (index.mjs, getHandlerMetadata).
  return { handler: found, streaming: streamingMode(found) };
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

// Lambda's Node.js runtimes before 24 also take callback handlers: the result is what the callback is given, or what
// the returned promise settles to; a plain return value is not a result (aws-lambda-nodejs-runtime-interface-client
// src/Runtime.js). Node.js 24's runtime has no callback: the handler's return value (or promise) is the result.
const major = Number(/nodejs(\d+)/.exec(process.env.AWS_EXECUTION_ENV ?? '')?.[1] ?? 24);
/** @param {Function} handler @param {unknown} event @param {object} context */
function callHandler(handler, event, context) {
  if (major >= 24) return handler(event, context);
  return new Promise((resolve, reject) => {
    /** @param {unknown} error @param {unknown} value */
    const callback = (error, value) => (error ? reject(error) : resolve(value));
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

/**
 * @param {{ type: 'invoke', id: string, taskRoot: string, handler: string, layerModules?: string[], event: unknown,
 *   context: Record<string, unknown>, timeoutMs: number }} message
 */
async function invoke(message) {
  current = { id: message.id };
  let loaded;
  try {
    if (!handlerPromise) {
      allowLayerImports(message.layerModules ?? []);
      installAwsLambdaGlobal();
      handlerPromise = loadHandler(message.taskRoot, message.handler);
    }
    loaded = await handlerPromise;
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
    if (loaded.streaming) {
      // A streaming handler's bytes go back whole (base64 over the JSON channel), with the stream's content type.
      const { contentType, body } = await runStreamingHandler(
        loaded.handler,
        message.event,
        context,
        streamingHighWaterMark(loaded.handler),
      );
      send({ type: 'result', id: message.id, ok: true, streamed: { contentType, body: body.toString('base64') } });
      return;
    }
    const result = await callHandler(loaded.handler, message.event, context);
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
// The parent closes the channel to end the environment (close() in runtime.ts). The environment is a process group of
// its own, so a terminal's Ctrl+C does not reach it; SIGTERM (the server stopping it) ends it at once, even in a loop.
process.on('disconnect', () => flushAndExit(0));
