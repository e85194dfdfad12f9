// Graceful stop for the long-running commands: on SIGINT or SIGTERM, or when the command that started the server
// is gone, stop accepting, let in-flight work finish, then exit 0 (forced after STOP_GRACE_MS).
import { watchParent, type Starter } from './parent-watch';

const STOP_GRACE_MS = 5000;

/** `starter` (read with starterOf() first thing) makes the server stop when the command that started it is gone. */
export function stopOnSignals(close: () => Promise<void>, starter?: Starter): void {
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
  // The server never outlives the command that started it (npm start killed alone must not leave it running).
  if (starter) watchParent(starter, stop);
}
