// sam-local invoke (the starter's npm run invoke): the Docker-free equivalent of `sam local invoke [FunctionId] -e event.json`.
// The result goes to stdout as JSON, the function's logs to stderr.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildFunction } from '../lambda/build';
import { envOverridesFor, readEnvVarsFile } from '../lambda/env-vars-file';
import { lambdaEnvironment } from '../lambda/environment';
import { parseParameterOverrides } from '../template/parameters';
import { findFunction } from '../template/functions';
import { loadTemplate } from '../template/template';
import { FunctionRuntime } from '../lambda/runtime';
import { nodeFor } from '../lambda/node-binary';

const USAGE = `Usage: sam-local invoke [FunctionLogicalId] <event.json> [--env-vars env.json] [--template template.yaml]
                          [--parameter-overrides 'Key=Value ...']
       sam-local invoke [FunctionLogicalId] -e <event.json>
The function id may be left out when the template has one function.`;

// Exit codes: 0 success, 1 the function failed, 2 bad usage or input (no invocation happened).
class UsageError extends Error {}

function parseCommandLine(argv: string[]): {
  functionId?: string;
  eventPath: string;
  envVars?: string;
  template: string;
  parameters: Record<string, string>;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        event: { type: 'string', short: 'e' },
        'env-vars': { type: 'string', short: 'n' },
        'parameter-overrides': { type: 'string' },
        template: { type: 'string', short: 't' },
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
  const loaded = loadTemplate(args.template);
  const fn = findFunction(loaded, args.functionId, args.parameters);
  const envVars = args.envVars ? readEnvVarsFile(args.envVars) : undefined;

  const { handlerPath } = await buildFunction(fn, join(loaded.dir, '.aws-sam', 'local-build', fn.logicalId));
  const node = nodeFor(fn.runtime);
  if (!node.exact) process.stderr.write(`${node.summary}\n`);
  const runtime = new FunctionRuntime({
    fn,
    handlerPath,
    execPath: node.execPath,
    environment: lambdaEnvironment(loaded.template, fn, envOverridesFor(envVars, fn.logicalId), args.parameters),
    onOutput: (line) => process.stderr.write(`${line}\n`),
  });
  try {
    const outcome = await runtime.invoke(event);
    switch (outcome.kind) {
      case 'result':
        process.stdout.write(`${JSON.stringify(outcome.result)}\n`);
        return 0;
      case 'error':
        process.stdout.write(
          `${JSON.stringify({ errorType: outcome.errorType, errorMessage: outcome.errorMessage, trace: outcome.stackTrace })}\n`,
        );
        return 1;
      case 'timeout':
        process.stdout.write(
          `${JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${outcome.timeoutSeconds.toFixed(2)} seconds` })}\n`,
        );
        return 1;
      case 'crash':
      case 'unavailable':
        process.stdout.write(`${JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: outcome.reason })}\n`);
        return 1;
    }
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
