// sam-local invoke (the starter's npm run invoke): the Docker-free equivalent of `sam local invoke [FunctionId] -e event.json`.
// The result goes to stdout as JSON, the function's logs to stderr.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { envOverridesFor, readEnvVarsFile } from '../lambda/env-vars-file';
import { environmentNotes, lambdaEnvironment } from '../lambda/environment';
import { functionNotes } from '../lambda/function-notes';
import { resolveRegion } from '../lambda/region';
import { attachLine, inspectorFlag, takeInspectorFlag, type InspectorOptions } from '../lambda/inspector';
import { invocationPayload } from '../lambda/invoke-payload';
import { parseParameterOverrides } from '../template/parameters';
import { findFunction } from '../template/functions';
import { layerNodePath } from '../template/layers';
import { prepareFunctionCode } from '../lambda/function-code';
import { loadTemplate } from '../template/template';
import { templateLines } from '../template/template-lines';
import { FunctionRuntime } from '../lambda/runtime';
import { nodeFor } from '../lambda/node-binary';
import { exposureWarning } from './exposure-warning';
import { applyProfileFlag, PROFILE_USAGE } from './profile-flag';

const USAGE = `Usage: sam-local invoke [FunctionLogicalId] <event.json> [--env-vars env.json] [--template template.yaml]
                          [--parameter-overrides 'Key=Value ...'] [--region us-east-1] [--profile name]
                          [--inspect[=[HOST:]PORT] | --inspect-brk[=…]]
       sam-local invoke [FunctionLogicalId] -e <event.json>
The function id may be left out when the template has one function. --inspect starts the function with the Node
inspector (default 127.0.0.1:9229) and runs at once; --inspect-brk waits until a debugger attaches.
${PROFILE_USAGE}`;

// Exit codes: 0 success, 1 the function failed, 2 bad usage or input (no invocation happened).
class UsageError extends Error {}

function parseCommandLine(argv: string[]): {
  functionId?: string;
  eventPath: string;
  envVars?: string;
  template: string;
  parameters: Record<string, string>;
  region?: string;
  profile?: string;
  inspector?: InspectorOptions;
} {
  let parsed;
  let inspector: InspectorOptions | undefined;
  try {
    const taken = takeInspectorFlag(argv);
    inspector = taken.inspector;
    parsed = parseArgs({
      args: taken.rest,
      allowPositionals: true,
      options: {
        event: { type: 'string', short: 'e' },
        'env-vars': { type: 'string', short: 'n' },
        'parameter-overrides': { type: 'string' },
        template: { type: 'string', short: 't' },
        region: { type: 'string' },
        profile: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  const args = [...positionals];
  const eventPath = values.event ?? args.pop();
  if (!eventPath) throw new UsageError('No event file given');
  if (args.length > 1) throw new UsageError(`Unexpected arguments: ${args.slice(1).join(' ')}`);
  return {
    ...(args[0] ? { functionId: args[0] } : {}),
    eventPath,
    ...(values['env-vars'] ? { envVars: values['env-vars'] } : {}),
    template: values.template ?? 'template.yaml',
    parameters: values['parameter-overrides'] ? parseOverrides(values['parameter-overrides']) : {},
    ...(values.region ? { region: values.region } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    ...(inspector ? { inspector } : {}),
  };
}

function parseOverrides(text: string): Record<string, string> {
  try {
    return parseParameterOverrides(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function readEvent(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read event file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Event file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

async function invokeOnce(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv);
  const event = readEvent(args.eventPath);
  applyProfileFlag(args.profile);
  const { region } = resolveRegion(args.region);
  const loaded = loadTemplate(args.template, { parameterOverrides: args.parameters, region });
  const fn = findFunction(loaded, args.functionId);
  for (const line of templateLines(loaded)) process.stderr.write(`Note: ${line}\n`);
  const envVars = args.envVars ? readEnvVarsFile(args.envVars) : undefined;
  const overrides = envOverridesFor(envVars, fn.logicalId);
  for (const line of environmentNotes(loaded, fn, { overrides, ownSection: envVars?.[fn.logicalId] })) {
    process.stderr.write(`${line}\n`);
  }

  const { inspector } = args;
  // Source maps for the local build only: stack traces and breakpoints point at the TypeScript sources.
  const outdir = join(loaded.dir, '.aws-sam', 'local-build', fn.logicalId);
  const code = await prepareFunctionCode(fn, outdir, {
    local: { localSourceMaps: true, ...(inspector ? { readableNames: true } : {}) },
  });
  for (const note of functionNotes(fn)) process.stderr.write(`${note}\n`);
  const node = nodeFor(fn.runtime);
  if (!node.exact) process.stderr.write(`${node.summary}\n`);
  if (inspector) process.stderr.write(`${attachLine(fn.logicalId, inspector, 0)}\n`);
  const warning = exposureWarning(inspector ? { inspector } : {});
  if (warning) process.stderr.write(`${warning}\n`);
  const runtime = new FunctionRuntime({
    fn,
    taskRoot: code.taskRoot,
    handler: code.handler,
    nodePath: layerNodePath(fn.layers, fn.runtime),
    execPath: node.execPath,
    environment: lambdaEnvironment(fn, { region, overrides }),
    onOutput: (line) => process.stderr.write(`${line}\n`),
    nodeFlags: ['--enable-source-maps', ...(inspector ? [inspectorFlag(inspector, 0)] : [])],
    debugging: inspector !== undefined,
  });
  try {
    const { payload, functionError } = invocationPayload(await runtime.invoke(event));
    // A streaming function's payload is its bytes as written: they go out as they are.
    process.stdout.write(Buffer.concat([Buffer.from(payload), Buffer.from('\n')]));
    return functionError ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

/** Runs one invocation; resolves to the exit code: 0 success, 1 the function failed, 2 bad usage or input. */
export function invoke(argv: string[]): Promise<number> {
  return invokeOnce(argv).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof UsageError ? `${message}\n${USAGE}` : `sam-local invoke failed: ${message}`);
    return 2;
  });
}
