import type { FunctionSpec } from '../template/functions';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';

/**
 * The environment Lambda gives this function: the template's variables (Globals, then the
 * function's), the AWS_* variables the runtime sets, then overrides (a `sam local --env-vars`
 * style map) last.
 */
export function lambdaEnvironment(
  template: Template,
  fn: FunctionSpec,
  overrides: Record<string, string> = {},
  parameters: Record<string, string> = {},
): Record<string, string> {
  const region = resolveLocalValue(template, { Ref: 'AWS::Region' }, parameters) ?? 'us-east-1';
  const functionName = fn.logicalId;
  const logging = (fn.properties.LoggingConfig ?? {}) as Record<string, unknown>;
  const env: Record<string, string> = {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME:
      resolveLocalValue(template, logging.LogGroup, parameters) ?? `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '$LATEST',
    // Powertools reports a cold start only when Lambda says the environment was started on demand.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    TZ: ':UTC',
  };
  // With LogFormat JSON, Lambda's log controls announce their levels (Powertools reads AWS_LAMBDA_LOG_LEVEL).
  if (logging.LogFormat === 'JSON') {
    env.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    env.AWS_LAMBDA_LOG_LEVEL = resolveLocalValue(template, logging.ApplicationLogLevel ?? 'INFO', parameters) ?? 'INFO';
  }
  for (const [name, value] of Object.entries(fn.environment)) {
    const resolved = resolveLocalValue(template, value, parameters);
    if (resolved !== undefined) env[name] = resolved;
  }
  return { ...env, ...overrides };
}
