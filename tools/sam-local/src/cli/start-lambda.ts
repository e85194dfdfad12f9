// sam-local start-lambda: the Docker-free equivalent of `sam local start-lambda`, Lambda's Invoke API
// (POST /2015-03-31/functions/{FunctionName}/invocations) for every function of the template, for the AWS SDK
// or CLI to call with an endpoint override. Lambda-only: it depends on the template and lambda modules alone.
import { parseArgs } from 'node:util';
import { environmentsFrom, HOST_USAGE, listenHostFrom, portFrom, SERVER_FLAGS } from './server-flags';
import { exposureWarning } from './exposure-warning';
import { parseAllowedHosts } from '../http/host-check';
import { readEnvVarsFile } from '../lambda/env-vars-file';
import { takeInspectorFlag } from '../lambda/inspector';
import { resolveRegion } from '../lambda/region';
import { startLocalFunctions } from '../lambda/local-functions';
import { startInvokeEndpoint } from '../lambda-api/invoke-endpoint';
import { allFunctionIds, readFunctions } from '../template/functions';
import { parseParameterOverrides } from '../template/parameters';
import { loadTemplate } from '../template/template';
import { templateLines } from '../template/template-lines';
import { stopOnSignals } from './graceful-stop';
import { starterOf } from './parent-watch';
import { explainPortInUse } from './port-in-use';
import { applyProfileFlag, PROFILE_USAGE } from './profile-flag';

const USAGE = `Usage: sam-local start-lambda [--port 3001] [--host 127.0.0.1] [--template template.yaml]
                       [--env-vars env.json] [--parameter-overrides 'Key=Value ...'] [--region us-east-1] [--profile name]
                       [--max-environments 1] [--no-watch] [--json-logs] [--inspect[=[HOST:]PORT] | --inspect-brk[=…]]
                       [--allowed-hosts name,.domain]
${HOST_USAGE}
${PROFILE_USAGE}
Then: aws lambda invoke --endpoint-url http://127.0.0.1:3001 --function-name <FunctionLogicalId> out.json
(or the AWS SDK with endpoint: 'http://127.0.0.1:3001'). To serve the HTTP API too, from the same
environments: sam-local start-api --lambda-port 3001.`;

export async function startLambda(args: string[]): Promise<void> {
  // Read before anything else, while the command that started this process is surely still there.
  const starter = starterOf();
  const { rest, inspector } = takeInspectorFlag(args);
  const { values } = parseArgs({
    args: rest,
    options: SERVER_FLAGS,
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = portFrom(values.port ?? '3001', '--port', USAGE);
  const maxEnvironments = environmentsFrom(values['max-environments'], USAGE);

  const started = Date.now();
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const parameters = values['parameter-overrides'] ? parseParameterOverrides(values['parameter-overrides']) : {};
  applyProfileFlag(values.profile);
  const region = resolveRegion(values.region);
  const loaded = loadTemplate(values.template ?? 'template.yaml', {
    parameterOverrides: parameters,
    region: region.region,
  });
  for (const line of templateLines(loaded)) log(`Note: ${line}`);
  const functionIds = allFunctionIds(loaded);
  if (functionIds.length === 0) throw new Error(`${loaded.path} defines no AWS::Serverless::Function`);
  const functions = await startLocalFunctions({
    loaded,
    functionIds,
    parameters,
    ...(values['env-vars'] ? { envVars: readEnvVarsFile(values['env-vars']) } : {}),
    prettyLogs: !values['json-logs'],
    maxEnvironments,
    watch: !values['no-watch'],
    ...(inspector ? { inspector } : {}),
    log,
    functionOutput: (functionId, line) => void process.stderr.write(`[${functionId}] ${line}\n`),
  });
  const host = listenHostFrom(values.host, undefined);
  let endpoint;
  try {
    endpoint = await startInvokeEndpoint({
      loaded,
      functions,
      parameters,
      host,
      port,
      allowedHosts: parseAllowedHosts(values['allowed-hosts']),
      log,
    });
  } catch (error) {
    await functions.close();
    explainPortInUse(error, { [port]: '--port <number>' });
  }
  log(
    `Lambda Invoke API (no Docker) ready in ${Date.now() - started} ms on ${endpoint.url}, region ${region.region} (${region.from}). Functions:`,
  );
  const skipped = new Set(readFunctions(loaded, parameters).skipped.map((fn) => fn.logicalId));
  for (const functionId of functionIds) log(`  ${functionId}${skipped.has(functionId) ? ' (skipped, see above)' : ''}`);
  log(
    `e.g. aws lambda invoke --endpoint-url ${endpoint.url} --function-name ${functionIds.find((id) => !skipped.has(id)) ?? functionIds[0]} out.json`,
  );
  for (const line of functions.attachLines) log(line);
  const warning = exposureWarning({ invoke: { host, port: endpoint.port }, ...(inspector ? { inspector } : {}) });
  if (warning) console.warn(warning);
  log(values['no-watch'] ? 'Watch mode off.' : 'Watching sources: edits are rebuilt and run on the next invocation.');
  log('Ctrl+C to stop.');
  const running = endpoint;
  stopOnSignals(async () => {
    await running.close();
    await functions.close();
  }, starter);
}
