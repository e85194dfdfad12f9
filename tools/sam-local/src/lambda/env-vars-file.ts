import { readFileSync } from 'node:fs';

/**
 * A `sam local --env-vars` file: `{ "Parameters": { ... }, "<FunctionLogicalId>": { ... } }`.
 * Parameters apply to every function; a function's own section wins.
 */
export type EnvVarsFile = Record<string, Record<string, string>>;

// Lambda's rule for a variable's name: the Environment.Variables key pattern of the Lambda API reference
// (https://docs.aws.amazon.com/lambda/latest/dg/API_Environment.html): a letter, then at least one letter, digit or
// underscore. CreateFunction refuses any other name, so a name the deployed function could never have is refused
// here too, before it reaches a worker (a name with `=` or NUL cannot even be put into a process's environment).
const LAMBDA_VARIABLE_NAME = /^[a-zA-Z]([a-zA-Z0-9_])+$/;

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
  const refused: string[] = [];
  for (const [section, variables] of Object.entries(parsed)) {
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
      throw new Error(`Env-vars file ${path}: section "${section}" must be an object of NAME: value`);
    }
    file[section] = {};
    for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
      if (!['string', 'number', 'boolean'].includes(typeof value)) {
        throw new Error(`Env-vars file ${path}: ${section}.${name} must be a string, number or boolean`);
      }
      if (!LAMBDA_VARIABLE_NAME.test(name)) refused.push(`${section}: ${JSON.stringify(name)}`);
      // A process environment cannot hold NUL: the value could never reach the function.
      else if (String(value).includes('\0')) refused.push(`${section}: the value of ${name} (it contains NUL)`);
      file[section][name] = String(value);
    }
  }
  if (refused.length > 0) {
    throw new Error(
      `Env-vars file ${path}: ${refused.length === 1 ? 'this variable is' : 'these variables are'} not ones Lambda ` +
        `accepts: ${refused.join('; ')}. A name starts with a letter and has at least two characters, all letters, ` +
        `digits or underscores (Lambda's pattern [a-zA-Z]([a-zA-Z0-9_])+).`,
    );
  }
  return file;
}

export function envOverridesFor(file: EnvVarsFile | undefined, functionId: string): Record<string, string> {
  return { ...file?.Parameters, ...file?.[functionId] };
}
