import { existsSync, readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';

/** The stack output holding the full GET /hello URL (template.yaml, Outputs). */
export const URL_OUTPUT_KEY = 'HelloApiUrl';

/** What to tell a developer who has neither a URL nor a reachable stack. */
export const HOW_TO_CONFIGURE =
  'Set API_URL to the full /hello URL (e.g. API_URL=https://abc123.execute-api.eu-west-1.amazonaws.com/dev/hello), ' +
  'or, for a deployed stack (AWS_SAM_STACK_NAME, default: stack_name in samconfig.toml), have the SAM CLI or the ' +
  'AWS CLI on PATH with credentials and a region (AWS_REGION or an AWS profile).';

export type Endpoint =
  /** Run the checks against url. */
  | { kind: 'url'; url: URL; source: string }
  /** Nothing to test against: no URL, no credentials or region, or the stack can't be described. */
  | { kind: 'skip'; reason: string }
  /** Configured, but wrongly: a malformed API_URL, or a stack without the URL output. */
  | { kind: 'error'; reason: string };

/** Reads a stack's outputs (key → value). Throws when the stack can't be described. */
export type DescribeStackOutputs = (stackName: string) => Promise<Record<string, string>>;

/** `[default.global.parameters] stack_name` (or the deploy table's) from samconfig.toml text. */
export function stackNameFromSamConfig(text: string): string | undefined {
  const config = parseToml(text);
  const defaults = table(config.default);
  for (const command of ['global', 'deploy']) {
    const name = table(table(defaults[command]).parameters).stack_name;
    if (typeof name === 'string' && name.trim() !== '') return name.trim();
  }
  return undefined;
}

/** AWS_SAM_STACK_NAME, else samconfig.toml's stack name, else undefined. */
export function resolveStackName(env: NodeJS.ProcessEnv, samConfigPath: string): string | undefined {
  const fromEnv = env.AWS_SAM_STACK_NAME?.trim();
  if (fromEnv) return fromEnv;
  return existsSync(samConfigPath) ? stackNameFromSamConfig(readFileSync(samConfigPath, 'utf8')) : undefined;
}

/** An http(s) URL, or undefined for anything else. */
export function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decides where the checks run: API_URL wins; otherwise the stack's HelloApiUrl output, read with
 * describe (the SAM CLI or AWS CLI, with the credentials and region they find).
 */
export async function discoverEndpoint(
  env: NodeJS.ProcessEnv,
  samConfigPath: string,
  describe: DescribeStackOutputs,
): Promise<Endpoint> {
  const apiUrl = env.API_URL?.trim();
  if (apiUrl) {
    const url = parseHttpUrl(apiUrl);
    return url
      ? { kind: 'url', url, source: 'API_URL' }
      : { kind: 'error', reason: `API_URL is not an http(s) URL: ${JSON.stringify(apiUrl)}` };
  }

  const stackName = resolveStackName(env, samConfigPath);
  if (!stackName) {
    return { kind: 'skip', reason: `No API_URL and no stack name (AWS_SAM_STACK_NAME or samconfig.toml).` };
  }
  let outputs: Record<string, string>;
  try {
    outputs = await describe(stackName);
  } catch (error) {
    return { kind: 'skip', reason: `No API_URL, and stack ${stackName} can't be described: ${describeError(error)}` };
  }
  const value = outputs[URL_OUTPUT_KEY];
  const url = value === undefined ? undefined : parseHttpUrl(value);
  if (!url) {
    return {
      kind: 'error',
      reason: `Stack ${stackName} has no usable ${URL_OUTPUT_KEY} output (found ${JSON.stringify(value ?? null)})`,
    };
  }
  return { kind: 'url', url, source: `stack ${stackName}, output ${URL_OUTPUT_KEY}` };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
}

function table(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
