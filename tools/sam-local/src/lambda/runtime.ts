import { fork, type ChildProcess } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FunctionSpec } from '../template/functions';
import { createLambdaContext } from './context';
import { lambdaTrace } from './lambda-trace';
import { ENVIRONMENT_MARKER, newMarker, watchGroup, type WatchedGroup } from './process-groups';
import { fromWire, type StreamedOnTheWire, type StreamedResponse } from './streamed-response';

export type InvokeOutcome =
  /** `streamed`: the handler streamed its response (awslambda.streamifyResponse); `result` is then read from it. */
  | { kind: 'result'; result: unknown; streamed?: StreamedResponse }
  | { kind: 'error'; errorType: string; errorMessage: string; stackTrace: string[] }
  | { kind: 'timeout'; timeoutSeconds: number }
  | { kind: 'crash'; reason: string }
  | { kind: 'unavailable'; reason: string };

export interface FunctionRuntimeOptions {
  fn: FunctionSpec;
  /**
   * The folder that stands for /var/task: the build output of an esbuild function (rebuilt in place in watch mode),
   * CodeUri for the others. The worker's working directory and LAMBDA_TASK_ROOT.
   */
  taskRoot: string;
  /** The Handler as Lambda reads it from taskRoot (default: the template's; after an esbuild build, SAM's rewrite). */
  handler?: string;
  /** Folders for NODE_PATH before the task root: the local layers' node_modules, as Lambda's /opt/nodejs paths. */
  nodePath?: string[];
  environment: Record<string, string>;
  onOutput: (line: string, stream: 'stdout' | 'stderr') => void;
  /** More Node flags for the worker: --enable-source-maps for a build with maps, --inspect=… to debug. */
  nodeFlags?: string[];
  /**
   * A debugger is meant to attach: the template's Timeout is not enforced (as `sam local … -d` does), and the
   * environment starts at once and again whenever it ends, so a debugger can attach before the next request.
   */
  debugging?: boolean;
  /** The node executable the environment runs on (default: the toolkit's own); see nodeFor() in node-binary.ts. */
  execPath?: string;
}

interface WorkerMessage {
  /** 'started' once the module is loaded and the handler called; 'result' when it answered. */
  type: 'started' | 'result';
  id?: string;
  ok?: boolean;
  /** The environment is spent (init failure, uncaught error): it must not get another invocation. */
  exiting?: boolean;
  result?: unknown;
  /** A streaming handler's response, in place of `result`. */
  streamed?: StreamedOnTheWire;
  error?: { errorType: string; errorMessage: string; stackTrace: string[] };
}

const WORKER_PATH = join(__dirname, 'runtime-worker.cjs');
// close() asks the worker to leave and waits this long for it (and its output) before killing it.
const CLOSE_GRACE_MS = 2000;
// Lambda's limit on an on-demand environment's init phase (loading the function's module).
const INIT_LIMIT_MS = 10_000;
// Host variables a function may legitimately need locally (as sam local passes credentials through).
const PASSED_THROUGH = [
  'PATH',
  'HOME',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
];

/**
 * One function's execution environment: a worker process that keeps the module loaded between
 * invocations (a warm container), runs one invocation at a time, enforces the template's Timeout,
 * and is replaced when it dies or the code is rebuilt.
 */
export class FunctionRuntime {
  private worker: ChildProcess | undefined;
  /**
   * A Node process started for this environment's next worker while new code builds (prepareSuccessor): booted,
   * with no code of the function loaded. The next worker is this one rather than a process started then.
   */
  private successor: ChildProcess | undefined;
  private keepSuccessor = false;
  private tail: Promise<unknown> = Promise.resolve();
  private unavailable: string | undefined;
  private stale = false;
  private busy = false;
  private pending = 0;
  private closed = false;
  private lastExit: Promise<void> = Promise.resolve();
  /** Per worker: settles once its stdout and stderr have been read to the end and every line reported. */
  private readonly outputDone = new WeakMap<ChildProcess, Promise<void>>();
  /** Per worker: its process group (the worker and everything it started), stopped together. */
  private readonly groups = new WeakMap<ChildProcess, WatchedGroup>();
  /** Per worker: its last lines on stderr (why it died, when it runs out of memory). */
  private readonly lastStderr = new WeakMap<ChildProcess, string[]>();

  constructor(private readonly options: FunctionRuntimeOptions) {}

  /** Invocations running or queued here. */
  get load(): number {
    return this.pending;
  }

  /** Runs invocations one after another, like a single Lambda execution environment. */
  invoke(event: unknown, awsRequestId?: string): Promise<InvokeOutcome> {
    this.pending += 1;
    const run = this.tail.then(() => this.invokeNow(event, awsRequestId)).finally(() => (this.pending -= 1));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** New code is built: the next invocation gets a fresh environment (and a cold start). */
  reload(): void {
    this.unavailable = undefined;
    if (this.busy) this.stale = true;
    else this.discardWorker();
  }

  /** The code cannot run (e.g. the build failed): invocations fail with this reason until reload(). */
  markUnavailable(reason: string): void {
    this.unavailable = reason;
    if (!this.busy) this.discardWorker();
  }

  /** Starts the environment now rather than on the first invocation (a debugger can then attach first). */
  prestart(): void {
    if (!this.worker && !this.closed && !this.unavailable) this.spawnWorker();
  }

  /**
   * New code is being built: start the Node process of the next worker now, so that its start overlaps the build
   * (a Node process takes tens of milliseconds to start, more on a busy machine). It loads the function's code only
   * when it becomes the worker, after reload(): the new environment's init still runs the new code, as on Lambda.
   */
  prepareSuccessor(): void {
    if (!this.successor && !this.closed) this.successor = this.spawnProcess();
  }

  /**
   * From now on, keep a successor's process started (prepareSuccessor), started again after each invocation that
   * took it: after the invocation, so that its start does not compete with the new environment's cold start.
   */
  keepSuccessorReady(): void {
    this.keepSuccessor = true;
  }

  private startSuccessorSoon(): void {
    setImmediate(() => {
      if (this.keepSuccessor && !this.busy) this.prepareSuccessor();
    }).unref();
  }

  /**
   * Ends the environment once queued invocations are done: the worker is asked to exit (the IPC channel closes) and
   * gets CLOSE_GRACE_MS to do so; then its process group, with everything the function started, is stopped
   * (SIGTERM, then SIGKILL: process-groups.ts). close() resolves after every line it wrote has been reported.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    const processes = [this.worker, this.successor];
    this.worker = undefined;
    this.successor = undefined;
    await Promise.all(processes.map((worker) => this.closeProcess(worker)));
  }

  private async closeProcess(worker: ChildProcess | undefined): Promise<void> {
    if (!worker) return;
    const output = this.outputDone.get(worker) ?? Promise.resolve();
    if (worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      if (worker.connected) worker.disconnect();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS)))]);
      clearTimeout(grace);
      await this.stopGroup(worker);
      await exited;
    } else {
      await this.stopGroup(worker);
    }
    // The pipes end once every process holding them (the function's children too) is gone.
    await output;
  }

  private async invokeNow(event: unknown, awsRequestId?: string): Promise<InvokeOutcome> {
    if (this.closed) return { kind: 'unavailable', reason: 'the local API is shutting down' };
    if (this.unavailable) return { kind: 'unavailable', reason: this.unavailable };
    const { fn, taskRoot } = this.options;
    const worker = this.worker ?? (await this.nextWorker());
    const context = createLambdaContext({
      functionName: fn.logicalId,
      memoryLimitInMB: fn.memorySize,
      timeoutSeconds: fn.timeoutSeconds,
      region: this.options.environment.AWS_REGION,
      logGroupName: this.options.environment.AWS_LAMBDA_LOG_GROUP_NAME,
      ...(awsRequestId ? { awsRequestId } : {}),
    });
    // Only the data crosses to the worker; it rebuilds getRemainingTimeInMillis from the deadline.
    const contextFields = {
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: context.memoryLimitInMB,
      awsRequestId: context.awsRequestId,
      logGroupName: context.logGroupName,
      logStreamName: context.logStreamName,
    };
    const timeoutMs = fn.timeoutSeconds * 1000;

    this.busy = true;
    try {
      return await new Promise<InvokeOutcome>((resolve) => {
        const finish = (outcome: InvokeOutcome): void => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('exit', onExit);
          resolve(outcome);
        };
        const onMessage = (message: WorkerMessage): void => {
          if (message.id !== context.awsRequestId) return;
          if (message.type === 'started') {
            // Init is over: the invocation's own Timeout starts now.
            clearTimeout(timer);
            timer = startTimer(timeoutMs);
            return;
          }
          if (message.type !== 'result') return;
          if (message.exiting) this.discardWorker();
          if (message.ok && message.streamed) finish({ kind: 'result', ...fromWire(message.streamed) });
          else if (message.ok) finish({ kind: 'result', result: message.result });
          else finish({ kind: 'error', ...this.lambdaError(message.error) });
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
          finish({ kind: 'crash', reason: this.describeExit(worker, code, signal) });
        };
        const startTimer = (ms: number): NodeJS.Timeout | undefined =>
          this.options.debugging
            ? undefined
            : setTimeout(() => {
                this.discardWorker();
                finish({ kind: 'timeout', timeoutSeconds: fn.timeoutSeconds });
              }, ms);
        // Until the module is loaded, Lambda's init limit (10 s, or the Timeout when longer) applies.
        let timer = startTimer(Math.max(timeoutMs, INIT_LIMIT_MS));
        worker.on('message', onMessage);
        worker.once('exit', onExit);
        worker.send({
          type: 'invoke',
          id: context.awsRequestId,
          taskRoot,
          handler: this.options.handler ?? fn.handler,
          layerModules: this.options.nodePath ?? [],
          event,
          context: contextFields,
          timeoutMs,
        });
      });
    } finally {
      this.busy = false;
      if (this.stale || this.unavailable) {
        this.stale = false;
        this.discardWorker();
      }
      if (this.keepSuccessor && !this.successor) this.startSuccessorSoon();
    }
  }

  private spawnWorker(): ChildProcess {
    const worker = this.successor ?? this.spawnProcess();
    this.successor = undefined;
    this.lastExit = new Promise((resolve) => {
      if (worker.exitCode !== null || worker.signalCode !== null) resolve();
      else worker.once('exit', () => resolve());
    });
    this.worker = worker;
    return worker;
  }

  /** A worker process, its output read line by line, in a process group of its own; not yet this environment's. */
  private spawnProcess(): ChildProcess {
    const { fn, environment, onOutput } = this.options;
    const host = Object.fromEntries(
      PASSED_THROUGH.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
    );
    // Lambda's NODE_PATH is /opt/nodejs/node{major}/node_modules:/opt/nodejs/node_modules:…:/var/task; the
    // template may set its own (NODE_PATH is not reserved), LAMBDA_TASK_ROOT it may not.
    const nodePath = [...(this.options.nodePath ?? []), this.options.taskRoot].join(delimiter);
    const marker = newMarker();
    const worker = fork(WORKER_PATH, [], {
      ...(this.options.execPath ? { execPath: this.options.execPath } : {}),
      cwd: this.options.taskRoot,
      env: {
        ...host,
        NODE_PATH: nodePath,
        ...environment,
        LAMBDA_TASK_ROOT: this.options.taskRoot,
        [ENVIRONMENT_MARKER]: marker,
      },
      // A process group of its own (process-groups.ts): stopped as a whole, out of reach of the terminal's Ctrl+C.
      detached: true,
      // Lambda caps the heap below the function's memory; no loaders of ours (tsx) leak into the function.
      execArgv: [
        `--max-old-space-size=${Math.max(32, Math.floor(fn.memorySize * 0.9))}`,
        ...(this.options.nodeFlags ?? []),
      ],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    if (worker.pid !== undefined) this.groups.set(worker, watchGroup(worker.pid, marker));
    this.lastStderr.set(worker, []);
    const streamsRead: Array<Promise<void>> = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = worker[stream];
      if (!source) continue;
      const lines = createInterface({ input: source, crlfDelay: Infinity });
      lines.on('line', (line) => {
        if (stream === 'stderr') this.lastStderr.set(worker, [...(this.lastStderr.get(worker) ?? []).slice(-19), line]);
        onOutput(line, stream);
      });
      streamsRead.push(new Promise((resolve) => lines.once('close', resolve)));
    }
    this.outputDone.set(
      worker,
      Promise.all(streamsRead).then(() => undefined),
    );
    const spawnedAt = Date.now();
    worker.on('exit', (_code, signal) => {
      if (this.worker === worker) this.worker = undefined;
      if (this.successor === worker) this.successor = undefined;
      // However it ended, nothing it started outlives it.
      void this.stopGroup(worker);
      // The debugger reattaches to the same port: start the next environment once this one is gone (not after a
      // start-up failure, which would only repeat).
      const restart = signal === 'SIGKILL' || signal === 'SIGTERM' || Date.now() - spawnedAt > 1000;
      if (this.options.debugging && restart && !this.closed && !this.unavailable && !this.worker) this.spawnWorker();
    });
    worker.on('error', (error) => onOutput(`worker error: ${error.message}`, 'stderr'));
    return worker;
  }

  // While debugging, the previous environment must be gone before the next one listens on its inspector port.
  private async nextWorker(): Promise<ChildProcess> {
    if (this.options.debugging) await this.lastExit;
    return this.worker ?? this.spawnWorker();
  }

  private describeExit(worker: ChildProcess, code: number | null, signal: NodeJS.Signals | null): string {
    const outOfMemory = (this.lastStderr.get(worker) ?? []).some((line) =>
      /heap out of memory|Allocation failed/i.test(line),
    );
    if (outOfMemory) return `Runtime exited: out of memory (MemorySize ${this.options.fn.memorySize} MB)`;
    return signal ? `Runtime exited with signal ${signal}` : `Runtime exited with error: exit status ${String(code)}`;
  }

  private discardWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker && worker.exitCode === null && worker.signalCode === null) void this.stopGroup(worker);
  }

  // The error as Lambda reports it: the function's files under /var/task, none of the worker's frames.
  private lambdaError(error: WorkerMessage['error']): {
    errorType: string;
    errorMessage: string;
    stackTrace: string[];
  } {
    const { errorType, errorMessage, stackTrace } = error ?? {
      errorType: 'Error',
      errorMessage: 'unknown',
      stackTrace: [],
    };
    const paths = { taskRoot: this.options.taskRoot, codeDir: this.options.fn.codeDir, workerPath: WORKER_PATH };
    return { errorType, errorMessage, stackTrace: lambdaTrace(stackTrace, paths) };
  }

  private stopGroup(worker: ChildProcess): Promise<void> {
    const group = this.groups.get(worker);
    if (group) return group.stop();
    if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    return Promise.resolve();
  }
}
