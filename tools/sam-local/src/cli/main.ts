// sam-local <command>: Docker-free equivalents of `sam local start-api` and `sam local invoke`.
import { invoke } from './invoke';
import { startApi } from './start-api';

const USAGE = `Usage: sam-local <command> [options]
Commands:
  start-api   serve the template's Api events over HTTP (sam local start-api)
  invoke      run one function once with an event file (sam local invoke)
Run sam-local <command> --help for its options.`;

async function main([command, ...args]: string[]): Promise<number | undefined> {
  switch (command) {
    case 'start-api':
      await startApi(args);
      return undefined; // keeps serving until a signal stops it
    case 'invoke':
      return invoke(args);
    case undefined:
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`Unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (error: unknown) => {
    console.error(
      `sam-local ${process.argv[2] ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
