// Graceful stop for the long-running commands: on SIGINT or SIGTERM, stop accepting, let in-flight work finish,
// then exit 0 (forced after STOP_GRACE_MS).
const STOP_GRACE_MS = 5000;

export function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests, then stopping`);
    setTimeout(() => {
      console.error(`Still busy after ${STOP_GRACE_MS} ms; exiting anyway`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
