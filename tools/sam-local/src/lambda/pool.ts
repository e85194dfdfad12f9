import { FunctionRuntime, type FunctionRuntimeOptions, type InvokeOutcome } from './runtime';

/**
 * A function's execution environments, scaled out the way Lambda does: a request goes to an idle
 * environment, and when all are busy a new one starts (with its own cold start), up to a cap;
 * past the cap, requests queue on the least busy one. With a cap of 1, one warm environment serves
 * everything in order.
 */
export class FunctionPool {
  private readonly environments: FunctionRuntime[] = [];
  private unavailable: string | undefined;

  constructor(
    private readonly options: FunctionRuntimeOptions,
    private readonly maxEnvironments = 1,
  ) {}

  /** `awsRequestId` sets the context's request id (the Invoke API answers with it); default: a fresh one. */
  invoke(event: unknown, awsRequestId?: string): Promise<InvokeOutcome> {
    return this.pick().invoke(event, awsRequestId);
  }

  /** Starts the first environment now (for a debugger to attach to before the first request). */
  prestart(): void {
    (this.environments[0] ?? this.pick()).prestart();
  }

  /**
   * New code is on its way (a source changed; it is being built): each environment this pool has boots the Node
   * process of its successor now, so that reload() finds it started. The process loads no code until it is used.
   */
  prepareReload(): void {
    if (this.options.debugging) return; // one inspector port per function: no second process may take it
    for (const environment of this.environments) environment.prepareSuccessor();
  }

  /**
   * New code: every environment is replaced. Those this pool had start again at once, so a worker process is up
   * before the next request (the handler still loads on that request: its cold start, as on Lambda). A function
   * edited once is likely to be edited again: from now on each environment keeps the Node process of its successor
   * started (one idle process each, about 10 MiB PSS), so the next edit waits for no Node process to start.
   */
  reload(): void {
    this.unavailable = undefined;
    for (const environment of this.environments) {
      environment.reload();
      // While debugging, the environment restarts itself once the old one has left its inspector port.
      if (!this.options.debugging) {
        environment.prestart();
        environment.keepSuccessorReady();
      }
    }
  }

  markUnavailable(reason: string): void {
    this.unavailable = reason;
    for (const environment of this.environments) environment.markUnavailable(reason);
  }

  async close(): Promise<void> {
    await Promise.all(this.environments.map((environment) => environment.close()));
  }

  private pick(): FunctionRuntime {
    const idle = this.environments.find((environment) => environment.load === 0);
    if (idle) return idle;
    if (this.environments.length < this.maxEnvironments) {
      const environment = new FunctionRuntime(this.options);
      if (this.unavailable) environment.markUnavailable(this.unavailable);
      this.environments.push(environment);
      return environment;
    }
    return this.environments.reduce((least, environment) => (environment.load < least.load ? environment : least));
  }
}
