// npm run test:postman: runs the Postman collection (postman/) with newman, headless, the way a user's Postman
// would: against the local API it starts on a free port and stops afterwards whatever the outcome, or with
// --base-url against any running API, e.g. a deployed stack. Prints newman's run and summary, then one
// "Postman: N passed, N failed" line. See postman/arguments.ts for flags and exit codes.
import { parseArguments, USAGE } from './postman/arguments';
import { DEPLOYED_ENVIRONMENT_FILE, LOCAL_ENVIRONMENT_FILE } from './postman/files';
import { startLocalApi } from './postman/local-api-process';
import { runCollection, type CollectionRun } from './postman/run-collection';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

async function main(): Promise<number> {
  const invocation = parseArguments(process.argv.slice(2));
  if (invocation.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (invocation.kind === 'error') {
    console.error(`test:postman: ${invocation.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }

  const { envVars } = invocation;
  if (invocation.baseUrl !== undefined) {
    console.log(`Running the collection against ${invocation.baseUrl}`);
    return report(
      await runCollection({
        environmentFile: DEPLOYED_ENVIRONMENT_FILE,
        baseUrl: invocation.baseUrl,
        envVars,
      }),
    );
  }

  const api = startLocalApi();
  // Ctrl+C reaches this process, not the local API in its own process group: stop it before leaving.
  const onSignal = (signal: NodeJS.Signals): void => {
    void api.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const baseUrl = await api.ready;
    console.log(`Local API (npm start) at ${baseUrl}`);
    const result = await runCollection({ environmentFile: LOCAL_ENVIRONMENT_FILE, baseUrl, envVars });
    if (result.failures.length > 0) console.log(`\nThe local API's output:\n${api.output()}`);
    return report(result);
  } finally {
    await api.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function report(result: CollectionRun): number {
  const { total, failed } = result.assertions;
  const otherFailures = result.failures.filter(
    (failure) => failure.at !== 'assertion' && !/^assertion:/.test(failure.at),
  );
  console.log(`Postman: ${total - failed} passed, ${failed} failed`);
  if (otherFailures.length > 0) {
    console.log(`and ${otherFailures.length} request or script error(s): see newman's failure list above`);
  }
  return result.failures.length === 0 ? 0 : EXIT_FAILED;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`test:postman failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT_FAILED;
  },
);
