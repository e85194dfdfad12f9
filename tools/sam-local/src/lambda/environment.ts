import type { FunctionSpec } from '../template/functions';
import { resolutionContextOf } from '../template/resolve-template';
import { DEFAULT_REGION } from '../template/symbols';
import type { LoadedTemplate, Template } from '../template/template';

export interface EnvironmentSources {
  /** The region the functions run in (resolveRegion). */
  region: string;
  /** The --env-vars file's values for this function (envOverridesFor). */
  overrides?: Record<string, string>;
  /** The shell's environment; a variable the template declares takes its value from here when set. */
  shell?: Record<string, string | undefined>;
  /** The toolkit's own settings (POWERTOOLS_DEV for pretty logs), over everything else. */
  toolkit?: Record<string, string>;
}

/**
 * The environment `sam local` gives a function (aws/aws-sam-cli samcli/local/lambdafn/env_vars.py,
 * EnvironmentVariables.resolve): AWS_SAM_LOCAL=true and the variables the Lambda runtime sets, then each variable the
 * template declares (Globals, then the function's), its value taken from the --env-vars file if it names it, else from
 * the shell if set there, else from the template. A variable the template does not declare is never added: neither the
 * shell's nor the file's. An unresolved value (an intrinsic only a deployed stack can answer) or null is "";
 * true and false are "true" and "false".
 */
export function lambdaEnvironment(fn: FunctionSpec, sources: EnvironmentSources): Record<string, string>;
/**
 * The form before issue 19, kept for its callers (the starter's bundle test, the benchmark): the template's region,
 * `overrides` as the env-vars file's, and no shell values, so the result does not depend on who runs it.
 */
export function lambdaEnvironment(
  template: Template,
  fn: FunctionSpec,
  overrides?: Record<string, string>,
): Record<string, string>;
export function lambdaEnvironment(
  first: FunctionSpec | Template,
  second: EnvironmentSources | FunctionSpec,
  legacyOverrides: Record<string, string> = {},
): Record<string, string> {
  if ('Resources' in first) {
    const region = resolutionContextOf(first)?.region ?? DEFAULT_REGION;
    return environmentOf(second as FunctionSpec, { region, overrides: legacyOverrides, shell: {} });
  }
  return environmentOf(first, second as EnvironmentSources);
}

function environmentOf(fn: FunctionSpec, sources: EnvironmentSources): Record<string, string> {
  const { region, overrides = {}, shell = process.env, toolkit = {} } = sources;
  const functionName = fn.logicalId;
  const logging = (fn.properties.LoggingConfig ?? {}) as Record<string, unknown>;
  const env: Record<string, string> = {
    // Code checks this to behave locally: Powertools Tracer, for one, does not trace under sam local.
    AWS_SAM_LOCAL: 'true',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: typeof logging.LogGroup === 'string' ? logging.LogGroup : `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '$LATEST',
    // Powertools reports a cold start only when Lambda says the environment was started on demand.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    TZ: ':UTC',
  };
  // With LogFormat JSON, Lambda's log controls announce their levels (Powertools reads AWS_LAMBDA_LOG_LEVEL).
  if (logging.LogFormat === 'JSON') {
    env.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    env.AWS_LAMBDA_LOG_LEVEL = environmentText(logging.ApplicationLogLevel ?? 'INFO');
  }
  for (const [name, value] of Object.entries(fn.environment)) {
    const given = overrides[name] ?? shell[name];
    env[name] = given ?? environmentText(value);
  }
  return { ...env, ...toolkit };
}

/** A template value as a variable's text, by env_vars.py's _stringify_value. */
export function environmentText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A map or a list (an intrinsic only a deployed stack can answer), null: blank.
  return '';
}

/**
 * One line for each variable of the function whose template value only a deployed stack knows, saying what it is
 * locally (unless the --env-vars file or the shell gives it), and one naming the variables the file's section for this
 * function sets that the template does not declare (sam local ignores those).
 */
export function environmentNotes(
  loaded: LoadedTemplate,
  fn: FunctionSpec,
  sources: Pick<EnvironmentSources, 'overrides' | 'shell'> & { ownSection?: Record<string, string> },
): string[] {
  const { overrides = {}, shell = process.env, ownSection = {} } = sources;
  const ownVariables = variablesOf(loaded.template.Resources[fn.logicalId]?.Properties);
  const lines: string[] = [];
  for (const note of loaded.notes ?? []) {
    const [section, id] = note.path;
    const inFunction = section === 'Resources' && id === fn.logicalId && note.path[2] === 'Properties';
    const inGlobals = section === 'Globals' && id === 'Function';
    const where = inFunction ? note.path.slice(3) : inGlobals ? note.path.slice(2) : [];
    if (where[0] !== 'Environment' && where[0] !== 'LoggingConfig') continue;
    const variable = where[0] === 'Environment' ? where[2] : undefined;
    if (variable !== undefined) {
      if (Object.hasOwn(overrides, variable) || shell[variable] !== undefined) continue;
      // The function's own value of a variable wins over the one in Globals.
      if (inGlobals && Object.hasOwn(ownVariables, variable)) continue;
    }
    const local = note.resolved
      ? `${JSON.stringify(environmentText(note.value))} locally`
      : '"" locally, as under sam local';
    lines.push(`${fn.logicalId}: ${variable ?? where.join('.')} = ${note.written} is ${local}: ${note.why}`);
  }
  const undeclared = Object.keys(ownSection).filter((name) => !Object.hasOwn(fn.environment, name));
  if (undeclared.length > 0) {
    lines.push(
      `${fn.logicalId}: --env-vars sets ${undeclared.join(', ')}, which the template does not declare for it: ignored, as sam local ignores them (declare them under Environment.Variables)`,
    );
  }
  return lines;
}

function variablesOf(properties: Record<string, unknown> | undefined): Record<string, unknown> {
  const variables = (properties?.Environment as { Variables?: unknown } | undefined)?.Variables;
  return typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : {};
}
