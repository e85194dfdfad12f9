// sam-local start-api (the starter's npm start): the Docker-free equivalent of `sam local start-api`.
import { parseArgs } from 'node:util';
import { readEnvVarsFile } from '../lambda/env-vars-file';
import { parseParameterOverrides } from '../template/parameters';
import { startLocalApi } from '../http/server';
import { starterOf, watchParent } from './parent-watch';

const USAGE = `Usage: sam-local start-api [--port 3000] [--host 127.0.0.1] [--template template.yaml]
                    [--env-vars env.json] [--parameter-overrides 'Key=Value ...'] [--max-environments 1]
                    [--no-watch] [--no-type-check] [--json-logs]
PORT and HOST environment variables work too; flags win.`;

// Graceful stop: no new connections, in-flight requests finish, then exit 0 (forced after 5 s).
const STOP_GRACE_MS = 5000;

export async function startApi(args: string[]): Promise<void> {
  const starter = starterOf();
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      template: { type: 'string', short: 't' },
      'env-vars': { type: 'string', short: 'n' },
      'parameter-overrides': { type: 'string' },
      'max-environments': { type: 'string' },
      'no-watch': { type: 'boolean' },
      'no-type-check': { type: 'boolean' },
      'json-logs': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const portText = values.port ?? process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port "${portText}"\n${USAGE}`);

  const environmentsText = values['max-environments'] ?? '1';
  const maxEnvironments = Number(environmentsText);
  if (!Number.isInteger(maxEnvironments) || maxEnvironments < 1) {
    throw new Error(`Invalid --max-environments "${environmentsText}": a whole number from 1\n${USAGE}`);
  }

  const started = Date.now();
  const api = await startLocalApi({
    port,
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    ...(values.template ? { templatePath: values.template } : {}),
    ...(values['env-vars'] ? { envVars: readEnvVarsFile(values['env-vars']) } : {}),
    ...(values['parameter-overrides']
      ? { parameterOverrides: parseParameterOverrides(values['parameter-overrides']) }
      : {}),
    maxEnvironments,
    watch: !values['no-watch'],
    typeCheck: !values['no-type-check'],
    prettyLogs: !values['json-logs'],
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `port ${port} is already in use (another sam-local start-api, or another server). ` +
        `Pick another port with --port <number> or PORT=<number>, or stop whatever holds ${port}.`,
      { cause: error },
    );
  });
  console.log(`Local API (no Docker) ready in ${Date.now() - started} ms. Routes:`);
  for (const route of api.routes) {
    const method = route.method === 'ANY' ? 'ANY' : route.method;
    console.log(
      `  ${method.padEnd(6)} ${api.url}${route.resourcePath}  and  ${api.url}/${route.api.stage}${route.resourcePath}  → ${route.functionId}`,
    );
  }
  console.log(
    values['no-watch'] ? 'Watch mode off.' : 'Watching sources: edits are rebuilt and served on the next request.',
  );
  console.log('Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests, then stopping`);
    setTimeout(() => {
      console.error(`Still busy after ${STOP_GRACE_MS} ms; exiting anyway`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    api.close().then(
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
  watchParent(starter, stop);
}
