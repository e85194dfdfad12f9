import type { FunctionSpec } from './functions';
import type { Template } from './template';

/** Local stand-ins for the pseudo parameters a deployed stack resolves. */
export const LOCAL_PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::StackName': 'local',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * Resolves a template value that can be known without deploying: literals, `Ref` to a parameter
 * (its default or an override) or a pseudo parameter, and `Fn::Sub` over those. Returns undefined
 * for anything else (for example `Fn::GetAtt`), which only a deployed stack can answer.
 */
export function resolveLocalValue(
  template: Template,
  value: unknown,
  parameters: Record<string, string> = {},
): string | undefined {
  const lookup = (name: string): string | undefined => {
    if (name in parameters) return parameters[name];
    if (name in LOCAL_PSEUDO_PARAMETERS) return LOCAL_PSEUDO_PARAMETERS[name];
    const parameter = template.Parameters?.[name];
    return parameter && 'Default' in parameter ? String(parameter.Default) : undefined;
  };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null) return undefined;
  if ('Ref' in value) return lookup(String(value.Ref));
  if ('Fn::Sub' in value) {
    const sub = value['Fn::Sub'];
    if (typeof sub !== 'string') return undefined;
    let unresolved = false;
    const text = sub.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
      const resolved = lookup(name.trim());
      if (resolved === undefined) unresolved = true;
      return resolved ?? '';
    });
    return unresolved ? undefined : text;
  }
  return undefined;
}

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
