import { evaluate, Unresolvable } from './intrinsics';
import { resolutionContextOf, templateScope } from './resolve-template';
import { DEFAULT_REGION, LOCAL_ACCOUNT_ID, LOCAL_STACK_NAME } from './symbols';
import type { Template } from './types';

/** The stand-ins sam local uses for what only a deployed stack knows (the region is resolved: see region.ts). */
export const LOCAL_PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::AccountId': LOCAL_ACCOUNT_ID,
  'AWS::StackName': LOCAL_STACK_NAME,
};

/**
 * A template value as text, or undefined when it is not a string, number or boolean once resolved. Values of a
 * template from loadTemplate (or resolveTemplate) are already resolved; an intrinsic function given here is evaluated
 * with that template's region and parameter overrides (plus `parameters`), as resolveTemplate would.
 */
export function resolveLocalValue(
  template: Template,
  value: unknown,
  parameters: Record<string, string> = {},
): string | undefined {
  const context = resolutionContextOf(template);
  const scope = templateScope(
    template,
    {
      region: context?.region ?? DEFAULT_REGION,
      parameterOverrides: { ...context?.parameterOverrides, ...parameters },
      ...(context?.templateDir === undefined ? {} : { templateDir: context.templateDir }),
    },
    () => undefined,
  );
  let resolved: unknown;
  try {
    resolved = evaluate(value, scope);
  } catch (error) {
    if (error instanceof Unresolvable) return undefined;
    throw error;
  }
  return ['string', 'number', 'boolean'].includes(typeof resolved) ? String(resolved) : undefined;
}

/**
 * Parses sam's `--parameter-overrides` shorthand: `Key=Value Other="a value"` (quotes optional).
 * Throws on anything else, naming the part it could not read.
 */
export function parseParameterOverrides(text: string): Record<string, string> {
  const overrides: Record<string, string> = {};
  const pattern = /\s*([A-Za-z0-9]+)=("[^"]*"|'[^']*'|[^\s"']*)\s*/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match?.[1] || match[2] === undefined) {
      throw new Error(`Cannot read parameter override at "${text.slice(at)}": use Key=Value pairs separated by spaces`);
    }
    const value = match[2];
    overrides[match[1]] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
    at = pattern.lastIndex;
  }
  return overrides;
}
