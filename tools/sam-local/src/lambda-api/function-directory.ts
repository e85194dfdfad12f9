import { readFunctions } from '../template/functions';
import { resolveLocalValue } from '../template/parameters';
import type { LoadedTemplate } from '../template/template';

export interface InvokableFunction {
  functionId: string;
  /** Qualifiers that name this function locally: $LATEST, and its AutoPublishAlias when it has one. */
  qualifiers: Set<string>;
}

/**
 * Looks a function up by the name a client gives: its logical id (as `sam local start-lambda` does), or its
 * FunctionName property when that resolves without deploying.
 */
export function functionDirectory(
  loaded: LoadedTemplate,
  functionIds: string[],
  parameters: Record<string, string> = {},
): (name: string) => InvokableFunction | undefined {
  const byName = new Map<string, InvokableFunction>();
  const { functions, skipped } = readFunctions(loaded, parameters);
  // Skipped functions are found too: invoking one answers with why it cannot run.
  for (const fn of [...functions, ...skipped]) {
    if (!functionIds.includes(fn.logicalId)) continue;
    const alias = resolveLocalValue(loaded.template, fn.properties.AutoPublishAlias, parameters);
    const entry = { functionId: fn.logicalId, qualifiers: new Set(['$LATEST', ...(alias ? [alias] : [])]) };
    byName.set(fn.logicalId, entry);
    const functionName = resolveLocalValue(loaded.template, fn.properties.FunctionName, parameters);
    if (functionName && !byName.has(functionName)) byName.set(functionName, entry);
  }
  return (name) => byName.get(name);
}
