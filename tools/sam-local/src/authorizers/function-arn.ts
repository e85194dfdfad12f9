import { isFunctionResource } from '../template/function-types';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';

/**
 * The logical id of the template's function an authorizer's FunctionArn names: `!GetAtt Fn.Arn` (SAM's own
 * examples), `!Sub ${Fn.Arn}`, or a literal ARN whose function name is a function's FunctionName or logical id.
 * Undefined for a function the template does not hold. The value is resolved as start-api resolves the template
 * (`!GetAtt Fn.Arn` is sam local's ARN of Fn, named by its FunctionName or logical id), then its name looked up.
 */
export function functionIdOfArn(
  template: Template,
  value: unknown,
  parameters: Record<string, string>,
): string | undefined {
  const arn = resolveLocalValue(template, value, parameters);
  const name = arn === undefined ? undefined : /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(arn)?.[1];
  if (name === undefined) return undefined;
  return Object.keys(template.Resources).find(
    (id) =>
      isFunctionResource(template.Resources[id]) &&
      (id === name ||
        resolveLocalValue(template, template.Resources[id]!.Properties?.FunctionName, parameters) === name),
  );
}
