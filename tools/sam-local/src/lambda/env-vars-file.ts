import { readFileSync } from 'node:fs';

/**
 * A `sam local --env-vars` file: `{ "Parameters": { ... }, "<FunctionLogicalId>": { ... } }`.
 * Parameters apply to every function; a function's own section wins.
 */
export type EnvVarsFile = Record<string, Record<string, string>>;

export function readEnvVarsFile(path: string): EnvVarsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read env-vars file ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`Env-vars file ${path} must be a JSON object of sections ("Parameters" or a function id)`);
  }
  const file: EnvVarsFile = {};
  for (const [section, variables] of Object.entries(parsed)) {
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
      throw new Error(`Env-vars file ${path}: section "${section}" must be an object of NAME: value`);
    }
    file[section] = {};
    for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
      if (!['string', 'number', 'boolean'].includes(typeof value)) {
        throw new Error(`Env-vars file ${path}: ${section}.${name} must be a string, number or boolean`);
      }
      file[section][name] = String(value);
    }
  }
  return file;
}

export function envOverridesFor(file: EnvVarsFile | undefined, functionId: string): Record<string, string> {
  return { ...file?.Parameters, ...file?.[functionId] };
}
