// sam-local start-api (the starter's npm start): the Docker-free equivalent of `sam local start-api`.
import { parseArgs } from 'node:util';
import { environmentsFrom, HOST_USAGE, listenHostFrom, portFrom, SERVER_FLAGS } from './server-flags';
import { apiKeysFrom, AUTH_FLAGS, readJwksFile } from './auth-flags';
import { exposureWarning } from './exposure-warning';
import { parseAllowedHosts } from '../http/host-check';
import { readEnvVarsFile } from '../lambda/env-vars-file';
import { takeInspectorFlag } from '../lambda/inspector';
import { resolveRegion } from '../lambda/region';
import { parseParameterOverrides } from '../template/parameters';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '../http/server';
import { stopOnSignals } from './graceful-stop';
import { starterOf } from './parent-watch';
import { explainPortInUse } from './port-in-use';
import { applyProfileFlag, PROFILE_USAGE } from './profile-flag';
import { startWithInvokeEndpoint } from './with-invoke-endpoint';

const USAGE = `Usage: sam-local start-api [--port 3000] [--host 127.0.0.1] [--template template.yaml]
                    [--env-vars env.json] [--parameter-overrides 'Key=Value ...'] [--region us-east-1] [--profile name]
                    [--max-environments 1] [--no-watch] [--no-type-check] [--json-logs] [--lambda-port 3001]
                    [--function-url-port 3010]
                    [--inspect[=[HOST:]PORT] | --inspect-brk[=…]] [--allowed-hosts name,.domain]
                    [--jwks keys.json] [--api-key KEY …] [--jwt-issuer URL] [--jwt-audience ID …]
PORT and HOST environment variables work too; flags win.
${HOST_USAGE}
${PROFILE_USAGE}
--jwks verifies the signatures of tokens Cognito and JWT authorizers take with these keys (a JSON Web Key Set);
without it their claims are checked but not their signatures. --api-key (repeatable, or SAM_LOCAL_API_KEYS=k1,k2)
sets the keys routes with ApiKeyRequired accept in x-api-key; without any, every non-empty key is accepted.
--jwt-issuer and --jwt-audience (repeatable) give the issuer and audiences of JWT authorizers whose own the
template leaves to the deployed stack (a nested stack's output, an import); without them those are not checked.
--lambda-port also serves Lambda's Invoke API (as sam local start-lambda) for every function of the template,
on the same execution environments as the HTTP API. Each function URL (FunctionUrlConfig) is served on a port
of its own: the first on --function-url-port (default 3010), the next on 3011, … in the order of the functions'
logical ids. --inspect starts each function's worker with the Node
inspector (first function on 9229, the next on 9230, …); --inspect-brk also waits for a debugger.`;

export async function startApi(args: string[]): Promise<void> {
  // Read before anything else, while the command that started this process is surely still there.
  const starter = starterOf();
  const { rest, inspector } = takeInspectorFlag(args);
  const { values } = parseArgs({
    args: rest,
    options: {
      ...SERVER_FLAGS,
      ...AUTH_FLAGS,
      'no-type-check': { type: 'boolean' },
      'lambda-port': { type: 'string' },
      'function-url-port': { type: 'string' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = portFrom(values.port ?? process.env.PORT ?? '3000', 'port', USAGE);
  const maxEnvironments = environmentsFrom(values['max-environments'], USAGE);
  const lambdaPort =
    values['lambda-port'] === undefined ? undefined : portFrom(values['lambda-port'], '--lambda-port', USAGE);

  const functionUrlPort =
    values['function-url-port'] === undefined
      ? undefined
      : portFrom(values['function-url-port'], '--function-url-port', USAGE);
  const started = Date.now();
  applyProfileFlag(values.profile);
  const region = resolveRegion(values.region);
  const apiOptions: LocalApiOptions = {
    port,
    ...(functionUrlPort !== undefined ? { functionUrlPort } : {}),
    host: listenHostFrom(values.host, process.env.HOST),
    allowedHosts: parseAllowedHosts(values['allowed-hosts']),
    ...(values.template ? { templatePath: values.template } : {}),
    ...(values['env-vars'] ? { envVars: readEnvVarsFile(values['env-vars']), envVarsPath: values['env-vars'] } : {}),
    ...(values['parameter-overrides']
      ? { parameterOverrides: parseParameterOverrides(values['parameter-overrides']) }
      : {}),
    region: region.region,
    maxEnvironments,
    watch: !values['no-watch'],
    typeCheck: !values['no-type-check'],
    prettyLogs: !values['json-logs'],
    ...(inspector ? { inspector } : {}),
    ...(values.jwks ? { jwks: readJwksFile(values.jwks) } : {}),
    apiKeys: apiKeysFrom(values['api-key'], process.env),
    ...(values['jwt-issuer'] ? { jwtIssuer: values['jwt-issuer'] } : {}),
    ...(values['jwt-audience'] ? { jwtAudiences: values['jwt-audience'] } : {}),
  };
  const served = await (
    lambdaPort === undefined ? apiAlone(apiOptions) : startWithInvokeEndpoint(apiOptions, lambdaPort)
  ).catch((error: unknown) =>
    explainPortInUse(error, {
      // Function URLs take consecutive ports from --function-url-port, one per function URL.
      ...Object.fromEntries(
        Array.from({ length: 32 }, (_, index) => [
          (functionUrlPort ?? 3010) + index,
          '--function-url-port <number> (function URLs take consecutive ports from it)',
        ]),
      ),
      [port]: '--port <number> or PORT=<number>',
      // Listened on second: when both ports are the same, it is this one that fails.
      ...(lambdaPort !== undefined ? { [lambdaPort]: '--lambda-port <number>' } : {}),
    }),
  );
  const { api } = served;
  const warning = exposureWarning({
    api: { host: api.host, port: api.port },
    ...(served.endpointPort !== undefined ? { invoke: { host: api.host, port: served.endpointPort } } : {}),
    ...(inspector ? { inspector } : {}),
  });
  if (warning) console.warn(warning);
  console.log(
    `Local API (no Docker) ready in ${Date.now() - started} ms, region ${region.region} (${region.from}). Routes:`,
  );
  for (const line of api.routeLines) console.log(line);
  for (const note of api.notes) console.log(`Note: ${note}`);
  if (served.endpointUrl) {
    console.log(
      `Lambda Invoke API on ${served.endpointUrl} (e.g. aws lambda invoke --endpoint-url ${served.endpointUrl} …)`,
    );
  }
  for (const line of api.attachLines) console.log(line);
  console.log(
    values['no-watch']
      ? 'Watch mode off.'
      : 'Watching sources, the template and the env-vars file: edits are served on the next request.',
  );
  console.log('Ctrl+C to stop.');
  stopOnSignals(served.close, starter);
}

async function apiAlone(
  options: LocalApiOptions,
): Promise<{ api: LocalApi; endpointUrl?: string; endpointPort?: number; close: () => Promise<void> }> {
  const api = await startLocalApi(options);
  return { api, close: api.close };
}
